import Foundation
import XCTest
import TestSupport

/// The s3play-testproxy executable, run as a benchmark script would run it.
final class TestProxyToolTests: XCTestCase {
    private func toolPath() throws -> String {
        try ChildProcess.builtProduct("s3play-testproxy").path
    }

    func testProxiesUntilSIGTERMThenPrintsSummaryOnStderr() throws {
        let upstream = try TinyHTTPServer(routes: ["/bucket/song": .ok(Array("la la".utf8))])
        defer { upstream.stop() }
        let tool = try ListeningTool(ChildProcess.builtProduct("s3play-testproxy"),
                                     ["--upstream-port", "\(upstream.port)", "--fail-first", "1", "--fail-code", "SlowDown"])
        let port = tool.port

        let url = "http://127.0.0.1:\(port)/bucket/song"
        let result = try runCurl(["-w", "%{http_code}\n", "-o", "/dev/null", url, "-o", "/dev/null", url])
        XCTAssertEqual(result.stdout, "503\n200\n", result.stderr)

        let (status, summary) = tool.stop()  // SIGTERM
        XCTAssertEqual(status, 0)
        XCTAssertTrue(summary.hasPrefix("s3play-testproxy: 2 requests (GET 2), 1 injected, 0 resets, 0 stalls, "), summary)
        XCTAssertTrue(summary.hasSuffix(" response bytes, 1 connections\n"), summary)
        XCTAssertEqual(summary.filter { $0 == "\n" }.count, 1)
    }

    func testRejectsBadArgumentsWithOneLine() throws {
        let tool = try toolPath()
        let notANumber = try runProcess(tool, ["--upstream-port", "nine"])
        XCTAssertEqual(notANumber.exitCode, 2)
        XCTAssertEqual(notANumber.stderr,
                       "s3play-testproxy: --upstream-port needs a non-negative integer, got 'nine' (see --help)\n")
        let missing = try runProcess(tool, ["--latency-ms", "5"])
        XCTAssertEqual(missing.exitCode, 2)
        XCTAssertEqual(missing.stderr, "s3play-testproxy: --upstream-port P (1-65535) is required (see --help)\n")
        let unknown = try runProcess(tool, ["--upstream-port", "9000", "--jitter", "3"])
        XCTAssertEqual(unknown.stderr, "s3play-testproxy: unknown option '--jitter' (see --help)\n")
    }
}
