import Foundation

/// Plays tracks one after another on its own audio thread: decode, volume, output. Between
/// tracks of one format PCM keeps flowing into the output (no drain, no silence), and the next
/// track's bytes start fetching while the current one still plays. Commands arrive from any
/// thread as values; state leaves as snapshots.
public final class PlaybackEngine: @unchecked Sendable {
    public struct Configuration: Sendable {
        /// Seconds of audio the byte sources fetch ahead (converted with each file's bitrate).
        public var readAheadSeconds: Double = 30
        /// Open the next track this many seconds before the current one ends.
        public var prefetchNextSeconds: Double = 30
        /// When the output fails (the device went away mid-write), playing goes on into this
        /// one, with a notice (the CLI gives the paced null output); nil ends each track with
        /// the error instead.
        public var makeFallbackOutput: (@Sendable () -> AudioOutput)? = nil
        /// While a track waits for its source (an outage, see `PlaybackSnapshot.State.waiting`),
        /// the audio thread looks again this often (and at once for a command).
        public var waitingPollSeconds: Double = 0.25
        public init() {}
    }

    /// Replaced once by the fallback when it fails (`fallBack`); audio thread only after `start`.
    private var output: AudioOutput
    private let decoders: DecoderRegistry
    private let nextTrack: @Sendable () -> PlaybackTrack?
    private let onEvent: @Sendable (PlaybackEvent) -> Void
    private let onMoment: (@Sendable (PlaybackMoment) -> Void)?
    private let configuration: Configuration

    private let lock = NSCondition()
    private var commands: [PlaybackCommand] = []
    private var current = PlaybackSnapshot()
    /// The audio thread; joined by `waitUntilFinished`.
    private var thread: JoinableThread?

    /// `decoders` are the formats it can play (it knows none itself). `nextTrack` is asked for
    /// each following track, once, when the engine needs it.
    /// `onMoment`, when given, is told of the moments a timing trace records.
    public init(output: AudioOutput, configuration: Configuration = Configuration(),
                decoders: DecoderRegistry,
                nextTrack: @escaping @Sendable () -> PlaybackTrack?,
                onEvent: @escaping @Sendable (PlaybackEvent) -> Void = { _ in },
                onMoment: (@Sendable (PlaybackMoment) -> Void)? = nil) {
        self.output = output
        self.configuration = configuration
        self.decoders = decoders
        self.nextTrack = nextTrack
        self.onEvent = onEvent
        self.onMoment = onMoment
    }

    /// Starts the audio thread; `startSeconds` seeks the first track before any sound.
    public func start(startSeconds: Double = 0, volumePercent: Int = 100) {
        lock.lock()
        current.volumePercent = volumePercent
        lock.unlock()
        // The body keeps the engine until the run returns, then lets it go: nothing holds the
        // engine once its owner does not (the old Foundation `Thread` kept it for good).
        let thread = JoinableThread(name: "s3play.audio") { [self] in run(startSeconds: startSeconds) }
        lock.lock()
        self.thread = thread
        lock.unlock()
    }

    public func send(_ command: PlaybackCommand) {
        lock.lock()
        commands.append(command)
        lock.broadcast()
        lock.unlock()
    }

    public var snapshot: PlaybackSnapshot {
        lock.lock(); defer { lock.unlock() }
        return current
    }

    /// Blocks until every track has played (or `.stop`) and the run has closed what it opened
    /// (output, decoders, byte sources) and its audio thread has exited. From the audio thread
    /// itself (an `onEvent` callback) it cannot wait for the thread; don't call it there.
    public func waitUntilFinished() {
        lock.lock()
        while current.state != .finished { lock.wait() }
        let thread = self.thread
        lock.unlock()
        if let thread, !thread.isCurrent { thread.join() }
    }

    // MARK: audio thread

    private var playing: TrackDecoding?
    private var upcoming: TrackDecoding?
    private var trackCount = 0
    private var paused = false
    private var stopped = false
    private var outputFormat: PCMFormat?
    private var pendingSeek: Double?

    private func run(startSeconds: Double) {
        let bufferSize = 64 << 10
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 16)
        defer { buffer.deallocate() }
        pendingSeek = startSeconds > 0 ? startSeconds : nil
        playing = openNext()
        playing?.requestedStartSeconds = pendingSeek
        while playing != nil, !stopped {
            applyCommands()
            // Taken after the commands: `.next` replaces the track, and a step on the one it
            // replaced would write another buffer of the skipped track after the skip.
            guard let track = playing, !stopped else { break }
            if paused {
                waitWhilePaused()
                continue
            }
            do {
                try step(track, buffer: buffer)
                if waiting { setWaiting(nil) }
            } catch .source(.unavailable) {
                // Nothing consumed: the next step reads from the same byte, so the track goes
                // on at the exact sample where it stopped.
                setWaiting(track)
                waitForCommandOr(seconds: configuration.waitingPollSeconds)
            } catch {
                if waiting { setWaiting(nil) }
                onEvent(.trackFailed(index: track.index, title: track.track.title, error: error))
                advance()
            }
        }
        playing?.close()
        upcoming?.close()
        if stopped { output.discardPending() } else { output.drain() }
        output.close()
        lock.lock()
        current.state = .finished
        lock.broadcast()
        lock.unlock()
        onEvent(.finished)
    }

    private func step(_ track: TrackDecoding, buffer: UnsafeMutableRawBufferPointer) throws(PlaybackError) {
        switch try track.next(into: buffer) {
        case .format(let format):
            if outputFormat != format {
                if outputFormat != nil { output.drain() }
                do {
                    try output.start(format: format)
                } catch {
                    try fallBack(after: error)
                    try output.start(format: format)
                }
                if let notice = output.takeNotice() { onEvent(.notice(notice)) }
                outputFormat = format
            }
            if let notice = track.source.takeNotice() { onEvent(.notice(notice)) }
            if let seconds = pendingSeek, try track.seek(toSeconds: seconds) { pendingSeek = nil }
            onEvent(.trackStarted(index: track.index, title: track.track.title, format: format))
            publish(track)
        case .pcm(let bytes):
            if let seconds = pendingSeek {
                // The first frame is parsed now, so the seek can be placed.
                if try track.seek(toSeconds: seconds) { pendingSeek = nil }
                return
            }
            // Widened only now, where the track plays from: a decoder's start seek moves the source
            // at its next read (WAV's is arithmetic, placed by the read that brought this PCM), and a
            // window widened before that filled 30 s from the file's start (4 to 5 GETs from byte 0 while
            // an event handler took 0.2 s, on a 2-hour WAV started at 7195 s: LongWAVTests).
            if !track.wrotePCM { tuneReadAhead(track) }
            let pcm = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<bytes])
            SoftwareVolume.apply(percent: volumePercent, to: pcm, encoding: track.format?.encoding ?? .signed16)
            do {
                try output.write(UnsafeRawBufferPointer(pcm))
            } catch {
                try fallBack(after: error)
                try output.write(UnsafeRawBufferPointer(pcm))
            }
            if !track.wrotePCM {
                track.wrotePCM = true
                onMoment?(.firstPCMWritten(trackIndex: track.index))
            }
            prefetchIfNearEnd(track)
            publish(track)
        case .ended:
            if let start = track.requestedStartSeconds, !track.wrotePCM {
                // Nothing was heard: say why rather than end in silence with success (issue #12).
                onEvent(.trackFailed(index: track.index, title: track.track.title,
                                     error: .startPastEnd(track.track.title, startSeconds: start,
                                                          durationSeconds: track.durationSeconds)))
            } else if track.endedShort {
                onEvent(.trackTruncated(index: track.index, title: track.track.title))
            }
            advance()
        }
    }

    /// The output failed (a device that went away answers every write with an error): close it
    /// and go on into the fallback, so the queue keeps its place instead of failing track after
    /// track. Throws `error` when there is no fallback or the fallback itself failed.
    private func fallBack(after error: PlaybackError) throws(PlaybackError) {
        guard let makeFallback = configuration.makeFallbackOutput, !usingFallback else { throw error }
        output.close()
        output = makeFallback()
        usingFallback = true
        if let outputFormat { try output.start(format: outputFormat) }
        onEvent(.notice("\(error.description); playing on silently through the \(output.name) output."))
    }

    private var usingFallback = false

    /// Moves to the next track: the prefetched one if any, so bytes are already there.
    private func advance() {
        if waiting { setWaiting(nil) }
        playing?.close()
        playing = upcoming ?? openNext()
        upcoming = nil
        pendingSeek = nil
    }

    private func openNext() -> TrackDecoding? {
        while let track = nextTrack() {
            let index = trackCount
            trackCount += 1
            onMoment?(.opened(trackIndex: index))
            do {
                let source = try track.open()
                return TrackDecoding(index: index, track: track, source: source, decoders: decoders)
            } catch {
                onEvent(.trackFailed(index: index, title: track.title, error: .source(error)))
            }
        }
        return nil
    }

    private func prefetchIfNearEnd(_ track: TrackDecoding) {
        guard upcoming == nil, let format = track.format else { return }
        let elapsed = Double(track.framePosition) / Double(format.sampleRate)
        let remaining = (track.durationSeconds ?? .infinity) - elapsed
        guard remaining <= configuration.prefetchNextSeconds else { return }
        upcoming = openNext()
    }

    private func tuneReadAhead(_ track: TrackDecoding) {
        guard let size = track.source.size, let duration = track.durationSeconds, duration > 0 else { return }
        track.source.setReadAhead(bytes: Int64(Double(size) / duration * configuration.readAheadSeconds))
    }

    private var volumePercent: Int {
        lock.lock(); defer { lock.unlock() }
        return current.volumePercent
    }

    private func applyCommands() {
        lock.lock()
        let pending = commands
        commands.removeAll()
        lock.unlock()
        for command in pending { apply(command) }
    }

    private func apply(_ command: PlaybackCommand) {
        switch command {
        case .pause: setPaused(true)
        case .resume: setPaused(false)
        case .togglePause: setPaused(!paused)
        case .seek(let seconds): seek(to: seconds)
        case .seekBy(let delta):
            guard let track = playing, let format = track.format else { return }
            let here = Double(max(0, track.framePosition - Int64(output.delayFrames))) / Double(format.sampleRate)
            seek(to: here + delta)
        case .next:
            output.discardPending()
            advance()
        case .discardUpcoming:
            upcoming?.close()
            upcoming = nil
        case .stop:
            stopped = true
        case .volume(let percent):
            lock.lock()
            current.volumePercent = min(100, max(0, percent))
            lock.unlock()
        }
    }

    private func setPaused(_ value: Bool) {
        guard value != paused else { return }
        paused = value
        holdOutputIfNeeded()
        lock.lock()
        current.state = publishedState
        lock.unlock()
    }

    /// The output is held (paused, keeping what it has queued) while the user paused or the
    /// track waits for its source; one pause call per change.
    private func holdOutputIfNeeded() {
        let hold = paused || waiting
        guard hold != outputHeld else { return }
        do {
            try output.pause(hold)
        } catch {
            onEvent(.notice(error.description))
        }
        outputHeld = hold
    }

    private var outputHeld = false
    private var waiting = false

    private var publishedState: PlaybackSnapshot.State {
        paused ? .paused : waiting ? .waiting : .playing
    }

    /// Enters (or refreshes) the waiting state for `track`'s source, or leaves it (nil).
    private func setWaiting(_ track: TrackDecoding?) {
        let outage = track.flatMap { $0.source.outage }
        let entering = !waiting && track != nil
        waiting = track != nil
        holdOutputIfNeeded()
        lock.lock()
        current.state = publishedState
        current.waitingFor = track.map {
            PlaybackWait(location: $0.source.displayName, reason: outage?.reason ?? "no bytes yet",
                         retryInSeconds: outage?.retryInSeconds)
        }
        let wait = current.waitingFor
        lock.unlock()
        if let track { publish(track) }
        if entering, let track, let wait { onEvent(.waiting(index: track.index, wait)) }
    }

    private func seek(to seconds: Double) {
        guard let track = playing else { return }
        let target = min(max(0, seconds), track.durationSeconds ?? .infinity)
        output.discardPending()
        do {
            if try !track.seek(toSeconds: target) { pendingSeek = target }
        } catch {
            onEvent(.notice(error.description))
        }
        publish(track)
    }

    private func waitWhilePaused() {
        waitForCommandOr(seconds: 0.25)
    }

    private func waitForCommandOr(seconds: Double) {
        lock.lock()
        if commands.isEmpty { _ = lock.wait(until: Date(timeIntervalSinceNow: seconds)) }
        lock.unlock()
    }

    private func publish(_ track: TrackDecoding) {
        let format = track.format
        let heard = max(0, track.framePosition - Int64(output.delayFrames))
        var bufferedSeconds = 0.0
        if let size = track.source.size, let duration = track.durationSeconds, size > 0 {
            bufferedSeconds = Double(track.source.bufferedBytesAhead) / (Double(size) / duration)
        }
        lock.lock()
        current.state = publishedState
        current.trackIndex = track.index
        current.title = track.track.title
        current.format = format
        current.elapsedSeconds = format.map { Double(heard) / Double($0.sampleRate) } ?? 0
        current.durationSeconds = track.durationSeconds
        current.durationIsExact = track.durationIsExact
        current.bufferedSeconds = bufferedSeconds
        lock.unlock()
    }
}
