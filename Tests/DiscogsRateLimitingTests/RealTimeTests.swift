import DiscogsRateLimiting
import XCTest

/// The one test on the real clock: a 2 s window with a ceiling of 3, so it takes about 2 s.
final class RealTimeTests: XCTestCase {
    func testRealClockHoldsTheFourthRequestUntilTheFirstLeavesTheWindow() {
        let limiter = DiscogsRateLimiter(
            configuration: DiscogsRateLimitConfiguration(ceiling: 3, windowLength: 2, prefetchReservedSlots: 0),
            clock: SystemRateLimiterClock())
        var times: [Double] = []
        for _ in 0..<4 {
            guard case .granted(let time) = limiter.acquire() else { return XCTFail("not granted") }
            times.append(time)
        }
        XCTAssertLessThan(times[2] - times[0], 0.5)
        XCTAssertGreaterThanOrEqual(times[3] - times[0], 2)
        XCTAssertLessThan(times[3] - times[0], 2.5)
        XCTAssertEqual(maxRequestsInAnyWindow(times, length: 2), 3)
    }
}
