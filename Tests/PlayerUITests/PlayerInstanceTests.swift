import Foundation
import TestSupport
import XCTest

/// One player per user (issue #12 §5) and a runtime directory that does not exist yet (§7).
final class PlayerInstanceTests: XCTestCase {
    private var home: FolderPlayerHome!

    override func setUpWithError() throws { home = try FolderPlayerHome() }
    override func tearDown() { home.close() }

    func testASecondPlayerIsRefusedInOneLineAndAForcedOneKeepsItsOwnState() throws {
        let library = try SampleLibrary.folder()
        try home.scan(library)
        let first = try home.startPlayer(library: library)
        try first.waitFor("the first player") { $0.first?.hasPrefix("Artists (5)") == true }
        try first.sendKeys("l")
        try first.waitFor("the album's songs") { $0.joined().contains("Été Brûlant") }
        try first.sendKeys("a")
        try first.waitFor("the added notice") { $0.last?.contains("Added 2 songs") == true }

        // Refused before curses starts: one line on stderr naming the running player.
        let refused = try home.s3play(["--library", library.path])
        XCTAssertEqual(refused.status, 1)
        XCTAssertEqual(refused.standardError.split(separator: "\n").count, 1, refused.standardError)
        XCTAssertTrue(refused.standardError.hasPrefix("s3play: another s3play player is running (pid "), refused.standardError)
        XCTAssertTrue(refused.standardError.contains("--state FILE"), refused.standardError)
        XCTAssertFalse(refused.standardOutput.contains("\u{1B}["), "curses never started")

        // Forced with a state file of its own, a second player runs and saves there.
        let ownState = home.url("second-state.json")
        let second = try home.startPlayer(library: library, arguments: ["--state", ownState.path])
        try second.waitFor("the second player") { $0.first?.hasPrefix("Artists (5)") == true }
        try second.sendKeys("a")
        try second.waitFor("the second player's notice") { $0.last?.contains("Added") == true }
        try second.sendKeys("q")
        try second.waitFor("the second player to exit") { $0.contains("exited 0") }
        try first.sendKeys("q")
        try first.waitFor("the first player to exit") { $0.contains("exited 0") }

        struct Saved: Decodable { struct Entry: Decodable { var title: String }; var entries: [Entry] }
        let mine = try JSONDecoder().decode(Saved.self, from: Data(contentsOf: home.url("state/s3play/state.json")))
        XCTAssertEqual(mine.entries.count, 2, "the first player's queue was not overwritten")
        let theirs = try JSONDecoder().decode(Saved.self, from: Data(contentsOf: ownState))
        XCTAssertFalse(theirs.entries.isEmpty)

        // With both gone, the lock is free again.
        let third = try home.startPlayer(library: library)
        try third.waitFor("a player after both quit") { $0.first?.hasPrefix("Artists (5)") == true }
        try third.sendKeys("q")
        try third.waitFor("it to exit") { $0.contains("exited 0") }
    }

    func testARuntimeDirectoryThatDoesNotExistIsCreatedForTheRemoteSocket() throws {
        let library = try SampleLibrary.folder()
        try home.scan(library)
        home.directories["XDG_RUNTIME_DIR"] = "run/not/yet/there"
        let session = try home.startPlayer(library: library)
        try session.waitFor("the player") { $0.first?.hasPrefix("Artists (5)") == true }
        let status = try home.s3play(["remote", "status", "--json"])
        XCTAssertEqual(status.status, 0, status.standardError)
        XCTAssertTrue(status.standardOutput.contains("\"state\":\"stopped\""), status.standardOutput)
        var facts = stat()
        XCTAssertEqual(stat(home.url("run/not/yet/there/s3play").path, &facts), 0)
        XCTAssertEqual(facts.st_mode & 0o777, 0o700)
        try session.sendKeys("q")
        try session.waitFor("the player to exit") { $0.contains("exited 0") }
    }
}
