import Synchronization

/// The stand-in's notion of "now", as time since an arbitrary origin. The rate window and the
/// request log read it; tests inject a `ManualClock` so a 60 s window passes in no time.
public protocol DiscogsStandInClock: Sendable {
    func now() -> Duration
}

/// Real monotonic time since the clock was made.
public struct MonotonicStandInClock: DiscogsStandInClock {
    private let origin = ContinuousClock.now

    public init() {}

    public func now() -> Duration { ContinuousClock.now - origin }
}

/// Time that moves only when a test says so.
public final class ManualClock: DiscogsStandInClock {
    private let current: Mutex<Duration>

    public init(_ start: Duration = .zero) { current = Mutex(start) }

    public func now() -> Duration { current.withLock { $0 } }

    public func advance(by step: Duration) { current.withLock { $0 += step } }
}
