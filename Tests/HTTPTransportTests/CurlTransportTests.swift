import Foundation
import HTTPTransport
import TestSupport
import XCTest

/// The libcurl transport against a real HTTP server on loopback (TinyHTTPServer), and through
/// the fault proxy where a misbehaving network is needed.
final class CurlTransportTests: XCTestCase {
    private var server: TinyHTTPServer!
    /// Byte i is i * 13 mod 256, so the body is one 256-byte period repeated: built by copying
    /// that period, since a 24 Mi-step loop costs seconds in a debug build (every test's set-up).
    private static let bigBody: [UInt8] = {
        let period = (0..<256).map { UInt8(truncatingIfNeeded: $0 &* 13) }
        var body: [UInt8] = []
        body.reserveCapacity(24 << 20)
        for _ in 0..<((24 << 20) / 256) { body.append(contentsOf: period) }
        return body
    }()

    override func setUpWithError() throws {
        server = try TinyHTTPServer(routes: [
            "/small": .ok(Array("hello".utf8)),
            "/big": .ok(Self.bigBody),
            "/chunked": .chunked(Array(repeating: 7, count: 100_000), chunkSize: 4_096),
            "/missing": TinyHTTPServer.Response(status: 404, body: Array("<Error/>".utf8)),
        ])
    }

    override func tearDown() { server.stop() }

    private func url(_ path: String, port: Int? = nil) -> String { "http://127.0.0.1:\(port ?? server.port)\(path)" }

    func testSecondRequestRidesTheWarmConnection() throws {
        let transport = try CurlTransport()
        defer { transport.shutdown() }
        let first = try transport.send(HTTPRequest(url: url("/small")))
        XCTAssertEqual(try first.readAll(), Array("hello".utf8))
        XCTAssertEqual(first.head.newConnectionCount, 1)
        let second = try transport.send(HTTPRequest(url: url("/small")))
        XCTAssertEqual(try second.readAll(), Array("hello".utf8))
        XCTAssertEqual(second.head.newConnectionCount, 0, "no new TCP connection for the second request")
    }

    func testStatusHeadersAndChunkedBodiesArriveIntact() throws {
        let transport = try CurlTransport()
        defer { transport.shutdown() }
        let missing = try transport.send(HTTPRequest(url: url("/missing")))
        XCTAssertEqual(missing.status, 404, "an HTTP error status is a response, not a transport error")
        XCTAssertEqual(try missing.readAll(), Array("<Error/>".utf8))
        let chunked = try transport.send(HTTPRequest(url: url("/chunked")))
        XCTAssertEqual(try chunked.readAll(), Array(repeating: 7, count: 100_000))
        let ranged = try transport.send(HTTPRequest(url: url("/big"), headers: [("Range", "bytes=100-199")]))
        XCTAssertEqual(ranged.status, 206)
        XCTAssertEqual(ranged.head.headers["content-range"], "bytes 100-199/\(Self.bigBody.count)")
        XCTAssertEqual(try ranged.readAll(), Array(Self.bigBody[100...199]))
    }

    func testAReaderThatDoesNotReadPausesTheTransferInsteadOfBufferingTheBody() throws {
        try TestRequirement.requireTime(9, for: "a paused transfer held in real time")
        var configuration = HTTPTransportConfiguration()
        configuration.maxBufferedBodyBytes = 256 << 10
        let transport = try CurlTransport(configuration: configuration)
        defer { transport.shutdown() }
        let response = try transport.send(HTTPRequest(url: url("/big")))
        let first = try XCTUnwrap(try response.nextChunk())
        Thread.sleep(forTimeInterval: 1)  // the reader stalls; the server could send all 24 MiB meanwhile
        XCTAssertLessThanOrEqual(response.bufferedBodyBytes, (256 << 10) + CurlTransportTests.maxPieceBytes,
                                 "the transport holds at most its limit plus one piece")
        var received = first
        while let chunk = try response.nextChunk() { received += chunk }
        XCTAssertEqual(received.count, Self.bigBody.count)
        XCTAssertTrue(received == Self.bigBody, "pausing and resuming loses and repeats nothing")
    }

    /// libcurl hands the write callback at most CURL_MAX_WRITE_SIZE (16 KiB) at a time.
    static let maxPieceBytes = 16 << 10

    func testCancellingMidBodyStopsTheTransferAndTheTransportStaysUsable() throws {
        let transport = try CurlTransport()
        defer { transport.shutdown() }
        let response = try transport.send(HTTPRequest(url: url("/big")))
        _ = try response.nextChunk()
        response.cancel()
        XCTAssertThrowsError(try response.nextChunk()) { error in
            XCTAssertEqual(error as? HTTPTransportError, .cancelled)
        }
        XCTAssertEqual(try transport.send(HTTPRequest(url: url("/small"))).readAll(), Array("hello".utf8))
    }

    func testRefusedConnectionIsACannotConnectError() throws {
        let transport = try CurlTransport()
        defer { transport.shutdown() }
        XCTAssertThrowsError(try transport.send(HTTPRequest(url: "http://127.0.0.1:9/x"))) { error in
            guard case .cannotConnect = error as? HTTPTransportError else { return XCTFail("\(error)") }
            XCTAssertTrue((error as? HTTPTransportError)?.isConnectionFailure == true)
        }
    }

    func testAStalledResponseTimesOutAfterTheStallTimeout() throws {
        let proxy = try HTTPFaultProxy(upstreamPort: server.port,
                                       plan: ProxyFaultPlan().stallAfterResponseBytes(100_000, for: .seconds(4)))
        defer { proxy.stop() }
        let transport = try CurlTransport()
        defer { transport.shutdown() }
        let response = try transport.send(HTTPRequest(url: url("/big", port: proxy.port), stallTimeout: 1))
        var received = 0
        XCTAssertThrowsError(try { while let chunk = try response.nextChunk() { received += chunk.count } }()) { error in
            guard case .timedOut = error as? HTTPTransportError else { return XCTFail("\(error)") }
        }
        XCTAssertLessThan(received, 100_000, "the body stopped where the proxy stalled it")
    }

    func testAResetMidBodyIsAConnectionLostError() throws {
        let proxy = try HTTPFaultProxy(upstreamPort: server.port, plan: ProxyFaultPlan().resetAfterResponseBytes(50_000))
        defer { proxy.stop() }
        let transport = try CurlTransport()
        defer { transport.shutdown() }
        let response = try transport.send(HTTPRequest(url: url("/big", port: proxy.port)))
        XCTAssertThrowsError(try response.readAll(limit: 64 << 20)) { error in
            guard case .connectionLost = error as? HTTPTransportError else { return XCTFail("\(error)") }
        }
    }

    func testRequestBodiesAreSentWhole() throws {
        let transport = try CurlTransport()
        defer { transport.shutdown() }
        let body = Array(repeating: UInt8(0x41), count: 300_000)
        let response = try transport.send(HTTPRequest(method: "PUT", url: url("/small"), body: body))
        _ = try response.readAll()
        XCTAssertEqual(server.receivedRequests.last?.method, "PUT")
        XCTAssertEqual(server.receivedRequests.last?.bodyBytes, 300_000)
    }
}
