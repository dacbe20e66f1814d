import Dispatch
import Foundation
import Library
import Storage

/// Resume state and playlists: the file work, kept off the lock and off the caller's thread
/// where it can be.
extension Player {
    // MARK: resume state

    /// Puts the saved queue back: the same entries, the current one at its position, paused.
    /// A damaged or newer file gives an empty queue and one notice. Each entry's location is
    /// parsed here, once; an entry that is not one (an http URL an older s3play may have kept)
    /// is left out with one notice, and the file is first copied aside so it is not lost.
    public func restoreSavedState() {
        guard let store = configuration.stateStore else { return }
        let loaded = store.load()
        let resolve = configuration.resolveSong
        var items: [QueueItem] = []
        var currentIndex = loaded.state.currentIndex
        var leftOut: [String] = []
        for (index, saved) in loaded.state.entries.enumerated() {
            if let id = saved.songID.map(SongID.init), let song = resolve?(id) {
                items.append(QueueItem(song: song))
                continue
            }
            do {
                let location = try StorageLocation(parsing: saved.location)
                items.append(QueueItem(title: saved.title, artist: saved.artist, album: saved.album,
                                       location: TrackLocation(location),
                                       durationSeconds: saved.durationSeconds, songID: saved.songID.map(SongID.init)))
            } catch {
                leftOut.append(error.description)
                if let current = currentIndex { currentIndex = index == current ? nil : (index < current ? current - 1 : current) }
            }
        }
        var notice = loaded.notice
        if let first = leftOut.first {
            let kept = store.keepCopy(label: "unplayable").map { "the saved queue was copied to \($0)" }
                ?? "the saved queue could not be copied aside"
            let count = leftOut.count == 1 ? "1 saved entry was" : "\(leftOut.count) saved entries were"
            notice = "\(count) left out of the queue (\(first)); \(kept)."
        }
        mutate {
            stopEngine()
            var restored = PlayQueue(random: configuration.random)
            restored.append(items)
            if let index = currentIndex { restored.jump(toIndex: index) }
            restored.repeatMode = loaded.state.repeatMode
            restored.setShuffle(loaded.state.shuffle)
            queue = restored
            volume = min(100, max(0, loaded.state.volumePercent))
            mode = queue.current == nil ? .stopped : .cued(seconds: loaded.state.positionSeconds)
            if let text = notice { note(text) }
        }
    }

    /// Saves the state with the position heard now, then ends playback and waits for it.
    public func shutdown() {
        lock.lock()
        let state = currentState()
        stopEngine()
        mode = queue.current == nil ? .stopped : .cued(seconds: state.positionSeconds)
        lock.unlock()
        control.sync {}
        stateQueue.sync {
            positionTimer?.cancel()
            positionTimer = nil
            save(state)
        }
    }

    /// Under the lock.
    func currentState() -> PlayerState {
        var position = 0.0
        switch mode {
        case .stopped: break
        case .cued(let seconds): position = seconds
        case .running(let run):
            position = run.startSeconds
            if let engine = run.engine, let index = feed.startedIndex, engine.snapshot.trackIndex == index {
                position = engine.snapshot.elapsedSeconds
            }
        }
        return PlayerState(queue: queue, positionSeconds: position, volumePercent: volume)
    }

    /// Called after every change: one write soon, however many changes come before it.
    func requestSave() {
        guard configuration.stateStore != nil else { return }
        lock.lock()
        let first = !saveScheduled
        saveScheduled = true
        lock.unlock()
        guard first else { return }
        stateQueue.async { [self] in
            lock.lock()
            saveScheduled = false
            let state = currentState()
            lock.unlock()
            save(state)
        }
    }

    /// The position moves all the time; it is written only this often while playing.
    func startPositionTimer() {
        guard configuration.stateStore != nil, configuration.positionSaveInterval > 0 else { return }
        let timer = DispatchSource.makeTimerSource(queue: stateQueue)
        let interval = configuration.positionSaveInterval
        timer.schedule(deadline: .now() + interval, repeating: interval)
        timer.setEventHandler { [weak self] in
            guard let self else { return }
            lock.lock()
            let state = currentState()
            lock.unlock()
            save(state)
        }
        stateQueue.sync { positionTimer = timer }
        timer.resume()
    }

    /// On the state queue.
    private func save(_ state: PlayerState) {
        guard let store = configuration.stateStore, state != lastSaved else { return }
        do {
            try store.save(state)
            lastSaved = state
        } catch {
            guard !saveFailureReported else { return }
            saveFailureReported = true
            if case .superseded = error {
                mutate { note("The queue was not saved over a newer one: \(error)") }
            } else {
                mutate { note("Cannot save the queue for next time: \(error)") }
            }
        }
    }

    // MARK: playlists

    func savePlaylist(_ name: String) {
        guard let store = configuration.playlists else { return mutate { note("Playlists are not available.") } }
        lock.lock()
        let items = queue.entries.map(\.item)
        lock.unlock()
        do {
            try store.save(items, as: name)
            mutate { note("Saved \(items.count) \(items.count == 1 ? "entry" : "entries") as “\(name)”.") }
        } catch {
            mutate { note(error.description) }
        }
    }

    func loadPlaylist(_ name: String) {
        guard let store = configuration.playlists else { return mutate { note("Playlists are not available.") } }
        do {
            let contents = try store.load(name)
            mutate {
                queueBeforeLastEdit = queue
                stopEngine()
                mode = .stopped
                queue.clear()
                queue.append(contents.items)
                note(Self.summary(of: contents, "Loaded “\(name)”"))
            }
        } catch {
            mutate { note(error.description) }
        }
    }

    func importPlaylist(_ path: String) {
        do {
            let contents = try PlaylistStore.read(URL(fileURLWithPath: path))
            mutate {
                queueBeforeLastEdit = queue
                queue.append(contents.items)
                queueEdited()
                note(Self.summary(of: contents, "Added \((path as NSString).lastPathComponent)"))
            }
        } catch {
            mutate { note(error.description) }
        }
    }

    private static func summary(of contents: M3UContents, _ opening: String) -> String {
        var text = "\(opening): \(contents.items.count) \(contents.items.count == 1 ? "entry" : "entries")"
        if let first = contents.unresolved.first {
            text += "; \(contents.unresolved.count) not found (line \(first.line): \(first.reason))"
        }
        return text + "."
    }
}
