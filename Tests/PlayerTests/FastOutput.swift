import Foundation
import PlaybackCore

/// PCM written by every output of one test, kept per output (one per engine run), so a test
/// can say exactly which bytes each run wrote. Outputs take writes at once and never sleep: the
/// engine runs as fast as it decodes.
final class PCMTally: @unchecked Sendable {
    private let lock = NSLock()
    private var runs: [[UInt8]] = []
    private var discards: [[Int]] = []
    /// Runs on the audio thread after each write: the run's number (from 0) and its byte count.
    /// Set it before playing.
    nonisolated(unsafe) var afterWrite: (_ run: Int, _ bytes: Int) -> Void = { _, _ in }

    func makeOutput() -> AudioOutput {
        lock.lock(); defer { lock.unlock() }
        runs.append([])
        discards.append([])
        return FastCountingOutput(tally: self, run: runs.count - 1)
    }

    var pcmByRun: [[UInt8]] { lock.lock(); defer { lock.unlock() }; return runs }
    var totalBytes: Int { lock.lock(); defer { lock.unlock() }; return runs.reduce(0) { $0 + $1.count } }
    /// Byte counts of a run at which it was told to throw away what it had (seek, skip, stop).
    func discardOffsets(run: Int) -> [Int] { lock.lock(); defer { lock.unlock() }; return discards[run] }

    fileprivate func write(_ pcm: UnsafeRawBufferPointer, run: Int) {
        lock.lock()
        runs[run].append(contentsOf: pcm)
        let count = runs[run].count
        lock.unlock()
        afterWrite(run, count)
    }

    fileprivate func discard(run: Int) {
        lock.lock()
        discards[run].append(runs[run].count)
        lock.unlock()
    }
}

/// An `AudioOutput` that counts what it is given and never waits.
final class FastCountingOutput: AudioOutput, @unchecked Sendable {
    let name = "fast"
    private let tally: PCMTally
    private let run: Int

    init(tally: PCMTally, run: Int) {
        self.tally = tally
        self.run = run
    }

    func start(format: PCMFormat) throws(PlaybackError) {}
    func write(_ pcm: UnsafeRawBufferPointer) throws(PlaybackError) { tally.write(pcm, run: run) }
    var delayFrames: Int { 0 }
    func pause(_ paused: Bool) throws(PlaybackError) {}
    func discardPending() { tally.discard(run: run) }
    func drain() {}
    func close() {}
}
