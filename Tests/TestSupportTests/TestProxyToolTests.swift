import Foundation
import XCTest
import TestSupport

/// The s3play-testproxy executable, run as a benchmark script would run it.
final class TestProxyToolTests: XCTestCase {
    /// `swift test` compiles the executable's module but does not relink the binary, and the test
    /// target may not depend on it (it would pull main.swift in), so the binary `swift build` left
    /// beside the test bundle is used.
    private func toolPath() throws -> String {
        let directory = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).deletingLastPathComponent()
        let path = directory.appendingPathComponent("s3play-testproxy").path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw XCTSkip("s3play-testproxy is not built; run `swift build` before `swift test`")
        }
        return path
    }

    func testProxiesUntilSIGTERMThenPrintsSummaryOnStderr() throws {
        let upstream = try TinyHTTPServer(routes: ["/bucket/song": .ok(Array("la la".utf8))])
        defer { upstream.stop() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try toolPath())
        process.arguments = ["--upstream-port", "\(upstream.port)", "--fail-first", "1", "--fail-code", "SlowDown"]
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        var firstLine = Data()
        while !firstLine.contains(UInt8(ascii: "\n")) {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            firstLine += chunk
        }
        let listening = String(decoding: firstLine, as: UTF8.self)
        XCTAssertTrue(listening.hasPrefix("listening 127.0.0.1:"), listening)
        let port = listening.dropFirst("listening 127.0.0.1:".count).prefix { $0.isNumber }

        let url = "http://127.0.0.1:\(port)/bucket/song"
        let result = try runCurl(["-w", "%{http_code}\n", "-o", "/dev/null", url, "-o", "/dev/null", url])
        XCTAssertEqual(result.stdout, "503\n200\n", result.stderr)

        process.terminate()  // SIGTERM
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        let summary = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
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
