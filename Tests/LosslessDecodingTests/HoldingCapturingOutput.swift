import Foundation
import PlaybackCore

/// An output that keeps every PCM byte written and takes writes at once (the engine runs as fast
/// as it decodes), except that it can be told to stop taking them, as a full sound card does,
/// once `holdAfterBytes` are written: the audio thread then waits in `write` until `release()`,
/// while the source's fetch thread goes on filling its window.
final class HoldingCapturingOutput: AudioOutput, @unchecked Sendable {
    let name = "capture"
    private let condition = NSCondition()
    private var bytes: [UInt8] = []
    private var started: [PCMFormat] = []
    private var holdAfterBytes: Int?
    private var holding = false
    /// false: written PCM is only counted, for plays whose samples the test does not check.
    private let keepsPCM: Bool
    private var written = 0

    init(holdAfterBytes: Int? = nil, keepsPCM: Bool = true) {
        self.holdAfterBytes = holdAfterBytes
        self.keepsPCM = keepsPCM
    }

    var pcm: [UInt8] { condition.lock(); defer { condition.unlock() }; return bytes }
    var formats: [PCMFormat] { condition.lock(); defer { condition.unlock() }; return started }
    var bytesWritten: Int { condition.lock(); defer { condition.unlock() }; return written }

    /// Waits (up to `seconds`) until a write is held; false if none was.
    func waitUntilHolding(seconds: Double) -> Bool {
        let deadline = Date(timeIntervalSinceNow: seconds)
        condition.lock(); defer { condition.unlock() }
        while !holding, condition.wait(until: deadline) {}
        return holding
    }

    /// Lets the held write (and every later one) through.
    func release() {
        condition.lock()
        holdAfterBytes = nil
        condition.broadcast()
        condition.unlock()
    }

    func start(format: PCMFormat) throws(PlaybackError) {
        condition.lock()
        started.append(format)
        condition.unlock()
    }

    func write(_ pcm: UnsafeRawBufferPointer) throws(PlaybackError) {
        condition.lock()
        defer { condition.unlock() }
        if keepsPCM { bytes.append(contentsOf: pcm) }
        written += pcm.count
        while let limit = holdAfterBytes, written >= limit {
            holding = true
            condition.broadcast()
            condition.wait()
        }
        holding = false
    }

    var delayFrames: Int { 0 }
    func pause(_ paused: Bool) throws(PlaybackError) {}
    func discardPending() {}
    func drain() {}
    func close() {}
}
