import TestDoubles
import DiscogsRateLimiting
import XCTest

/// The server's rate-limit headers and 429s (Discogs developers page, Rate Limiting).
final class ServerSignalTests: XCTestCase {
    private func headers(limit: Int, used: Int, remaining: Int) -> [String: String] {
        ["X-Discogs-Ratelimit": "\(limit)", "X-Discogs-Ratelimit-Used": "\(used)",
         "X-Discogs-Ratelimit-Remaining": "\(remaining)"]
    }

    func testHeadersAgreeingWithTheLocalWindowChangeNothing() {
        let clock = ManualRateLimiterClock(now: 0)
        let limiter = DiscogsRateLimiter(configuration: .authenticatedExactWindow, clock: clock)
        for _ in 0..<10 { limiter.acquire() }
        limiter.observe(headers: headers(limit: 60, used: 10, remaining: 50))
        XCTAssertEqual(limiter.effectiveCeiling, 55)
        XCTAssertEqual(limiter.requestTimesInWindow.count, 10)
    }

    func testLowerServerLimitMidRunIsFollowedFromTheNextRequestOn() {
        let clock = ManualRateLimiterClock(now: 0)
        let limiter = DiscogsRateLimiter(configuration: .authenticatedExactWindow, clock: clock)
        for _ in 0..<10 { limiter.acquire() }
        // The server now applies the unauthenticated limit (e.g. the token was revoked).
        limiter.observe(headers: ["x-discogs-ratelimit": "25", "x-discogs-ratelimit-used": "10",
                                  "x-discogs-ratelimit-remaining": "15"])
        XCTAssertEqual(limiter.effectiveCeiling, 20)  // 25 - the authenticated headroom of 5
        for _ in 0..<10 { XCTAssertEqual(limiter.acquire(), .granted(at: 0)) }
        let twentyFirst = BackgroundAcquire(limiter, priority: .foreground)
        XCTAssertTrue(clock.waitForSleepers { $0 == 1 })
        XCTAssertEqual(clock.sleeperDeadlines, [60])
        clock.advance(to: 60)
        XCTAssertEqual(twentyFirst.wait(), .granted(at: 60))

        // A higher limit later never lifts the ceiling above the configured 55.
        limiter.observe(headers: headers(limit: 240, used: 1, remaining: 239))
        XCTAssertEqual(limiter.effectiveCeiling, 55)
    }

    func testFewerRemainingThanTheLocalWindowThinksReservesTheDifference() {
        let clock = ManualRateLimiterClock(now: 0)
        let limiter = DiscogsRateLimiter(configuration: .authenticatedExactWindow, clock: clock)
        for _ in 0..<5 { limiter.acquire() }
        clock.advance(to: 10)
        // Another tool on the same token made 15 requests: the server counts 20 used.
        limiter.observe(headers: headers(limit: 60, used: 20, remaining: 40))
        XCTAssertEqual(limiter.requestTimesInWindow, Array(repeating: 0, count: 5) + Array(repeating: 10, count: 15))
        for _ in 0..<35 { XCTAssertEqual(limiter.acquire(), .granted(at: 10)) }
        let next = BackgroundAcquire(limiter, priority: .foreground)
        XCTAssertTrue(clock.waitForSleepers { $0 == 1 })
        XCTAssertEqual(clock.sleeperDeadlines, [60])  // the first 5 of ours age out
        clock.advance(to: 60)
        XCTAssertEqual(next.wait(), .granted(at: 60))
    }

    func testRemainingDerivedFromLimitAndUsedWhenRemainingIsMissing() {
        let clock = ManualRateLimiterClock(now: 0)
        let limiter = DiscogsRateLimiter(configuration: .authenticatedExactWindow, clock: clock)
        limiter.observe(headers: ["X-Discogs-Ratelimit": "60", "X-Discogs-Ratelimit-Used": "45"])
        XCTAssertEqual(limiter.requestTimesInWindow.count, 45)  // 55 - (15 - 5 headroom) free
    }

    func testRetryAfterIsHonouredBeforeAnyFurtherRequest() {
        let clock = ManualRateLimiterClock(now: 0)
        let limiter = DiscogsRateLimiter(configuration: .authenticatedExactWindow, clock: clock)
        limiter.acquire()
        limiter.observe429(retryAfter: 30)
        let retry = BackgroundAcquire(limiter, priority: .foreground)
        XCTAssertTrue(clock.waitForSleepers { $0 == 1 })
        XCTAssertEqual(clock.sleeperDeadlines, [30])
        clock.advance(to: 29.5)
        XCTAssertTrue(clock.waitForSleepers { $0 == 1 })
        XCTAssertNil(retry.result)
        clock.advance(to: 30)
        XCTAssertEqual(retry.wait(), .granted(at: 30))
        XCTAssertEqual(limiter.acquire(), .granted(at: 30))  // the pause is over
    }

    func testWithoutRetryAfterA429WaitsUntilTheWindowHasBeenQuiet() {
        let clock = ManualRateLimiterClock(now: 0)
        let limiter = DiscogsRateLimiter(configuration: .authenticatedExactWindow, clock: clock)
        limiter.acquire()
        clock.advance(to: 5)
        limiter.acquire()
        limiter.observe429(retryAfter: nil)
        let retry = BackgroundAcquire(limiter, priority: .foreground)
        XCTAssertTrue(clock.waitForSleepers { $0 == 1 })
        XCTAssertEqual(clock.sleeperDeadlines, [65])  // last request at 5 + 60 s window
        clock.advance(to: 65)
        XCTAssertEqual(retry.wait(), .granted(at: 65))
    }

    func testHeaderParsingIgnoresCaseAndGarbage() {
        let parsed = DiscogsRateLimitHeaders(headers: ["X-DISCOGS-RATELIMIT": " 60", "x-discogs-ratelimit-used": "abc",
                                                       "X-Discogs-Ratelimit-Remaining": "-3"])
        XCTAssertEqual(parsed, DiscogsRateLimitHeaders(limit: 60, used: nil, remaining: nil))
    }
}
