import XCTest
import TestSupport

/// The moving 60 s window, its headers and its 429s, driven by a test clock.
final class DiscogsRateLimitTests: XCTestCase {
    func testEveryResponseCarriesCountingRateHeaders() throws {
        let (standIn, clock) = try makeStandIn()
        let client = StandInClient(port: standIn.port, token: "test-token")
        XCTAssertEqual(try client.get("/artists/1001").rateHeaders, [60, 1, 59])
        clock.advance(by: .seconds(1))
        XCTAssertEqual(try client.get("/artists/999").rateHeaders, [60, 2, 58], "a 404 counts too")
        XCTAssertEqual(try client.get("/releases/3001").rateHeaders, [60, 3, 57])
        var anonymous = client
        anonymous.token = nil
        XCTAssertEqual(try anonymous.get("/masters/2001").rateHeaders, [25, 4, 21],
                       "one client, one window; the limit follows the request's authentication")
    }

    func testOverTheLimitGets429AndWindowMovesOn() throws {
        let (standIn, clock) = try makeStandIn { $0.authenticatedLimit = 3 }
        let client = StandInClient(port: standIn.port, token: "test-token")
        for second in 0..<3 {
            XCTAssertEqual(try client.get("/artists/1001").status, 200)
            clock.advance(by: .seconds(10 * Int64(second + 1)))  // requests at 0, 10, 30 s
        }
        // Now at 60 s: the request at 0 s has left the window, so there is room for one.
        XCTAssertEqual(try client.get("/artists/1001").rateHeaders, [3, 3, 0])
        let refused = try client.get("/artists/1001")
        XCTAssertEqual(refused.status, 429)
        XCTAssertEqual(try refused.object() as? [String: String], ["message": "You are making requests too quickly."])
        XCTAssertEqual(refused.rateHeaders, [3, 3, 0])
        XCTAssertNil(refused.headers["Retry-After"], "Retry-After is off unless asked for")
        clock.advance(by: .seconds(10))  // 70 s: the request at 10 s ages out
        XCTAssertEqual(try client.get("/artists/1001").status, 200)
    }

    func testNoSixtySecondSpanEverHoldsMoreThanTheLimitOfAnswers() throws {
        let (standIn, clock) = try makeStandIn { $0.authenticatedLimit = 5 }
        let client = StandInClient(port: standIn.port, token: "test-token")
        var answeredAt: [Duration] = []
        var refusals = 0
        // A client hammering every 3.7 s for 5 minutes.
        for _ in 0..<81 {
            let reply = try client.get("/releases/3001")
            if reply.status == 200 { answeredAt.append(clock.now()) } else { refusals += 1 }
            XCTAssert([200, 429].contains(reply.status))
            clock.advance(by: .milliseconds(3700))
        }
        XCTAssertGreaterThan(refusals, 0)
        for start in answeredAt {
            let inSpan = answeredAt.filter { $0 >= start && $0 - start < .seconds(60) }.count
            XCTAssertLessThanOrEqual(inSpan, 5, "span starting at \(start)")
        }
        XCTAssertEqual(standIn.requestLog.count { $0.status == 200 }, answeredAt.count)
    }

    func testSetLimitLowersItMidRun() throws {
        let (standIn, clock) = try makeStandIn()
        let client = StandInClient(port: standIn.port, token: "test-token")
        for _ in 0..<4 { XCTAssertEqual(try client.get("/artists/1003").status, 200) }
        standIn.setLimit(4)
        let refused = try client.get("/artists/1003")
        XCTAssertEqual(refused.status, 429)
        XCTAssertEqual(refused.rateHeaders, [4, 4, 0])
        clock.advance(by: .seconds(60))
        XCTAssertEqual(try client.get("/artists/1003").rateHeaders, [4, 1, 3])
        standIn.setLimit(60, unauthenticated: 1)
        var anonymous = client
        anonymous.token = nil
        XCTAssertEqual(try anonymous.get("/artists/1003").status, 429, "2 in the window, unauthenticated limit 1")
    }

    func testRetryAfterWhenSwitchedOnSaysWhenRoomOpens() throws {
        let (standIn, clock) = try makeStandIn {
            $0.authenticatedLimit = 2
            $0.sendsRetryAfter = true
        }
        let client = StandInClient(port: standIn.port, token: "test-token")
        _ = try client.get("/artists/1001")
        clock.advance(by: .milliseconds(20_500))
        _ = try client.get("/artists/1001")
        let refused = try client.get("/artists/1001")
        XCTAssertEqual(refused.status, 429)
        XCTAssertEqual(refused.headers["Retry-After"], "40", "the first request leaves at 60 s; 39.5 s rounds up")
    }

    func testUnauthenticatedRequestsGetTheLowerLimit() throws {
        let (standIn, _) = try makeStandIn { $0.unauthenticatedLimit = 2 }
        let anonymous = StandInClient(port: standIn.port)
        XCTAssertEqual(try anonymous.get("/artists/1001").rateHeaders, [2, 1, 1])
        XCTAssertEqual(try anonymous.get("/artists/1001").status, 200)
        XCTAssertEqual(try anonymous.get("/artists/1001").status, 429)
        XCTAssertEqual(try StandInClient(port: standIn.port, token: "test-token").get("/artists/1001").rateHeaders,
                       [60, 3, 57], "a token lifts the limit at once")
    }

    func testWindowValueRefusesAtLimitAndReportsWait() {
        var window = DiscogsRateWindow(length: .seconds(60))
        XCTAssertTrue(window.admit(at: .seconds(0), limit: 2).admitted)
        XCTAssertTrue(window.admit(at: .seconds(15), limit: 2).admitted)
        let refused = window.admit(at: .seconds(20), limit: 2)
        XCTAssertEqual(refused, .init(admitted: false, limit: 2, used: 2, retryAfter: .seconds(40)))
        XCTAssertEqual(window.admit(at: .seconds(20), limit: 0).retryAfter, .seconds(60))
        XCTAssertEqual(window.admit(at: .seconds(60), limit: 2).used, 2, "the request at 0 s is out at 60 s")
        XCTAssertEqual(window.answered, [.seconds(15), .seconds(60)])
    }
}
