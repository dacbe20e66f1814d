// retry_mode = adaptive's client-side rate limiter, driven by a clock that moves only when the
// limiter sleeps (or the test advances it): every wait is an exact number of seconds.

import Foundation
import S3
import XCTest

/// Seconds that pass only by `sleep` and `advance`; each sleep is recorded.
final class SleepingClock: @unchecked Sendable {
    private let lock = NSLock()
    private var seconds: Double
    private var slept: [Double] = []

    init(at seconds: Double = 1_000) { self.seconds = seconds }

    var now: Double { lock.withLock { seconds } }
    var sleeps: [Double] { lock.withLock { slept } }

    func sleep(_ duration: Double) {
        lock.withLock {
            slept.append(duration)
            seconds += duration
        }
    }

    func advance(_ duration: Double) { lock.withLock { seconds += duration } }
}

final class S3AdaptiveRateLimiterTests: XCTestCase {
    private func limiter(_ clock: SleepingClock) -> S3AdaptiveRateLimiter {
        S3AdaptiveRateLimiter(now: { clock.now }, sleep: { clock.sleep($0) })
    }

    func testRequestsAreNotHeldBackBeforeAnyThrottling() {
        let clock = SleepingClock()
        let limiter = limiter(clock)
        for _ in 0..<50 {
            limiter.acquireToken()
            limiter.record(throttled: false)
            clock.advance(0.01)
        }
        XCTAssertFalse(limiter.isEnabled)
        XCTAssertEqual(clock.sleeps, [])
    }

    func testAThrottleAtOnceLimitsToTheMinimumRateOfOneRequestPerTwoSeconds() {
        let clock = SleepingClock()
        let limiter = limiter(clock)
        limiter.acquireToken()
        limiter.record(throttled: true)
        XCTAssertTrue(limiter.isEnabled)
        // Nothing measured yet: 0.7 × 0 is below botocore's 0.5 requests/s floor.
        XCTAssertEqual(limiter.currentFillRate, 0.5)
        limiter.acquireToken()
        XCTAssertEqual(clock.sleeps, [2.0], "one token at 0.5 tokens per second")
        limiter.record(throttled: true)
        limiter.acquireToken()
        XCTAssertEqual(clock.sleeps, [2.0, 2.0])
    }

    func testThrottlingCutsTheMeasuredRateByBetaAndSuccessGrowsItBackAlongTheCubic() {
        let clock = SleepingClock()
        let limiter = limiter(clock)
        // 10 requests a second for 2 s: the measured rate settles near 10.
        for _ in 0..<20 {
            limiter.acquireToken()
            limiter.record(throttled: false)
            clock.advance(0.1)
        }
        limiter.record(throttled: true)
        let afterThrottle = limiter.currentFillRate
        XCTAssertGreaterThan(afterThrottle, 0.5)
        XCTAssertLessThan(afterThrottle, 10 * 0.7 + 0.001, "0.7 × the measured rate")
        // Successes long after the throttle: the CUBIC curve is back above the old rate, but never
        // above twice what is measured.
        for _ in 0..<40 {
            limiter.acquireToken()
            limiter.record(throttled: false)
            clock.advance(0.1)
        }
        XCTAssertGreaterThan(limiter.currentFillRate, afterThrottle)
        XCTAssertLessThanOrEqual(limiter.currentFillRate, 2 * 10 + 0.001)
    }
}
