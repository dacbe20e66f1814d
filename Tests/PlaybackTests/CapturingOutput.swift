import Foundation
import NullOutput
import PlaybackCore

/// An `AudioOutput` that keeps every byte written and every call, each call with the PCM byte
/// count at which it came, so a test can cut the PCM where a seek or a skip discarded. It takes
/// writes at once (no clock), so the engine runs as fast as it decodes.
final class CapturingOutput: AudioOutput, @unchecked Sendable {
    enum Call: Equatable {
        case start(PCMFormat)
        case pause(Bool)
        case discardPending
        case drain
        case close
    }

    let name = "capture"
    private let lock = NSLock()
    private var bytes: [UInt8] = []
    private var log: [(call: Call, atByte: Int)] = []
    /// Runs on the audio thread after each write, with the PCM byte count so far.
    var afterWrite: (Int) -> Void = { _ in }
    /// What the output reports as written but not heard.
    var reportedDelayFrames = 0

    var pcm: [UInt8] { lock.lock(); defer { lock.unlock() }; return bytes }
    var calls: [Call] { lock.lock(); defer { lock.unlock() }; return log.map(\.call) }

    /// The PCM byte counts at which `call` came, in order.
    func offsets(of call: Call) -> [Int] {
        lock.lock(); defer { lock.unlock() }
        return log.filter { $0.call == call }.map(\.atByte)
    }

    func start(format: PCMFormat) throws(PlaybackError) { record(.start(format)) }

    func write(_ pcm: UnsafeRawBufferPointer) throws(PlaybackError) {
        lock.lock()
        bytes.append(contentsOf: pcm)
        let count = bytes.count
        lock.unlock()
        afterWrite(count)
    }

    var delayFrames: Int { reportedDelayFrames }
    func pause(_ paused: Bool) throws(PlaybackError) { record(.pause(paused)) }
    func discardPending() { record(.discardPending) }
    func drain() { record(.drain) }
    func close() { record(.close) }

    private func record(_ call: Call) {
        lock.lock()
        log.append((call, bytes.count))
        lock.unlock()
    }
}

/// A clock for `PacedNullOutput` that moves only when the output sleeps: nothing really waits.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var seconds = 0.0
    /// Runs on the sleeping thread after each sleep, with the new time.
    var afterSleep: (Double) -> Void = { _ in }

    var now: Double { lock.lock(); defer { lock.unlock() }; return seconds }

    func advance(by interval: Double) {
        lock.lock()
        seconds += interval
        let time = seconds
        lock.unlock()
        afterSleep(time)
    }
}
