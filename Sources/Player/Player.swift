import Dispatch
import Foundation
import Library
import PlaybackCore

/// The layer between the UI (keys, `:` commands, the remote socket) and the playback engine:
/// it owns the queue, turns `PlayerCommand`s into queue changes and engine runs, keeps the
/// engine fed from the queue, publishes `PlayerSnapshot`s and saves the resume state.
///
/// Thread-safe. State changes happen under one short lock; nothing under it waits on the
/// engine, the disk or the caller. Tearing down an engine run (waiting for its thread and
/// output to close) happens on the player's own serial queue, so `send` returns at once,
/// even from the audio thread or a change callback.
public final class Player: @unchecked Sendable {
    enum Mode {
        case stopped
        /// Paused with no engine: after a restore, or moving while paused. `play` starts here.
        case cued(seconds: Double)
        case running(EngineRun)
    }

    struct EngineRun {
        /// nil until the run is launched on the control queue.
        var engine: PlaybackEngine?
        var paused = false
        /// Where the first track starts; the position shown until the engine reports one.
        var startSeconds: Double
    }

    let configuration: Configuration
    private let onEvent: (@Sendable (PlayerEvent) -> Void)?
    let lock = NSLock()
    let control = DispatchQueue(label: "s3play.player")
    let stateQueue = DispatchQueue(label: "s3play.state")

    // Under `lock`:
    var queue: PlayQueue
    var mode = Mode.stopped
    var feed = EngineFeed()
    var volume = 100
    var notice: PlayerNotice?
    var revision = 0
    /// The queue before the last edit, for `undoQueueChange` (one step, as cmus' `u` is not).
    var queueBeforeLastEdit: PlayQueue?
    /// `upcoming` and the total duration of the queue at `revision`: each is a pass over the
    /// queue, and the UI asks for a snapshot several times a second while nothing changes.
    private var derivedAtRevision: (revision: Int, upcoming: [QueueEntryID], total: Double)?
    var outbox: [PlayerEvent] = []
    var saveScheduled = false

    // On `stateQueue` only:
    var lastSaved: PlayerState?
    var saveFailureReported = false
    var positionTimer: DispatchSourceTimer?

    /// `onEvent` is called after each change, on the thread that made it (the caller's, the
    /// audio thread, or the player's queue); it should hand off to the UI thread.
    public init(configuration: Configuration, onEvent: (@Sendable (PlayerEvent) -> Void)? = nil) {
        self.configuration = configuration
        self.onEvent = onEvent
        queue = PlayQueue(random: configuration.random)
        startPositionTimer()
    }

    public func send(_ command: PlayerCommand) {
        switch command {
        case .savePlaylist(let name): savePlaylist(name)
        case .loadPlaylist(let name): loadPlaylist(name)
        case .importPlaylist(let path): importPlaylist(path)
        default: mutate { apply(command) }
        }
    }

    public var snapshot: PlayerSnapshot {
        lock.lock(); defer { lock.unlock() }
        var snapshot = PlayerSnapshot()
        snapshot.current = queue.current
        snapshot.currentIndex = queue.currentIndex
        snapshot.durationSeconds = queue.current?.durationSeconds
        snapshot.volumePercent = volume
        snapshot.shuffle = queue.isShuffled
        snapshot.repeatMode = queue.repeatMode
        snapshot.entries = queue.entries
        if derivedAtRevision?.revision != revision {
            derivedAtRevision = (revision, queue.upcoming.map(\.id), queue.totalDurationSeconds)
        }
        snapshot.upcoming = derivedAtRevision?.upcoming ?? []
        snapshot.totalDurationSeconds = derivedAtRevision?.total ?? 0
        snapshot.notice = notice
        snapshot.revision = revision
        switch mode {
        case .stopped:
            snapshot.state = .stopped
        case .cued(let seconds):
            snapshot.state = .paused
            snapshot.elapsedSeconds = seconds
        case .running(let run):
            snapshot.state = run.paused ? .paused : .playing
            snapshot.elapsedSeconds = run.startSeconds
            if let engine = run.engine {
                let heard = engine.snapshot
                // A wait before the track's first frame counts too: it is the entry shown.
                snapshot.waitingFor = heard.waitingFor
                if heard.state == .waiting, !run.paused { snapshot.state = .waiting }
                if let index = feed.startedIndex, heard.trackIndex == index {
                    snapshot.elapsedSeconds = heard.elapsedSeconds
                    // The engine's estimate counts the tags at the file's end as audio; the
                    // catalog's (AudioTags) does not, so a counted length or none is taken.
                    if heard.durationIsExact || snapshot.durationSeconds == nil {
                        snapshot.durationSeconds = heard.durationSeconds ?? snapshot.durationSeconds
                    }
                    snapshot.bufferedSeconds = heard.bufferedSeconds
                    if let current = snapshot.current {
                        snapshot.formatLabel = AudioFormatLabel.text(location: current.location.description, format: heard.format)
                    }
                }
            }
        }
        return snapshot
    }

    /// Blocks until engine runs that were stopped have closed their outputs and pending state
    /// writes are done (tests, and the CLI before it exits).
    public func waitUntilSettled() {
        control.sync {}
        stateQueue.sync {}
    }

    // MARK: commands (under the lock)

    private func apply(_ command: PlayerCommand) {
        if command.editsQueue { queueBeforeLastEdit = queue }
        switch command {
        case .play: play()
        case .pause: setPaused(true)
        case .togglePause:
            if case .running(let run) = mode { setPaused(!run.paused) } else { play() }
        case .stop:
            stopEngine()
            mode = .stopped
        case .next:
            queue.next(.skip)
            followCurrent()
        case .previous:
            queue.previous()
            followCurrent()
        case .seek(let seconds): seek(.seek(toSeconds: max(0, seconds))) { _ in seconds }
        case .seekBy(let delta): seek(.seekBy(seconds: delta)) { $0 + delta }
        case .setVolume(let percent): setVolume(percent)
        case .adjustVolume(let delta): setVolume(volume + delta)
        case .setShuffle(let on): queue.setShuffle(on); queueEdited()
        case .toggleShuffle: queue.setShuffle(!queue.isShuffled); queueEdited()
        case .setRepeat(let repeatMode): queue.repeatMode = repeatMode; queueEdited()
        case .cycleRepeat: queue.repeatMode = queue.repeatMode.cycled; queueEdited()
        case .enqueue(let items, .end): queue.append(items); queueEdited()
        case .enqueue(let items, .next): queue.insertNext(items); queueEdited()
        case .enqueue(let items, .before(let id)): queue.insert(items, before: id); queueEdited()
        case .remove(let id):
            let wasCurrent = id == queue.currentID
            guard queue.remove(id) else { return note("That entry is no longer in the queue.") }
            if wasCurrent { followCurrent() } else { queueEdited() }
        case .move(let id, let offset):
            if queue.move(id, by: offset) { queueEdited() }
        case .clearQueue:
            stopEngine()
            queue.clear()
            mode = .stopped
        case .playEntry(let id):
            guard queue.playNow(id) != nil else { return note("That entry is no longer in the queue.") }
            startRun(at: 0)
        case .jump(let index):
            guard queue.jump(toIndex: index) != nil else { return note("The queue has no entry \(index + 1).") }
            startRun(at: 0)
        case .undoQueueChange: undoQueueChange()
        case .savePlaylist, .loadPlaylist, .importPlaylist:
            break  // file work, done outside the lock by `send`
        }
    }

    private func play() {
        switch mode {
        case .running: setPaused(false)
        case .cued(let seconds): startRun(at: seconds)
        case .stopped:
            if queue.current == nil { queue.next(.skip) }
            guard queue.current != nil else { return note("The queue is empty.") }
            startRun(at: 0)
        }
    }

    private func setPaused(_ paused: Bool) {
        guard case .running(var run) = mode, run.paused != paused else { return }
        run.paused = paused
        run.engine?.send(paused ? .pause : .resume)
        mode = .running(run)
    }

    /// After next, previous or removing the current entry: a running engine restarts at the
    /// new current entry; while paused, the new entry waits (cued) for `play`.
    func followCurrent() {
        guard queue.current != nil else {
            stopEngine()
            mode = .stopped
            return
        }
        switch mode {
        case .running(let run) where !run.paused: startRun(at: 0)
        case .running, .cued:
            stopEngine()
            mode = .cued(seconds: 0)
        case .stopped: break
        }
    }

    /// `command` for a running engine (it knows the exact position); `target` moves a cued or
    /// not yet launched start position.
    private func seek(_ command: PlaybackCommand, _ target: (Double) -> Double) {
        switch mode {
        case .stopped: break
        case .cued(let seconds):
            let limit = queue.current?.durationSeconds ?? .infinity
            mode = .cued(seconds: min(max(0, target(seconds)), limit))
        case .running(var run):
            if let engine = run.engine {
                engine.send(command)
            } else {
                run.startSeconds = max(0, target(run.startSeconds))
                mode = .running(run)
            }
        }
    }

    private func setVolume(_ percent: Int) {
        volume = min(100, max(0, percent))
        if case .running(let run) = mode { run.engine?.send(.volume(percent: volume)) }
    }

    // MARK: bookkeeping (under the lock)

    func note(_ text: String) {
        notice = PlayerNotice(text: text, time: configuration.now())
        outbox.append(.notice(text))
    }

    /// Runs `change` under the lock, then tells the callback and schedules a state save.
    func mutate(_ change: () -> Void) {
        lock.lock()
        change()
        revision += 1
        var events = outbox
        outbox = []
        if !events.contains(.changed) { events.append(.changed) }
        lock.unlock()
        if let onEvent { events.forEach(onEvent) }
        requestSave()
    }
}
