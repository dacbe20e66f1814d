import XCTest
import TestSupport

/// User-Agent and token checks, answered as Discogs documents them.
final class DiscogsAuthenticationTests: XCTestCase {
    func testMissingUserAgentGetsEmptyForbiddenWithoutCounting() throws {
        let (standIn, _) = try makeStandIn()
        var client = StandInClient(port: standIn.port, token: "test-token")
        client.userAgent = nil
        let reply = try client.get("/artists/1001")
        XCTAssertEqual(reply.status, 403)
        XCTAssertEqual(reply.body, [])
        XCTAssertNil(reply.headers["X-Discogs-Ratelimit"])
        client.userAgent = ""
        XCTAssertEqual(try client.get("/artists/1001").status, 403, "an empty User-Agent is no User-Agent")
        client.userAgent = "s3playTests/1.0"
        XCTAssertEqual(try client.get("/artists/1001").rateHeaders, [60, 1, 59])
        XCTAssertEqual(standIn.requestLog.map(\.status), [403, 403, 200])
    }

    func testWrongTokenGets401WithDiscogsMessage() throws {
        let (standIn, _) = try makeStandIn()
        for client in [StandInClient(port: standIn.port, token: "wrong"),
                       StandInClient(port: standIn.port, token: "")] {
            let reply = try client.get("/releases/3001")
            XCTAssertEqual(reply.status, 401)
            XCTAssertEqual(try reply.object() as? [String: String],
                           ["message": "You must authenticate to access this resource."])
        }
        let other = try StandInClient(port: standIn.port).get("/releases/3001", extraHeaders: ["Authorization: OAuth x"])
        XCTAssertEqual(other.status, 401)
        XCTAssertEqual(try StandInClient(port: standIn.port).get("/releases/3001?token=wrong").status, 401)
    }

    func testTokenInQueryAuthenticates() throws {
        let (standIn, _) = try makeStandIn()
        let reply = try StandInClient(port: standIn.port).get("/database/search?q=caf%C3%A9&token=test-token")
        XCTAssertEqual(reply.status, 200)
        XCTAssertEqual(reply.rateHeaders[0], 60)
    }

    func testSearchRequiresAuthenticationButLookupsDoNot() throws {
        let (standIn, _) = try makeStandIn()
        let anonymous = StandInClient(port: standIn.port)
        XCTAssertEqual(try anonymous.get("/database/search?q=x").status, 401)
        XCTAssertEqual(try anonymous.get("/masters/2003").status, 200)
    }

    func testWithoutConfiguredTokenAnyTokenIsAccepted() throws {
        let (standIn, _) = try makeStandIn { $0.token = nil }
        let reply = try StandInClient(port: standIn.port, token: "anything").get("/database/search?q=x")
        XCTAssertEqual(reply.status, 200)
        XCTAssertEqual(reply.rateHeaders[0], 60)
    }
}
