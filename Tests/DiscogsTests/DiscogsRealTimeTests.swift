import Discogs
import DiscogsRateLimiting
import Foundation
import TestSupport
import XCTest

/// The one real-time check of the window (every other test runs in virtual time): a 2-second
/// window instead of Discogs' 60 so it takes about two seconds.
final class DiscogsRealTimeTests: XCTestCase {
    func testLookupsInRealTimeStayUnderTheCeilingOfAShortWindow() throws {
        try TestRequirement.requireTime(4, for: "a rate window in real time")
        let standIn = try makeStandIn {
            $0.clock = MonotonicStandInClock()
            $0.window = .seconds(2)
            $0.authenticatedLimit = 5
        }
        // Headroom 1, so the server's 5 leaves our 4.
        let limits = DiscogsRateLimitConfiguration(ceiling: 4, windowLength: 2, prefetchReservedSlots: 0, serverHeadroom: 1)
        let client = makeClient(standIn, limits: limits)
        let started = Date()
        // One thread: each request leaves after the previous answer, so delivery delays cannot
        // reorder requests across the window edge (a concurrent burst could, by milliseconds).
        for index in 0..<8 {
            XCTAssertNotNil(try client.fetchDocument(burstResource(index)))
        }
        let elapsed = Date().timeIntervalSince(started)

        let log = standIn.requestLog
        XCTAssertEqual(log.count, 8)
        XCTAssertEqual(log.count { $0.status == 429 }, 0)
        // The log has arrival times, which trail the limiter's send times by the loopback delay;
        // 50 ms of slack keeps that delay from counting a request in two windows.
        XCTAssertEqual(maxRequestsInAnyWindow(log.map(\.seconds), length: 1.95), 4)
        XCTAssertGreaterThanOrEqual(log[4].seconds - log[0].seconds, 1.95, "the fifth waited for the first to age out")
        XCTAssertEqual(client.requestCount, 8)
        // About 2 s, sometimes 4: when the stand-in still counts a request the limiter has already
        // aged out (its log time trails the grant), the limiter takes the server's word and holds
        // a slot for one more window.
        XCTAssertGreaterThanOrEqual(elapsed, 2)
        XCTAssertLessThan(elapsed, 6)
    }
}
