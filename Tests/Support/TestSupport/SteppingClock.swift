import Foundation

/// A clock that moves `step` seconds each time it is read, for code that times what it does
/// by reading a clock before and after (the S3 reader's measured rate): each such span lasts
/// exactly `step` when only one thread reads the clock.
public final class SteppingClock: @unchecked Sendable {
    private let lock = NSLock()
    private var seconds = 0.0
    private let step: Double

    public init(step: Double) { self.step = step }

    public func now() -> Double {
        lock.lock(); defer { lock.unlock() }
        seconds += step
        return seconds
    }
}
