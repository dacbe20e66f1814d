import Foundation

/// The time source the limiter waits on. Times are seconds since 1970 so that request times written
/// to disk by one run still mean something to the next (Discogs counts per IP, not per process).
///
/// Waiting takes the limiter's condition rather than being a plain `sleep(until:)`: a waiting
/// prefetch must wake early when it is cancelled, and a waiting request when the budget changes.
public protocol RateLimiterClock: Sendable {
    var now: Double { get }
    /// Called with `condition` locked. Returns when `deadline` has passed, when `condition` is
    /// signalled, or spuriously; the caller re-checks. A nil deadline waits for a signal only.
    func wait(on condition: NSCondition, until deadline: Double?)
}

/// Wall-clock time and real waits.
public struct SystemRateLimiterClock: RateLimiterClock {
    public init() {}

    public var now: Double { Date().timeIntervalSince1970 }

    public func wait(on condition: NSCondition, until deadline: Double?) {
        if let deadline {
            _ = condition.wait(until: Date(timeIntervalSince1970: deadline))
        } else {
            condition.wait()
        }
    }
}
