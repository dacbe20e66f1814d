import Foundation
import TestSupport
import XCTest

/// The s3play-discogs-standin executable, run as the demo script runs it, queried with curl.
final class DiscogsStandInToolTests: XCTestCase {
    private func toolPath() throws -> String {
        try ChildProcess.builtProduct("s3play-discogs-standin").path
    }

    private func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let outcome = try ChildProcess.run(executable, arguments)
        return (outcome.status, outcome.standardOutput, outcome.standardError)
    }

    func testServesWithTokenAndLimitsLogsEachRequestAndStopsOnSIGTERM() throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("standin-\(UUID()).log").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        let tool = try ListeningTool(ChildProcess.builtProduct("s3play-discogs-standin"),
                                     ["--port", "0", "--token", "T0k", "--limit", "2", "--unauthenticated-limit", "1",
                                      "--retry-after", "--log", log])
        let base = "http://127.0.0.1:\(tool.port)"

        let curl = "/usr/bin/curl"
        let format = "%{http_code} %header{x-discogs-ratelimit-remaining} %header{retry-after}\n"
        let ok = try run(curl, ["-s", "-A", "s3playTests/1.0", "-H", "Authorization: Discogs token=T0k",
                                "-w", format, "-o", "/dev/null", "\(base)/artists/1001",
                                "-o", "/dev/null", "\(base)/releases/3001", "-o", "/dev/null", "\(base)/masters/2001"])
        XCTAssertEqual(ok.stdout, "200 1 \n200 0 \n429 0 60\n", ok.stderr)
        let noAgent = try run(curl, ["-s", "-H", "User-Agent:", "-w", "%{http_code} %{size_download}", "-o", "/dev/null",
                                     "\(base)/artists/1001"])
        XCTAssertEqual(noAgent.stdout, "403 0")

        XCTAssertEqual(tool.stop().status, 0)
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.map { $0.split(separator: " ").dropFirst().joined(separator: " ") },
                       ["GET /artists/1001 200", "GET /releases/3001 200", "GET /masters/2001 429", "GET /artists/1001 403"])
        XCTAssertTrue(lines.allSatisfy { Double($0.split(separator: " ")[0]) != nil }, "\(lines)")
    }

    func testFailModeAndBadArguments() throws {
        let tool = try toolPath()
        let bad = try run(tool, ["--fail", "sometimes"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertEqual(bad.stderr, "s3play-discogs-standin: --fail must be 500, slow, malformed, 429 or trickle, got 'sometimes' (see --help)\n")
        let notANumber = try run(tool, ["--limit", "many"])
        XCTAssertEqual(notANumber.status, 2)
        XCTAssertEqual(notANumber.stderr, "s3play-discogs-standin: --limit needs a non-negative integer, got 'many' (see --help)\n")
        let help = try run(tool, ["--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.hasPrefix("usage: s3play-discogs-standin"))
    }

    func testThe429ModeSendsTheRetryAfterItIsGivenAsIs() throws {
        let tool = try ListeningTool(ChildProcess.builtProduct("s3play-discogs-standin"),
                                     ["--port", "0", "--fail", "429", "--fail-retry-after", "999999"])
        let answer = try run("/usr/bin/curl", ["-s", "-A", "s3playTests/1.0", "-w", "%{http_code} %header{retry-after}",
                                               "-o", "/dev/null", "http://127.0.0.1:\(tool.port)/artists/1001"])
        XCTAssertEqual(answer.stdout, "429 999999")
        XCTAssertEqual(tool.stop().status, 0)
    }
}
