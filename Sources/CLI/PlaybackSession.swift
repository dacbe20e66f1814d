import Dispatch
import Foundation
import SafeText
import PlaybackCore
import TerminalUI

/// One `s3play play` run: picks the output, runs the engine over the tracks, shows progress,
/// turns Ctrl-C into a clean stop, and works out the exit status.
final class PlaybackSession: @unchecked Sendable {
    private var tracks: [PlaybackTrack]
    private let outputChoice: OutputChoice
    private let replayGain: ReplayGainChoice
    private let preamp: Double
    private let quiet: Bool
    private let lock = NSLock()
    private var failures = 0
    private var nextIndex = 0
    private var interrupted = false
    /// The first track's source, opened before the output; the engine's first open takes it.
    private var earlySource: Result<ByteSource, ByteSourceError>?
    private let progress: ProgressLine

    init(tracks: [PlaybackTrack], output: OutputChoice, replayGain: ReplayGainChoice, preamp: Double, quiet: Bool) {
        self.tracks = tracks
        self.outputChoice = output
        self.replayGain = replayGain
        self.preamp = preamp
        self.quiet = quiet
        self.progress = ProgressLine(enabled: !quiet)
    }

    /// Plays everything; returns the exit status (0, 1 if a source failed, 130 on Ctrl-C).
    func run(startSeconds: Double, volume: Int) -> Int32 {
        // The first GET goes out before the sound device is opened (ALSA reads its whole
        // configuration then, a few ms): the round trip and the device set-up overlap.
        startFetchingFirstTrack()
        signal(SIGPIPE, SIG_IGN)  // a vanished device is a write error, not the end (PlayerUICommand)
        let output = outputChoice.makeOutput { error in
            StandardError.writeLine("s3play: no sound device (\(error)); playing silently in real time.")
        }
        let trace = TimingTrace.fromEnvironment()
        let onMoment: (@Sendable (PlaybackMoment) -> Void)? = if let trace { { trace.record($0) } } else { nil }
        let engine = PlaybackEngine(
            output: output, configuration: PlaybackWiring.engineConfiguration(),
            decoders: PlaybackWiring.decoders(replayGain: replayGain, preampDecibels: preamp),
            nextTrack: { [self] in takeNextTrack() },
            onEvent: { [self] event in handle(event) },
            onMoment: onMoment)
        let interrupt = interruptSource { [self] in
            lock.lock(); interrupted = true; lock.unlock()
            engine.send(.stop)
        }
        engine.start(startSeconds: startSeconds, volumePercent: volume)
        while true {
            let snapshot = engine.snapshot
            if snapshot.state == .finished { break }
            progress.show(snapshot)
            Thread.sleep(forTimeInterval: 0.2)
        }
        engine.waitUntilFinished()
        closeUntakenFirstSource()
        interrupt.cancel()
        progress.clear()
        lock.lock(); defer { lock.unlock() }
        if interrupted { return 130 }
        return failures > 0 ? 1 : 0
    }

    /// Opens the first track's byte source now (an S3 reader sends its GET at once); the
    /// engine's first `open` then gets that source, or the error it gave.
    private func startFetchingFirstTrack() {
        guard let first = tracks.first else { return }
        let opened = Result { () throws(ByteSourceError) -> ByteSource in try first.open() }
        lock.lock(); earlySource = opened; lock.unlock()
        tracks[0] = PlaybackTrack(title: first.title) { [self] () throws(ByteSourceError) -> ByteSource in
            lock.lock()
            let early = earlySource
            earlySource = nil
            lock.unlock()
            return try (early ?? Result { () throws(ByteSourceError) -> ByteSource in try first.open() }).get()
        }
    }

    /// Closes the first track's source if the engine never took it (Ctrl-C before it started).
    private func closeUntakenFirstSource() {
        lock.lock()
        let untaken = earlySource
        earlySource = nil
        lock.unlock()
        if case .success(let source) = untaken { source.close() }
    }

    private func takeNextTrack() -> PlaybackTrack? {
        lock.lock(); defer { lock.unlock() }
        guard nextIndex < tracks.count, !interrupted else { return nil }
        nextIndex += 1
        return tracks[nextIndex - 1]
    }

    private func handle(_ event: PlaybackEvent) {
        switch event {
        case .trackFailed(_, _, let error):
            lock.lock(); failures += 1; lock.unlock()
            progress.clear()
            StandardError.writeLine("s3play: \(error)")
        case .trackTruncated(_, let title):
            lock.lock(); failures += 1; lock.unlock()
            progress.clear()
            StandardError.writeLine("s3play: \(title) was cut short: the file ends before its header says it should.")
        case .notice(let text):
            progress.clear()
            if !quiet { StandardError.writeLine("s3play: \(text)") }
        case .waiting(_, let wait):
            progress.clear()
            if !quiet { StandardError.writeLine("s3play: waiting for \(wait.location): \(wait.reason). It plays on when it can be reached.") }
        case .trackStarted, .finished:
            break
        }
    }

    /// SIGINT as a Dispatch source, so the handler may lock and call the engine.
    private func interruptSource(_ handler: @escaping @Sendable () -> Void) -> DispatchSourceSignal {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler(handler: handler)
        source.resume()
        return source
    }
}

/// The one-line progress display on a terminal: title, elapsed / total, buffered seconds.
final class ProgressLine: @unchecked Sendable {
    private let enabled: Bool
    private var lastLength = 0

    init(enabled: Bool) {
        self.enabled = enabled && isatty(2) != 0
    }

    func show(_ snapshot: PlaybackSnapshot) {
        guard enabled, let title = snapshot.title else { return }
        let total = snapshot.durationSeconds.map(ClockText.of) ?? "?:??"
        let state = snapshot.state == .paused ? "paused" : "playing"
        var line = "\(state) \(TerminalSafeText.escaped(title))  \(ClockText.of(snapshot.elapsedSeconds)) / \(total)  buffered \(Int(snapshot.bufferedSeconds)) s"
        let width = 120
        if line.count > width { line = String(line.prefix(width - 1)) + "…" }
        let padding = String(repeating: " ", count: max(0, lastLength - line.count))
        lastLength = line.count
        FileHandle.standardError.write(Data(("\r" + line + padding).utf8))
    }

    func clear() {
        guard enabled, lastLength > 0 else { return }
        FileHandle.standardError.write(Data(("\r" + String(repeating: " ", count: lastLength) + "\r").utf8))
        lastLength = 0
    }
}
