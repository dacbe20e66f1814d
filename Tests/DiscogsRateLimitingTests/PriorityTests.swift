import TestDoubles
import DiscogsRateLimiting
import XCTest

final class PriorityTests: XCTestCase {
    func testPrefetchGetsOnlyLeftoverBudget() {
        let clock = ManualRateLimiterClock(now: 0)
        let limiter = DiscogsRateLimiter(
            configuration: DiscogsRateLimitConfiguration(ceiling: 20, prefetchReservedSlots: 5), clock: clock)
        for _ in 0..<15 { XCTAssertEqual(limiter.acquire(priority: .prefetch), .granted(at: 0)) }
        let sixteenthPrefetch = BackgroundAcquire(limiter, priority: .prefetch)
        XCTAssertTrue(clock.waitForSleepers { $0 == 1 })
        XCTAssertEqual(clock.sleeperDeadlines, [60])
        // The 5 reserved slots still serve the foreground at once.
        for _ in 0..<5 { XCTAssertEqual(limiter.acquire(priority: .foreground), .granted(at: 0)) }
        XCTAssertNil(sixteenthPrefetch.result)
        limiter.cancelPrefetch()
        XCTAssertEqual(sixteenthPrefetch.wait(), .cancelled)
    }

    func testPrefetchWaitsWhileForegroundRequestsArePending() {
        let clock = ManualRateLimiterClock(now: 0)
        let limiter = DiscogsRateLimiter(
            configuration: DiscogsRateLimitConfiguration(ceiling: 3, prefetchReservedSlots: 0), clock: clock)
        for time in [0.0, 10, 20] {
            clock.advance(to: time)
            limiter.acquire()
        }
        let foreground = BackgroundAcquire(limiter, priority: .foreground)
        XCTAssertTrue(clock.waitForSleepers { $0 == 1 })
        let prefetch = BackgroundAcquire(limiter, priority: .prefetch)
        XCTAssertTrue(clock.waitForSleepers { $0 == 2 })
        XCTAssertEqual(clock.sleeperDeadlines, [60, nil])  // the prefetch waits on the foreground

        // One slot frees at 60: it goes to the foreground even if the prefetch wakes first.
        clock.advance(to: 60)
        XCTAssertEqual(foreground.wait(), .granted(at: 60))
        // The prefetch may still be registered as waiting on the foreground until it runs again.
        XCTAssertTrue(waitForSleeperDeadlines(clock, [70]), "\(clock.sleeperDeadlines)")
        XCTAssertNil(prefetch.result)
        clock.advance(to: 70)
        XCTAssertEqual(prefetch.wait(), .granted(at: 70))
    }

    func testCancelledPrefetchReturnsPromptlyAndLaterPrefetchesStillRun() {
        let clock = ManualRateLimiterClock(now: 0)
        let limiter = DiscogsRateLimiter(
            configuration: DiscogsRateLimitConfiguration(ceiling: 12, prefetchReservedSlots: 10), clock: clock)
        limiter.acquire(priority: .prefetch)
        limiter.acquire(priority: .prefetch)
        let waiting = (0..<3).map { _ in BackgroundAcquire(limiter, priority: .prefetch) }
        XCTAssertTrue(clock.waitForSleepers { $0 == 3 })
        let started = Date()
        limiter.cancelPrefetch()
        for call in waiting { XCTAssertEqual(call.wait(timeout: 2), .cancelled) }
        XCTAssertLessThan(Date().timeIntervalSince(started), 1)
        XCTAssertEqual(limiter.requestTimesInWindow.count, 2)  // cancelled requests cost nothing
        XCTAssertEqual(limiter.acquire(priority: .foreground), .granted(at: 0))
    }

    func testPrefetchNeverRunsWhenTheCeilingLeavesNoLeftover() {
        let clock = ManualRateLimiterClock(now: 0)
        let limiter = DiscogsRateLimiter(configuration: .unauthenticated, clock: clock)  // 22, 10 reserved
        for _ in 0..<12 { XCTAssertEqual(limiter.acquire(priority: .prefetch), .granted(at: 0)) }
        limiter.observe(headers: ["X-Discogs-Ratelimit": "12"])  // ceiling 9: nothing left over
        let prefetch = BackgroundAcquire(limiter, priority: .prefetch)
        XCTAssertTrue(clock.waitForSleepers { $0 == 1 })
        XCTAssertEqual(clock.sleeperDeadlines, [nil])
        limiter.cancelPrefetch()
        XCTAssertEqual(prefetch.wait(), .cancelled)
    }
}
