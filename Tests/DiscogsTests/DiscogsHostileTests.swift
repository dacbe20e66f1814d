import Discogs
import DiscogsRateLimiting
import Foundation
import TestSupport
import XCTest

/// Hostile Discogs answers (issue 19): every one ends in bounded time, with a bounded number of
/// requests, and one line for the user. Waits run in virtual time except the trickle, which is the
/// real-time test (a transfer cut off by the clock).
final class DiscogsHostileTests: XCTestCase {
    private final class Waits: @unchecked Sendable {
        private let lock = NSLock()
        private var seconds: [Int] = []
        func append(_ value: Int) { lock.withLock { seconds.append(value) } }
        var all: [Int] { lock.withLock { seconds } }
    }

    /// Runs `body` on a thread and returns its result once it finishes (or nil after 20 s).
    private func onThread<T: Sendable>(_ body: @escaping @Sendable () -> T) -> () -> T? {
        let done = DispatchSemaphore(value: 0)
        let slot = ResultSlots<T>(count: 1)
        Thread { slot[0] = body(); done.signal() }.start()
        return { done.wait(timeout: .now() + 20) == .success ? slot[0] : nil }
    }

    func testAHugeRetryAfterIsCappedAndTheLookupGivesUpAtOnceWithOneRequest() throws {
        let time = VirtualTime()
        let standIn = try makeStandIn(time: time) { $0.failureMode = .tooManyRequests(retryAfter: "999999") }
        let client = makeClient(standIn, time: time)
        let waits = Waits()
        XCTAssertThrowsError(try client.fetchDocument(.artist(id: 1001), onWait: { waits.append($0) })) { error in
            // 120 s (the cap), more than the 65 s a foreground lookup may wait: no wait at all.
            XCTAssertEqual(error as? DiscogsError, .rateLimitWait(seconds: 120))
            XCTAssertEqual((error as? DiscogsError)?.description,
                           "Discogs limit reached; next lookup in 120 s: try again then.")
        }
        XCTAssertEqual(standIn.requestLog.count, 1)
        XCTAssertEqual(waits.all, [], "nothing waited, so nothing to announce")
    }

    func testAnHTTPDateRetryAfterIsHonouredAndTheWaitIsAnnouncedOnce() throws {
        let time = VirtualTime()
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let date = formatter.string(from: Date(timeIntervalSince1970: time.origin + 41))
        let standIn = try makeStandIn(time: time) { $0.failureMode = .tooManyRequests(retryAfter: date); $0.failureCount = 1 }
        let client = makeClient(standIn, time: time)
        let waits = Waits()
        let result = onThread { try? client.artist(id: 1001, priority: .foreground) }
        XCTAssertTrue(time.limiterClock.waitForSleepers { $0 == 1 })
        XCTAssertEqual(standIn.requestLog.count, 1)
        time.limiterClock.advance(by: 41)
        XCTAssertEqual(result()??.name, "Les Frères Ñandú")
        XCTAssertEqual(standIn.requestLog.map(\.seconds), [0, 41], "not a second before the date")
        // The announcement goes through `fetchDocument`'s onWait: checked with a second client.
        let standIn2 = try makeStandIn(time: time) { $0.failureMode = .tooManyRequests(retryAfter: "41"); $0.failureCount = 1 }
        let client2 = makeClient(standIn2, time: time)
        let second = onThread { (try? client2.fetchDocument(.artist(id: 1002), onWait: { waits.append($0) })) != nil }
        XCTAssertTrue(time.limiterClock.waitForSleepers { $0 == 1 })
        XCTAssertEqual(waits.all, [41], "said at once, before the wait")
        time.limiterClock.advance(by: 41)
        XCTAssertEqual(second(), true)
        XCTAssertEqual(waits.all, [41])
    }

    func testANegativeRetryAfterIsIgnoredAndANeverEnding429StopsAfterABoundedWait() throws {
        let time = VirtualTime()
        let standIn = try makeStandIn(time: time) { $0.failureMode = .tooManyRequests(retryAfter: "-5") }
        let client = makeClient(standIn, time: time)
        let waits = Waits()
        let result = onThread { () -> DiscogsError? in
            do { _ = try client.fetchDocument(.artist(id: 1001), onWait: { waits.append($0) }); return nil } catch { return error as? DiscogsError }
        }
        // "-5" counts as absent: the window must stay quiet for 60 s (it was not 5 s, nor 0).
        XCTAssertTrue(time.limiterClock.waitForSleepers { $0 == 1 })
        XCTAssertEqual(waits.all, [60])
        time.limiterClock.advance(by: 60)
        // The second 429 would need another 60 s: past the 65 s bound, so the lookup stops.
        XCTAssertEqual(result() ?? nil, DiscogsError.rateLimitWait(seconds: 60))
        XCTAssertEqual(standIn.requestLog.count, 2)
        XCTAssertEqual(waits.all, [60], "one announcement per lookup")
    }

    func testAFullWindowIsAnnouncedAtOnceAndThenWaitedOut() throws {
        let time = VirtualTime()
        let standIn = try makeStandIn(time: time)
        let client = makeClient(standIn, time: time, limits: DiscogsRateLimitConfiguration(ceiling: 2))
        let waits = Waits()
        XCTAssertNotNil(try client.fetchDocument(.artist(id: 1001), onWait: { waits.append($0) }))
        time.limiterClock.advance(by: 19)
        XCTAssertNotNil(try client.fetchDocument(.artist(id: 1002), onWait: { waits.append($0) }))
        XCTAssertEqual(waits.all, [], "room in the window: no wait, nothing said")
        let third = onThread { (try? client.fetchDocument(.artist(id: 1003), onWait: { waits.append($0) })) != nil }
        XCTAssertTrue(time.limiterClock.waitForSleepers { $0 == 1 })
        XCTAssertEqual(waits.all, [41], "the first request leaves the window at 60 s: 41 s from now")
        time.limiterClock.advance(by: 41)
        XCTAssertEqual(third(), true)
        XCTAssertEqual(standIn.requestLog.map(\.seconds), [0, 19, 60])
    }

    func testTheLimiterCapsRetryAfter() throws {
        var state = RateLimitState(configuration: .authenticated)
        state.observe429(retryAfter: 999_999, now: 0)
        XCTAssertEqual(state.pausedUntil, 120, "capped at maxRetryAfter")
        state.observe429(retryAfter: .infinity, now: 0)
        XCTAssertEqual(state.pausedUntil, 120)
    }

    func testDiscogsOwnMessageIsShown() throws {
        let standIn = try makeStandIn { $0.failureMode = .serverMessage("Query time exceeded. Please try a simpler query.") }
        let client = makeClient(standIn)
        XCTAssertThrowsError(try client.search(DiscogsSearchQuery(q: "a"))) { error in
            XCTAssertEqual((error as? DiscogsError)?.description,
                           "Discogs is having trouble (HTTP 500: Query time exceeded. Please try a simpler query.): try again later.")
        }
        XCTAssertEqual(standIn.requestLog.count, 2, "one retry")
    }

    func testABodyThatTricklesIsCutOffAtTheRequestDeadline() throws {

        try TestRequirement.requireTime(2, for: "waits for a real request deadline")
        let standIn = try makeStandIn { $0.failureMode = .trickle(.milliseconds(500)) }
        let client = makeClient(standIn) { $0.requestDeadline = 2 }
        let started = Date()
        XCTAssertThrowsError(try client.artist(id: 1001)) { error in
            XCTAssertEqual((error as? DiscogsError)?.description,
                           "Cannot reach Discogs (the answer took longer than 2 s): check the network connection or DISCOGS_API_URL.")
        }
        // Bounded: the body is over 700 bytes, 6 minutes at this rate; the deadline is 2 s.
        XCTAssertLessThan(Date().timeIntervalSince(started), 30)
        XCTAssertEqual(standIn.requestLog.count, 1)
    }

    func testASearchWithoutATokenSendsNothing() throws {
        let standIn = try makeStandIn()
        let client = makeClient(standIn, token: nil)
        XCTAssertThrowsError(try client.search(DiscogsSearchQuery(q: "Ветер"))) { error in
            XCTAssertEqual(error as? DiscogsError, .tokenRequired)
        }
        XCTAssertEqual(standIn.requestLog.count, 0)
    }
}
