import DiscogsRateLimiting
import XCTest

/// The server stamps a request when it arrives, a little after the limiter granted it. Without
/// slack, our requests leave our window just before they leave the server's, the next response
/// reports fewer slots than we think, and `observe` books the difference for a whole window.
final class ArrivalSlackTests: XCTestCase {
    /// A full burst at 0 s arriving 10 ms later; at the window's end one request is sent and the
    /// server answers as Discogs would at that moment. Returns how many of the next 54 requests
    /// may go at once.
    private func requestsFreeAfterAFullBurst(slack: Double) -> Int {
        var configuration = DiscogsRateLimitConfiguration.authenticated
        configuration.arrivalSlack = slack
        var state = RateLimitState(configuration: configuration)
        for _ in 0..<55 { state.record(0) }
        var now = 60.0
        while case .wait(let until?) = state.decide(.foreground, now: now) { now = until }
        state.record(now)
        // Discogs counts arrivals at 0.01 s: still in its window at 60.0, gone by 61.0.
        let serverUsed = (now - 0.01 < 60 ? 55 : 0) + 1
        _ = state.observe(DiscogsRateLimitHeaders(limit: 60, used: serverUsed, remaining: 60 - serverUsed), now: now)
        var sent = 0
        while sent < 54, state.decide(.foreground, now: now) == .send {
            state.record(now)
            sent += 1
        }
        return sent
    }

    func testWithoutSlackABurstsEdgeBooksPhantomSlotsForAWholeWindow() {
        XCTAssertEqual(requestsFreeAfterAFullBurst(slack: 0), 0, "the server still counted the burst: 54 slots booked until 120 s")
    }

    func testOneSecondOfSlackKeepsTheFullRateAfterABurst() {
        XCTAssertEqual(requestsFreeAfterAFullBurst(slack: 1), 54, "the next request waited until 61 s, when the server had let the burst go")
    }

    func testTheAuthenticatedPresetsCarryOneSecondOfSlack() {
        XCTAssertEqual(DiscogsRateLimitConfiguration.authenticated.arrivalSlack, 1)
        XCTAssertEqual(DiscogsRateLimitConfiguration.unauthenticated.arrivalSlack, 1)
        XCTAssertEqual(DiscogsRateLimitConfiguration(ceiling: 5).arrivalSlack, 0)
    }
}
