import Foundation
import Glibc
import XCTest
@testable import TestServers
@testable import TestSupport

/// The proxy between curl (or a raw socket) and a TinyHTTPServer upstream, all on 127.0.0.1.
final class HTTPFaultProxyTests: XCTestCase {
    private let objectBody = testBody(100_000)
    private let chunkedBody = testBody(30_000, seed: 3)
    private let bigBody = testBody(4 * 1024 * 1024, seed: 11)
    private var upstream: TinyHTTPServer!
    private var proxy: HTTPFaultProxy?
    private var directory: URL!

    override func setUpWithError() throws {
        upstream = try TinyHTTPServer(routes: [
            "/bucket/obj": .ok(objectBody),
            "/bucket/small": .ok(Array("hello world".utf8)),
            "/bucket/chunked": .chunked(chunkedBody, chunkSize: 4096),
            "/bucket/big": .ok(bigBody),
            "/bucket/empty": TinyHTTPServer.Response(status: 204),
            "/bucket/unchanged": TinyHTTPServer.Response(status: 304),
            "/bucket/upload": TinyHTTPServer.Response(status: 200),
        ])
        directory = try temporaryDirectory()
    }

    override func tearDown() {
        proxy?.stop()
        upstream.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    private func startProxy(_ plan: ProxyFaultPlan = ProxyFaultPlan()) throws -> HTTPFaultProxy {
        let proxy = try HTTPFaultProxy(upstreamPort: upstream.port, plan: plan)
        self.proxy = proxy
        return proxy
    }

    private func url(_ proxy: HTTPFaultProxy, _ path: String) -> String { "http://127.0.0.1:\(proxy.port)\(path)" }

    private func file(_ name: String) -> String { directory.appendingPathComponent(name).path }

    private func contents(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: file(name)))) }

    // MARK: Counting

    func testCountsEveryRequestOnOneKeepAliveConnection() throws {
        let proxy = try startProxy()
        let result = try runCurl([url(proxy, "/bucket/obj?x-id=GetObject"), "-o", file("a"),
                                  url(proxy, "/bucket/small"), "-o", file("b"),
                                  url(proxy, "/bucket/chunked"), "-o", file("c")])
        XCTAssertEqual(result.exitCode, 0, result.stderr)
        XCTAssertEqual(try contents("a"), objectBody)
        XCTAssertEqual(try contents("b"), Array("hello world".utf8))
        XCTAssertEqual(try contents("c"), chunkedBody)

        let traffic = proxy.log.snapshot()
        XCTAssertEqual(traffic.connectionsAccepted, 1)
        XCTAssertEqual(traffic.requestsByMethod, ["GET": 3])
        XCTAssertEqual(traffic.exchanges.map(\.target), ["/bucket/obj?x-id=GetObject", "/bucket/small", "/bucket/chunked"])
        XCTAssertEqual(traffic.exchanges.map(\.status), [200, 200, 200])
        // A chunked body is counted as on the wire: 7 chunks of 4096 ("1000\r\n...\r\n"), one of
        // 1328 ("530\r\n...\r\n") and the last chunk "0\r\n\r\n".
        XCTAssertEqual(traffic.exchanges.map(\.responseBodyBytes), [100_000, 11, 7 * (6 + 4096 + 2) + (5 + 1328 + 2) + 5])
        XCTAssertEqual(upstream.receivedRequests.count, 3)
    }

    func testRecordsRangeHeaderOfPartialRead() throws {
        let proxy = try startProxy()
        let result = try runCurl(["-r", "10-19", url(proxy, "/bucket/obj"), "-o", file("range")])
        XCTAssertEqual(result.exitCode, 0, result.stderr)
        XCTAssertEqual(try contents("range"), Array(objectBody[10...19]))
        XCTAssertEqual(proxy.log.snapshot().exchanges, [
            ProxiedExchange(method: "GET", target: "/bucket/obj", range: "bytes=10-19", status: 206,
                            responseBodyBytes: 10, faults: []),
        ])
    }

    func testServesConcurrentConnectionsAndCountsEachRequest() throws {
        let proxy = try startProxy(ProxyFaultPlan().withAddedLatency(.milliseconds(20)))
        // --parallel-immediate opens a connection per transfer instead of waiting to reuse one.
        var arguments = ["--parallel", "--parallel-immediate", "--parallel-max", "8"]
        for index in 0..<8 { arguments += [url(proxy, "/bucket/obj?part=\(index)"), "-o", file("part\(index)")] }
        let result = try runCurl(arguments)
        XCTAssertEqual(result.exitCode, 0, result.stderr)
        for index in 0..<8 { XCTAssertEqual(try contents("part\(index)"), objectBody) }
        let traffic = proxy.log.snapshot()
        XCTAssertEqual(traffic.requestsByMethod, ["GET": 8])
        XCTAssertEqual(Set(traffic.exchanges.map(\.target)), Set((0..<8).map { "/bucket/obj?part=\($0)" }))
        XCTAssertEqual(traffic.connectionsAccepted, 8)
    }

    // MARK: Injected statuses

    func testInjectedSlowDownAnswersFirstRequestThenForwardsOnSameConnection() throws {
        let proxy = try startProxy(ProxyFaultPlan().respondWithStatus(status: 503, code: "SlowDown", count: 1))
        let result = try runCurl(["-w", "%{http_code}\n",
                                  url(proxy, "/bucket/obj"), "-o", file("first"),
                                  url(proxy, "/bucket/obj"), "-o", file("second")])
        XCTAssertEqual(result.exitCode, 0, result.stderr)
        XCTAssertEqual(result.stdout, "503\n200\n")
        let errorDocument = String(decoding: try contents("first"), as: UTF8.self)
        XCTAssertTrue(errorDocument.contains("<Code>SlowDown</Code>"), errorDocument)
        XCTAssertTrue(errorDocument.contains("<Resource>/bucket/obj</Resource>"), errorDocument)
        XCTAssertEqual(try contents("second"), objectBody)

        let traffic = proxy.log.snapshot()
        XCTAssertEqual(traffic.connectionsAccepted, 1, "the injected answer keeps the connection alive")
        XCTAssertEqual(traffic.exchanges.map(\.status), [503, 200])
        XCTAssertEqual(traffic.exchanges.map(\.faults), [[.injectedStatus], []])
        XCTAssertEqual(traffic.exchanges[0].responseBodyBytes, errorDocument.utf8.count)
        XCTAssertEqual(upstream.receivedRequests.count, 1, "upstream never sees the injected request")
    }

    func testInjectionFilterMatchesOnlyItsMethodsAndPathPrefix() throws {
        let filter = ProxyFaultPlan.RequestFilter(methods: ["HEAD"], pathPrefix: "/bucket/ob")
        let proxy = try startProxy(ProxyFaultPlan().respondWithStatus(status: 500, code: "InternalError", count: 1,
                                                                      matching: filter))
        var codes: [String] = []
        for (method, path) in [("GET", "/bucket/obj"), ("HEAD", "/bucket/small"), ("HEAD", "/bucket/obj"),
                               ("HEAD", "/bucket/obj")] {
            let flags = method == "HEAD" ? ["--head"] : []
            let result = try runCurl(flags + ["-o", "/dev/null", "-w", "%{http_code}", url(proxy, path)])
            XCTAssertEqual(result.exitCode, 0, result.stderr)
            codes.append(result.stdout)
        }
        XCTAssertEqual(codes, ["200", "200", "500", "200"])
        let traffic = proxy.log.snapshot()
        XCTAssertEqual(traffic.requestsByMethod, ["GET": 1, "HEAD": 3])
        XCTAssertEqual(traffic.exchanges.map(\.faults), [[], [], [.injectedStatus], []])
        XCTAssertEqual(traffic.exchanges.map(\.responseBodyBytes), [100_000, 0, 0, 0])
        XCTAssertEqual(upstream.receivedRequests.map(\.method), ["GET", "HEAD", "HEAD"])
    }

    func testUnreachableUpstreamIsAnswered502() throws {
        upstream.stop()
        let proxy = try startProxy()
        let result = try runCurl(["-o", "/dev/null", "-w", "%{http_code}", url(proxy, "/bucket/obj")])
        XCTAssertEqual(result.stdout, "502")
        XCTAssertEqual(proxy.log.snapshot().exchanges.map(\.status), [502])
    }

    // MARK: Resets and stalls

    func testResetAfterResponseBytesDeliversExactlyThoseBytesThenReset() throws {
        let proxy = try startProxy(ProxyFaultPlan().resetAfterResponseBytes(5_000))
        let request = "GET /bucket/obj HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        let expected = try RawClient(port: upstream.port)
        expected.send(request)
        let whole = try expected.readResponse()
        let head = Array("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n".utf8)
        XCTAssertEqual(whole.body, objectBody)

        let client = try RawClient(port: proxy.port)
        client.send(request)
        let (received, error) = client.readToEnd()
        XCTAssertEqual(received.count, 5_000)
        XCTAssertEqual(received, Array((head + objectBody).prefix(5_000)))
        XCTAssertEqual(error, ECONNRESET)

        // Only the first GET response is cut (times: 1).
        let next = try RawClient(port: proxy.port)
        next.send(request)
        XCTAssertEqual(try next.readResponse().body, objectBody)
        let traffic = proxy.log.snapshot()
        XCTAssertEqual(traffic.exchanges.map(\.faults), [[.reset], []])
        XCTAssertEqual(traffic.exchanges.map(\.responseBodyBytes), [5_000 - head.count, 100_000])
    }

    func testCurlSeesResetAsReceiveFailureAfterTheCountedBodyBytes() throws {
        let proxy = try startProxy(ProxyFaultPlan().resetAfterResponseBytes(20_000).withAddedLatency(.milliseconds(20)))
        let result = try runCurl([url(proxy, "/bucket/obj"), "-o", file("cut")])
        XCTAssertEqual(result.exitCode, 56, "CURLE_RECV_ERROR: " + result.stderr)
        let downloaded = try contents("cut")
        XCTAssertEqual(downloaded, Array(objectBody.prefix(downloaded.count)))
        XCTAssertEqual(proxy.log.snapshot().exchanges.map(\.responseBodyBytes), [downloaded.count])
        XCTAssertEqual(downloaded.count, 20_000 - "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n".utf8.count)
    }

    func testStallThenContinueDeliversTheFullBody() throws {
        let proxy = try startProxy(ProxyFaultPlan().stallAfterResponseBytes(1_000, for: .milliseconds(300)))
        let time = try elapsed {
            let result = try runCurl([url(proxy, "/bucket/obj"), "-o", file("stalled")])
            XCTAssertEqual(result.exitCode, 0, result.stderr)
        }
        XCTAssertEqual(try contents("stalled"), objectBody)
        XCTAssertGreaterThanOrEqual(time, .milliseconds(300))
        XCTAssertEqual(proxy.log.snapshot().exchanges.map(\.faults), [[.stall]])
    }

    func testResetAndStallApplyToGetResponsesOnly() throws {
        let proxy = try startProxy(ProxyFaultPlan().resetAfterResponseBytes(10))
        let head = try runCurl(["--head", "-o", "/dev/null", "-w", "%{http_code}", url(proxy, "/bucket/obj")])
        XCTAssertEqual(head.stdout, "200", head.stderr)
        let get = try runCurl([url(proxy, "/bucket/obj"), "-o", "/dev/null"])
        XCTAssertEqual(get.exitCode, 56, get.stderr)
        XCTAssertEqual(proxy.log.snapshot().exchanges.map(\.faults), [[], [.reset]])
    }

    func testResetWaitsUntilASlowReaderHasEveryByteBeforeTheReset() throws {
        let cut = 3 * 1024 * 1024
        let proxy = try startProxy(ProxyFaultPlan().resetAfterResponseBytes(cut))
        let client = try RawClient(port: proxy.port)
        client.send("GET /bucket/big HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        // Not reading yet: most of the 3 MiB is still in the proxy's send queue when it decides to
        // reset, and a RST sent then would discard it.
        usleep(300_000)
        let (received, error) = client.readToEnd()
        XCTAssertEqual(received.count, cut)
        XCTAssertEqual(error, ECONNRESET)
    }

    // MARK: Latency and bandwidth

    func testAddedLatencyDelaysEveryRoundTripByAtLeastTwiceTheOneWayLatency() throws {
        let proxy = try startProxy(ProxyFaultPlan().withAddedLatency(.milliseconds(100)))
        let client = try RawClient(port: proxy.port)
        for _ in 0..<3 {
            let roundTrip = try elapsed {
                client.send("GET /bucket/small HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                XCTAssertEqual(try client.readResponse().body, Array("hello world".utf8))
            }
            XCTAssertGreaterThanOrEqual(roundTrip, .milliseconds(200))
        }
        XCTAssertEqual(proxy.log.snapshot().requestsByMethod, ["GET": 3])
    }

    func testLatencyIsADelayLineNotASleepPerChunk() throws {
        let proxy = try startProxy(ProxyFaultPlan().withAddedLatency(.milliseconds(100)))
        let client = try RawClient(port: proxy.port)
        let time = try elapsed {
            // Pipelined, and a 4 MiB body arrives in 64 or more reads: sleeping 100 ms per chunk
            // would take over 6 s; a delay line adds 100 ms per direction once.
            client.send("GET /bucket/small HTTP/1.1\r\nHost: a\r\n\r\nGET /bucket/big HTTP/1.1\r\nHost: a\r\n\r\n")
            XCTAssertEqual(try client.readResponse().body, Array("hello world".utf8))
            XCTAssertEqual(try client.readResponse().body, bigBody)
        }
        XCTAssertGreaterThanOrEqual(time, .milliseconds(200))
        XCTAssertLessThan(time, .seconds(3), "generous bound; a per-chunk sleep chain takes over 6 s")
    }

    func testBandwidthLimitPacesResponseBytes() throws {
        let proxy = try startProxy(ProxyFaultPlan().withBandwidthLimit(bytesPerSecond: 500_000))
        let time = try elapsed {
            let result = try runCurl([url(proxy, "/bucket/obj"), "-o", file("paced")])
            XCTAssertEqual(result.exitCode, 0, result.stderr)
        }
        XCTAssertEqual(try contents("paced"), objectBody)
        // 100 KB of body (plus the head) at 500 KB/s takes at least 0.2 s.
        XCTAssertGreaterThanOrEqual(time, .milliseconds(200))
    }

    // MARK: Framing through the proxy

    func testPipelinedHeadNoContentNotModifiedAndChunkedResponsesArriveByteForByte() throws {
        let requests = ["HEAD /bucket/obj", "GET /bucket/empty", "GET /bucket/unchanged", "GET /bucket/chunked",
                        "HEAD /bucket/chunked", "GET /bucket/small"]
            .map { "\($0) HTTP/1.1\r\nHost: 127.0.0.1\r\n" }
        let pipelined = requests.dropLast().map { $0 + "\r\n" }.joined() + requests.last! + "Connection: close\r\n\r\n"
        // Ground truth: the same bytes straight from upstream.
        let direct = try RawClient(port: upstream.port)
        direct.send(pipelined)
        let expected = direct.readToEnd()
        XCTAssertEqual(expected.error, 0)

        let proxy = try startProxy()
        let client = try RawClient(port: proxy.port)
        client.send(pipelined)
        let received = client.readToEnd()
        XCTAssertEqual(received.error, 0)
        XCTAssertEqual(received.bytes.count, expected.bytes.count)
        XCTAssertTrue(received.bytes == expected.bytes)

        let traffic = proxy.log.snapshot()
        XCTAssertEqual(traffic.requestsByMethod, ["GET": 4, "HEAD": 2])
        XCTAssertEqual(traffic.exchanges.map(\.status), [200, 204, 304, 200, 200, 200])
        XCTAssertEqual(traffic.exchanges.map(\.responseBodyBytes), [0, 0, 0, 7 * (6 + 4096 + 2) + (5 + 1328 + 2) + 5, 0, 11])
        XCTAssertEqual(traffic.totalResponseBytes, expected.bytes.count)
    }

    func testUploadWithExpectContinueIsForwardedWhole() throws {
        let proxy = try startProxy()
        let upload = testBody(2 * 1024 * 1024, seed: 5)
        try Data(upload).write(to: URL(fileURLWithPath: file("upload")))
        let result = try runCurl(["-T", file("upload"), "-w", "%{http_code}", "-o", "/dev/null",
                                  "-v", url(proxy, "/bucket/upload")])
        XCTAssertEqual(result.exitCode, 0, result.stderr)
        XCTAssertEqual(result.stdout, "200")
        XCTAssertTrue(result.stderr.contains("100 Continue"), "upstream's interim response reaches curl")
        XCTAssertEqual(upstream.receivedRequests.map(\.bodyBytes), [upload.count])
        XCTAssertEqual(proxy.log.snapshot().exchanges.map(\.status), [200])
    }

    // MARK: Lifecycle

    func testClientThatVanishesMidResponseLeavesTheProxyServing() throws {
        let proxy = try startProxy()
        do {
            let client = try RawClient(port: proxy.port)
            client.send("GET /bucket/big HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            client.readThenAbandon(10_000)
        }
        let result = try runCurl([url(proxy, "/bucket/obj"), "-o", file("after")])
        XCTAssertEqual(result.exitCode, 0, result.stderr)
        XCTAssertEqual(try contents("after"), objectBody)
        XCTAssertEqual(proxy.log.snapshot().connectionsAccepted, 2)
    }

    func testStopClosesOpenConnectionsAndTheListener() throws {
        let proxy = try startProxy(ProxyFaultPlan().withAddedLatency(.milliseconds(10)))
        let client = try RawClient(port: proxy.port)
        client.send("GET /bucket/small HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        XCTAssertEqual(try client.readResponse().body, Array("hello world".utf8))
        proxy.stop()
        XCTAssertEqual(client.readToEnd().bytes, [], "the idle keep-alive connection is closed")
        XCTAssertThrowsError(try RawClient(port: proxy.port)) { error in
            XCTAssertEqual(error as? LoopbackSocketError, .systemCall("connect", errno: ECONNREFUSED))
        }
        proxy.stop()  // idempotent
    }
}
