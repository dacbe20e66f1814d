import Foundation
import XCTest
import TestSupport

/// 500s, slow answers and malformed JSON, after the usual checks.
final class DiscogsFailureModeTests: XCTestCase {
    func testServerErrorForTheFirstRequestsThenNormal() throws {
        let (standIn, _) = try makeStandIn { $0.failureMode = .serverError; $0.failureCount = 2 }
        let client = StandInClient(port: standIn.port, token: "test-token")
        let failed = try client.get("/artists/1001")
        XCTAssertEqual(failed.status, 500)
        XCTAssertNotNil(try failed.object()["message"])
        XCTAssertEqual(failed.rateHeaders, [60, 1, 59], "a 5xx still counts and carries the headers")
        XCTAssertEqual(try client.get("/artists/1001").status, 500)
        XCTAssertEqual(try client.get("/artists/1001").status, 200)
        XCTAssertEqual(standIn.requestLog.map(\.status), [500, 500, 200])
    }

    func testSlowModeDelaysTheAnswer() throws {
        let (standIn, _) = try makeStandIn()
        let client = StandInClient(port: standIn.port, token: "test-token")
        standIn.setFailureMode(.slow(.milliseconds(400)), count: 1)
        let started = ContinuousClock.now
        let reply = try client.get("/releases/3004")
        XCTAssertGreaterThanOrEqual(ContinuousClock.now - started, .milliseconds(400))
        XCTAssertEqual(try reply.object()["title"] as? String, "夜明けの音")
        let quick = ContinuousClock.now
        XCTAssertEqual(try client.get("/releases/3004").status, 200)
        XCTAssertLessThan(ContinuousClock.now - quick, .milliseconds(400))
    }

    func testStopInterruptsASlowAnswer() throws {
        let (standIn, _) = try makeStandIn { $0.failureMode = .slow(.seconds(30)) }
        let client = StandInClient(port: standIn.port, token: "test-token")
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { standIn.stop() }
        let started = ContinuousClock.now
        XCTAssertThrowsError(try client.get("/artists/1001"), "closed without an answer")
        XCTAssertLessThan(ContinuousClock.now - started, .seconds(5))
    }

    func testMalformedModeSendsJSONThatDoesNotParse() throws {
        let (standIn, _) = try makeStandIn()
        let client = StandInClient(port: standIn.port, token: "test-token")
        standIn.setFailureMode(.malformed)
        let reply = try client.get("/masters/2002")
        XCTAssertEqual(reply.status, 200)
        XCTAssertEqual(reply.headers["Content-Type"], "application/json")
        XCTAssertGreaterThan(reply.body.count, 10)
        XCTAssertThrowsError(try JSONSerialization.jsonObject(with: Data(reply.body)))
        standIn.setFailureMode(.none)
        XCTAssertNoThrow(try client.get("/masters/2002").object())
    }

    func testLogRecordsTimeMethodTargetAndStatus() throws {
        let (standIn, clock) = try makeStandIn()
        let client = StandInClient(port: standIn.port, token: "test-token")
        clock.advance(by: .milliseconds(1_234))
        _ = try client.get("/artists/1004?x=%20")
        XCTAssertEqual(standIn.requestLog, [DiscogsLoggedRequest(time: .milliseconds(1_234), method: "GET",
                                                                 target: "/artists/1004?x=%20", status: 200)])
        XCTAssertEqual(standIn.requestLog.first?.line, "1.234 GET /artists/1004?x=%20 200")
    }
}
