import Foundation
import PlaybackCore

/// Engine runs: one `PlaybackEngine` plays from one starting entry until it is stopped or the
/// queue ends. Playing anything but what the engine would play next (jump, previous, removing
/// the current entry) ends the run and starts a new one at that entry.
extension Player {
    /// Ends the current run (if any) and starts one at the queue's current entry. Under the lock.
    func startRun(at seconds: Double) {
        stopEngine()
        feed.beginRun()
        let generation = feed.generation
        mode = .running(EngineRun(engine: nil, startSeconds: seconds))
        // Queued behind the stopped run's teardown: one engine holds the output at a time.
        control.async { [self] in launch(generation) }
    }

    /// Tells the running engine to stop now (it writes nothing more once it sees the command)
    /// and waits for it to close on the control queue. Under the lock.
    func stopEngine() {
        guard case .running(let run) = mode else { return }
        feed.beginRun()  // the old run's late callbacks are ignored from here on
        guard let engine = run.engine else { return }
        engine.send(.stop)
        control.async { engine.waitUntilFinished() }
    }

    /// After an edit that leaves the current entry playing: if the engine was handed a next
    /// track that no longer follows, it drops it and asks again. Under the lock.
    func queueEdited() {
        guard case .running(let run) = mode, !feed.keepsAhead(of: queue) else { return }
        run.engine?.send(.discardUpcoming)
    }

    /// On the control queue: builds and starts the engine of run `generation`, unless a newer
    /// command ended that run first.
    private func launch(_ generation: Int) {
        let output = configuration.makeOutput()
        lock.lock()
        guard feed.generation == generation, case .running(var run) = mode else {
            lock.unlock()
            output.close()
            return
        }
        let engine = PlaybackEngine(
            output: output, configuration: configuration.engine,
            decoders: configuration.decoders,
            nextTrack: { [weak self] in self?.handOver(generation) },
            onEvent: { [weak self] event in self?.engineReported(event, generation: generation) })
        run.engine = engine
        mode = .running(run)
        if run.paused { engine.send(.pause) }
        let startSeconds = run.startSeconds, volume = volume
        lock.unlock()
        engine.start(startSeconds: startSeconds, volumePercent: volume)
    }

    /// The engine's `nextTrack`, on the audio thread.
    private func handOver(_ generation: Int) -> PlaybackTrack? {
        lock.lock()
        guard feed.generation == generation, let entry = feed.handOver(from: queue) else {
            lock.unlock()
            return nil
        }
        lock.unlock()
        return configuration.openTrack(entry)
    }

    /// The engine's events, on the audio thread; those of ended runs are ignored.
    private func engineReported(_ event: PlaybackEvent, generation: Int) {
        mutate {
            guard feed.generation == generation else { return }
            switch event {
            case .trackStarted(let index, _, _):
                trackStarted(index: index)
            case .trackFailed(let index, let title, let error):
                let entry = feed.failed(index: index).flatMap(queue.entry)
                let message = "Cannot play \(title): \(error)"
                note(message)
                logError(message)
                outbox.append(.trackFailed(entry, message: message))
            case .trackTruncated(_, let title):
                note("\(title) was cut short: the file ends before its header says it should.")
            case .notice(let text):
                // The engine's notices are failures it played around (a device that went away).
                note(text)
                logError(text)
            case .waiting(_, let wait):
                // The queue stays where it is: an unreachable endpoint is not an answer about
                // the track (issue #12 §4). The whole reason goes to the message line and the log.
                let message = "Waiting for \(wait.location): \(wait.reason). It plays on by itself when it can be reached."
                note(message)
                logError(message)
            case .finished:
                // Only a run that played out gets here: stopped runs are an older generation.
                // Its thread is still returning from this callback: join it on the control queue,
                // so the next run starts after this one has let go of everything.
                if case .running(let run) = mode, let engine = run.engine {
                    control.async { engine.waitUntilFinished() }
                }
                queue.next(.trackEnded)
                feed.beginRun()
                mode = queue.current.map { _ in .cued(seconds: 0) } ?? .stopped
                outbox.append(.queueFinished)
            }
        }
    }

    /// Under the lock: the write happens on the state queue, never on the audio thread.
    private func logError(_ message: String) {
        guard let log = configuration.errorLog else { return }
        stateQueue.async { log.append(message) }
    }

    private func trackStarted(index: Int) {
        switch feed.started(index: index, queue: queue) {
        case .advanced(let advanced):
            queue = advanced
        case .jumpedTo(let id):
            queue.playNow(id)
        case .removed:
            // The engine reached an entry removed a moment before it heard about it.
            queue.next(.trackEnded)
            return followCurrent()
        }
        if index > 0, case .running(var run) = mode {
            run.startSeconds = 0
            mode = .running(run)
        }
        if let current = queue.current { outbox.append(.trackStarted(current)) }
    }
}
