import Foundation
import TestSupport
import XCTest

/// Control characters from outside (S3 keys, tags) never reach a terminal raw: on a terminal they
/// are shown as visible escapes; into a pipe they pass as they are; `--json` escapes them as JSON.
final class TerminalSafeOutputTests: XCTestCase {
    static let hostile = "\u{1B}]0;pwned\u{07}\u{1B}[2J"
    static let shown = "\\x1b]0;pwned\\x07\\x1b[2J"

    /// Runs s3play with its output on a pseudo-terminal (util-linux `script`), as a user sees it.
    private func runOnTerminal(_ arguments: [String], environment: [String: String?] = [:]) throws -> ChildProcessOutcome {
        let binary = try ChildProcess.builtProduct("s3play").path
        let command = ([binary] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
            .joined(separator: " ")
        return try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/script"), ["-qec", command, "/dev/null"],
                                    environment: environment)
    }

    func testADiscogsProfileWithEscapeSequencesIsEscapedOnATerminal() throws {
        var catalog = DiscogsFixtureCatalog.standard
        let index = try XCTUnwrap(catalog.artists.firstIndex { $0.id == 1001 })
        catalog.artists[index].profile = "\(Self.hostile)Invented duo."
        let token = "terminal-safe-token-5d1e"
        let standIn = try DiscogsStandIn(DiscogsStandInConfiguration(token: token), catalog: catalog)
        defer { standIn.stop() }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("s3play-esc-discogs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let environment: [String: String?] = [
            "XDG_CACHE_HOME": root.appendingPathComponent("cache").path,
            "XDG_CONFIG_HOME": root.appendingPathComponent("config").path,
            "DISCOGS_TOKEN": token, "DISCOGS_API_URL": standIn.baseURL, "S3PLAY_LIBRARY": nil]
        let terminal = try runOnTerminal(["discogs", "artist", "1001"], environment: environment)
        XCTAssertEqual(terminal.status, 0, terminal.standardOutput)
        XCTAssertTrue(terminal.standardOutput.contains("\(Self.shown)Invented duo."), terminal.standardOutput)
        assertNoRawControls(terminal.standardOutput)
        let json = try S3PlayProcess.run(["discogs", "artist", "1001", "--json"], environment: environment)
        XCTAssertEqual(json.status, 0, json.standardError)
        assertNoRawControls(json.standardOutput)
    }

    private func assertNoRawControls(_ text: String, line: UInt = #line) {
        XCTAssertFalse(text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\r" }, text, line: line)
    }

    func testKeysWithEscapeSequencesAreEscapedOnATerminalAndKeptInAPipe() throws {
        let key = "Artist/\(Self.hostile)song.mp3"
        let standIn = try HostileS3StandIn(objects: [key: [1, 2, 3]])
        defer { standIn.stop() }
        let arguments = ["ls", "--endpoint-url", standIn.endpoint, "s3://honest"]
        let terminal = try runOnTerminal(arguments)
        XCTAssertEqual(terminal.status, 0, terminal.standardOutput)
        XCTAssertTrue(terminal.standardOutput.contains("Artist/\(Self.shown)song.mp3"), terminal.standardOutput)
        assertNoRawControls(terminal.standardOutput)

        let piped = try S3PlayProcess.run(arguments)
        XCTAssertEqual(piped.standardOutput, key + "\n", "a script gets the real key")

        let json = try S3PlayProcess.run(["ls", "--json", "--endpoint-url", standIn.endpoint, "s3://honest"])
        assertNoRawControls(json.standardOutput)
        XCTAssertTrue(json.standardOutput.contains("\\u001b]0;pwned\\u0007\\u001b[2J"), json.standardOutput)
        let object = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any]
        XCTAssertEqual(object?["key"] as? String, key)
    }

    func testTagsWithEscapeSequencesAreEscapedOnATerminal() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("s3play-esc-\(UUID()).mp3")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(Self.id3v23(title: "\(Self.hostile)Title") + Array(try Data(contentsOf: TestAudioFiles.url(.cbr320))))
            .write(to: file)
        let terminal = try runOnTerminal(["info", file.path])
        XCTAssertEqual(terminal.status, 0, terminal.standardOutput)
        XCTAssertTrue(terminal.standardOutput.contains("\(Self.shown)Title"), terminal.standardOutput)
        assertNoRawControls(terminal.standardOutput)
        let json = try S3PlayProcess.run(["info", "--json", file.path])
        assertNoRawControls(json.standardOutput)
    }

    /// An ID3v2.3 tag with one TIT2 frame in ISO-8859-1 (ID3v2.3 §3.3, §4.2).
    static func id3v23(title: String) -> [UInt8] {
        let text = [0] + title.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
        let frame = Array("TIT2".utf8) + bigEndian(text.count) + [0, 0] + text
        let size = frame.count
        let syncsafe = [size >> 21, size >> 14, size >> 7, size].map { UInt8($0 & 0x7F) }
        return Array("ID3".utf8) + [3, 0, 0] + syncsafe + frame
    }

    private static func bigEndian(_ value: Int) -> [UInt8] {
        [UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    func testURLsAreRefusedWithoutTheirSecrets() throws {
        let presigned = "https://music.s3.amazonaws.com/a.mp3?X-Amz-Credential=AKIAEXAMPLE&X-Amz-Signature=deadbeefsecret"
        let info = try S3PlayProcess.run(["info", presigned])
        XCTAssertEqual(info.status, 1)
        XCTAssertTrue(info.standardError.contains("URLs are not supported"), info.standardError)
        XCTAssertFalse(info.standardError.contains("deadbeefsecret"), info.standardError)
        XCTAssertFalse(info.standardError.contains("AKIAEXAMPLE"), info.standardError)

        let endpoint = try S3PlayProcess.run(["ls", "--endpoint-url", "http://127.0.0.1:9/x?X-Amz-Signature=deadbeefsecret",
                                              "s3://bucket"])
        XCTAssertEqual(endpoint.status, 1)
        XCTAssertFalse(endpoint.standardError.contains("deadbeefsecret"), endpoint.standardError)
    }

    func testAFIFOIsRefusedAtOnceInsteadOfBlocking() throws {
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("s3play-fifo-\(UUID()).mp3").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        defer { unlink(fifo) }
        for command in ["info", "play"] {
            // Without the check the process blocks in open(2) forever: stop it after 20 s so the
            // test fails instead of hanging.
            let outcome = try S3PlayProcess.run([command, "--quiet", fifo].filter { command == "play" || $0 != "--quiet" },
                                                whileRunning: { process in
                for _ in 0..<200 where process.isRunning { usleep(100_000) }
                if process.isRunning { process.terminate() }
            })
            XCTAssertEqual(outcome.status, 1, "\(command): \(outcome.standardError)")
            XCTAssertTrue(outcome.standardError.contains("named pipe (FIFO)"), outcome.standardError)
        }
    }
}
