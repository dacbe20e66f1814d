import Foundation
import XCTest
import TestSupport
@testable import Remote

/// `s3play remote …` run as a user runs it, against a RemoteServer in this process; both find
/// the socket through the same XDG_RUNTIME_DIR.
final class RemoteCommandTests: XCTestCase {
    private var runtime: TemporaryRuntimeDirectory!

    override func setUpWithError() throws {
        runtime = try TemporaryRuntimeDirectory()
    }

    override func tearDown() {
        runtime = nil
    }

    private func s3play(_ arguments: String...) throws -> ChildProcessOutcome {
        try ChildProcess.run(ChildProcess.builtProduct("s3play"), ["remote"] + arguments,
                             environment: ["XDG_RUNTIME_DIR": runtime.path])
    }

    private func withServer(_ body: (RecordingHandler) throws -> Void) throws {
        let recorder = RecordingHandler()
        let server = try RemoteServer(location: runtime.location, handler: recorder.handler)
        defer { server.stop() }
        try body(recorder)
    }

    func testStatusJSONPrintsTheStatusObject() throws {
        try withServer { recorder in
            let outcome = try s3play("status", "--json")
            XCTAssertEqual(outcome.standardError, "")
            XCTAssertEqual(outcome.status, 0)
            XCTAssertEqual(outcome.standardOutput,
                           #"{"state":"playing","artist":"Björk","title":"Hyperballad","album":"Post","#
                           + #""location":"s3://music/Björk/Post/05 Hyperballad.mp3","elapsed":83.250,"#
                           + #""duration":321.500,"volume":80,"shuffle":true,"repeat":"all","queue_length":12,"#
                           + #""queue_position":3,"waiting":null}"# + "\n")
            XCTAssertEqual(recorder.requests, [.status])
        }
    }

    func testStatusPrintsAReadableBlock() throws {
        try withServer { _ in
            let outcome = try s3play("status")
            XCTAssertEqual(outcome.status, 0)
            XCTAssertEqual(outcome.standardOutput, """
                State: playing
                Track: Björk – Hyperballad
                Album: Post
                Time: 1:23 / 5:21
                Volume: 80%
                Modes: shuffle on, repeat all
                Queue: 3 of 12

                """)
        }
    }

    func testNextSendsNextAndPrintsNothing() throws {
        try withServer { recorder in
            let outcome = try s3play("next")
            XCTAssertEqual(outcome.status, 0)
            XCTAssertEqual(outcome.standardOutput, "")
            XCTAssertEqual(outcome.standardError, "")
            XCTAssertEqual(recorder.requests, [.next])
        }
    }

    func testNegativeArgumentsReachTheRequestAndPathsGoAbsolute() throws {
        try withServer { recorder in
            for arguments in [["seek", "-5"], ["seek", "1:30"], ["vol", "-10"], ["vol", "+5"], ["add", "song.mp3"]] {
                let outcome = try ChildProcess.run(ChildProcess.builtProduct("s3play"), ["remote"] + arguments,
                                                   environment: ["XDG_RUNTIME_DIR": runtime.path])
                XCTAssertEqual(outcome.status, 0, "\(arguments): \(outcome.standardError)")
            }
            let workingDirectory = FileManager.default.currentDirectoryPath
            XCTAssertEqual(recorder.requests, [.seek(seconds: -5, relative: true), .seek(seconds: 90, relative: false),
                                               .volume(percent: -10, relative: true), .volume(percent: 5, relative: true),
                                               .add(source: workingDirectory + "/song.mp3")])
        }
    }

    func testRefusalExitsOneWithThePlayersReason() throws {
        try withServer { _ in
            let outcome = try s3play("seek", "2000")
            XCTAssertEqual(outcome.status, 1)
            XCTAssertEqual(outcome.standardOutput, "")
            XCTAssertEqual(outcome.standardError, "s3play: the player refused: nothing to seek in\n")
        }
    }

    func testStatusWithoutAPlayerExitsOneWithOneLine() throws {
        let outcome = try s3play("status")
        XCTAssertEqual(outcome.status, 1)
        XCTAssertEqual(outcome.standardOutput, "")
        XCTAssertEqual(outcome.standardError, "s3play: no s3play player is running (start one with `s3play`)\n")
    }

    func testMalformedCommandIsAUsageError() throws {
        let outcome = try s3play("vol", "loud")
        XCTAssertEqual(outcome.status, 64)
        XCTAssertTrue(outcome.standardError.hasPrefix("Error: vol takes N, +N or -N with N from 0 to 100, not 'loud'.\n"),
                      outcome.standardError)
        let jsonOutcome = try s3play("next", "--json")
        XCTAssertEqual(jsonOutcome.status, 64)
        XCTAssertTrue(jsonOutcome.standardError.hasPrefix("Error: --json goes with status only.\n"), jsonOutcome.standardError)
    }
}
