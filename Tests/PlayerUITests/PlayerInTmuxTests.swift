import Foundation
import TestSupport
import XCTest

/// `s3play` (no subcommand) in a real terminal: the sample library scanned into a private
/// cache, browsed, queued, controlled over the remote socket, quit, and restored on restart.
final class PlayerInTmuxTests: XCTestCase {
    private var home: FolderPlayerHome!

    override func setUpWithError() throws { home = try FolderPlayerHome() }
    override func tearDown() { home.close() }

    func testBrowseQueueRemoteQuitAndRestore() throws {
        let library = try SampleLibrary.folder()
        try home.scan(library)

        let session = try home.startPlayer(library: library)
        var lines = try session.waitFor("three columns with the artists") { lines in
            lines.first?.hasPrefix("Artists (5)") == true && lines.joined().contains("Северный Ветер")
        }
        XCTAssertTrue(lines[0].contains("Albums ("), lines[0])
        XCTAssertTrue(lines[0].contains("Songs ("), lines[0])
        XCTAssertTrue(lines[1].hasPrefix("Les Frères Ñandú"), lines[1])

        // To the albums column, and the first album (two songs) into the queue.
        try session.sendKeys("l")
        try session.waitFor("the album's songs") { $0.joined().contains("Été Brûlant") }
        try session.sendKeys("a")
        try session.waitFor("the added notice") { $0.last?.contains("Added 2 songs") == true }
        try session.sendKeys("Tab")
        lines = try session.waitFor("the queue view") { $0.first?.hasPrefix("Queue: 2 entries") == true }
        XCTAssertTrue(lines[1].contains("Les Frères Ñandú") && lines[1].contains("  Été Brûlant  ") && lines[1].contains("Canción del Café"), lines[1])

        let status = try home.s3play(["remote", "status", "--json"])
        XCTAssertEqual(status.status, 0, status.standardError)
        XCTAssertTrue(status.standardOutput.contains("\"queue_length\":2"), status.standardOutput)

        try session.sendKeys("q")
        try session.waitFor("the player to exit") { $0.contains("exited 0") }
        let stateFile = home.url("state/s3play/state.json")
        XCTAssertTrue(FileManager.default.fileExists(atPath: stateFile.path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: home.url("run/s3play/remote.sock").path),
                       "the socket is removed on quit")

        // The next start brings the queue back.
        let again = try home.startPlayer(library: library)
        try again.waitFor("the first frame") { $0.first?.hasPrefix("Artists (5)") == true }
        try again.sendKeys("Tab")
        lines = try again.waitFor("the restored queue") { $0.first?.hasPrefix("Queue: 2 entries") == true }
        XCTAssertTrue(lines[1].contains("Été Brûlant"), lines[1])
        try again.sendKeys(":")
        try again.sendText("q")
        try again.sendKeys("Enter")
        try again.waitFor("the player to exit after :q") { $0.contains("exited 0") }
    }

    func testAnUnscannedLibraryIsRefusedInOneLineBeforeCursesStarts() throws {
        let empty = home.url("music")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let outcome = try home.s3play(["--library", empty.path])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertTrue(outcome.standardError.contains("s3play scan"), outcome.standardError)
        XCTAssertEqual(outcome.standardError.split(separator: "\n").count, 1, outcome.standardError)
        XCTAssertFalse(outcome.standardOutput.contains("\u{1B}["), "no escape sequences: curses never started")
    }
}
