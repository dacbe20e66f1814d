import DiscogsRateLimiting
import Foundation

/// A clock that only moves when told to, so a 60-second Discogs window is tested in milliseconds.
/// It records who is waiting and until when, so a test can advance exactly to the next deadline
/// once every thread is blocked (a small discrete-event simulation).
public final class ManualRateLimiterClock: RateLimiterClock, @unchecked Sendable {
    private let state = NSCondition()
    private var current: Double
    private var nextSleeperID = 0
    /// Waiting threads by id; nil deadline means waiting for a signal only.
    private var sleepers: [Int: Double?] = [:]
    /// Conditions that waiters blocked on; advancing time wakes them.
    private var conditions: [ObjectIdentifier: NSCondition] = [:]

    public init(now: Double = 0) {
        current = now
    }

    public var now: Double {
        state.lock(); defer { state.unlock() }
        return current
    }

    /// Number of threads blocked in `wait(on:until:)` since the last `advance`.
    public var sleeperCount: Int {
        state.lock(); defer { state.unlock() }
        return sleepers.count
    }

    /// Deadlines of the blocked threads, sorted; nil entries (waiting for a signal) come last.
    public var sleeperDeadlines: [Double?] {
        state.lock(); defer { state.unlock() }
        return sleepers.values.sorted { ($0 ?? .infinity) < ($1 ?? .infinity) }
    }

    /// The earliest finite deadline among the blocked threads.
    public var earliestDeadline: Double? {
        state.lock(); defer { state.unlock() }
        return sleepers.values.compactMap { $0 }.min()
    }

    public func wait(on condition: NSCondition, until deadline: Double?) {
        state.lock()
        if let deadline, deadline <= current {
            state.unlock()
            return
        }
        let id = nextSleeperID
        nextSleeperID += 1
        sleepers[id] = deadline
        conditions[ObjectIdentifier(condition)] = condition
        state.broadcast()
        state.unlock()

        // `condition` is still locked by the caller, so an `advance` that starts now cannot
        // broadcast before this thread is waiting: no lost wake-up.
        condition.wait()

        state.lock()
        sleepers[id] = nil
        state.unlock()
    }

    /// Moves time forward (never back) and wakes every waiter to re-check.
    public func advance(to time: Double) {
        state.lock()
        current = max(current, time)
        sleepers.removeAll()
        let toWake = Array(conditions.values)
        state.unlock()
        for condition in toWake {
            condition.lock()
            condition.broadcast()
            condition.unlock()
        }
    }

    public func advance(by seconds: Double) {
        advance(to: now + seconds)
    }

    /// Blocks (in real time, up to `timeout`) until `predicate(sleeperCount)` holds.
    @discardableResult
    public func waitForSleepers(timeout: Double = 10, _ predicate: (Int) -> Bool) -> Bool {
        let limit = Date().addingTimeInterval(timeout)
        state.lock(); defer { state.unlock() }
        while !predicate(sleepers.count) {
            // Re-check every millisecond too: the predicate may depend on state outside the clock.
            if !state.wait(until: min(limit, Date().addingTimeInterval(0.001))), Date() >= limit {
                return predicate(sleepers.count)
            }
        }
        return true
    }

    /// Runs `threads` threads as a discrete-event simulation: whenever every live thread is
    /// blocked on this clock, time jumps to the earliest deadline, so a burst spanning minutes
    /// of limiter time runs in milliseconds. Returns nil when all threads finished, else why the
    /// simulation stalled (threads neither finishing nor blocking, or all waiting without a deadline).
    public func runSimulation(threads: Int, _ body: @escaping @Sendable (Int) -> Void) -> String? {
        let live = LiveThreadCount(threads)
        for index in 0..<threads {
            Thread {
                body(index)
                live.decrement()
            }.start()
        }
        while true {
            let settled = waitForSleepers(timeout: 20) { $0 == live.value }
            if live.value == 0 { return nil }
            guard settled else { return "threads neither finished nor blocked" }
            guard let next = earliestDeadline else { return "every thread waits without a deadline" }
            advance(to: next)
        }
    }
}

/// Threads of a simulation still running.
private final class LiveThreadCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count: Int

    init(_ count: Int) { self.count = count }

    var value: Int { lock.withLock { count } }

    func decrement() { lock.withLock { count -= 1 } }
}
