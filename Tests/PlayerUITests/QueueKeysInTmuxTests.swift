import Foundation
import TestSupport
import XCTest

/// Issue 17's queue keys in a real terminal on the sample library: successive `e` keep the
/// order chosen, Enter around one album never queues a song twice, `C` asks before it clears.
final class QueueKeysInTmuxTests: XCTestCase {
    private var home: FolderPlayerHome!

    override func setUpWithError() throws { home = try FolderPlayerHome() }
    override func tearDown() { home.close() }

    private func queueLength() throws -> String {
        let status = try home.s3play(["remote", "status", "--json"])
        XCTAssertEqual(status.status, 0, status.standardError)
        return status.standardOutput
    }

    func testPlayNextOrderEnterWithoutDuplicatesAndClearAsks() throws {
        let library = try SampleLibrary.folder()
        try home.scan(library)
        let session = try home.startPlayer(library: library)
        try session.waitFor("the artists") { $0.first?.hasPrefix("Artists (5)") == true }

        // The second album of the first artist: four songs on two discs, `e` on three of them.
        try session.sendKeys("l", "j", "l")
        try session.waitFor("the second album's songs") { $0.joined().contains("Première Neige") }
        try session.sendKeys("e", "j", "e", "j", "e", "Tab")
        var lines = try session.waitFor("three entries") { $0.first?.hasPrefix("Queue: 3 entries") == true }
        XCTAssertTrue(lines[1].contains("Première Neige"), lines[1])
        XCTAssertTrue(lines[2].contains("Un + Un = Trois"), lines[2])
        XCTAssertTrue(lines[3].contains("Noël à Zürich"), lines[3])

        // The first album (two songs): Enter on 01, 01, 02, 01 queues each song once.
        try session.sendKeys("Tab", "h", "k", "l")
        try session.waitFor("the first album's songs") { $0.joined().contains("Été Brûlant") }
        try session.sendKeys("Enter", "Enter", "j", "Enter", "k", "Enter")
        // The artist, album and song columns each mark what plays.
        let browser = try session.waitFor("the playing marks") { $0.first?.hasPrefix("Artists") == true && $0[1].hasPrefix("▶ Les Frères Ñandú") }
        XCTAssertEqual(browser[1...3].joined().filter { $0 == "▶" }.count, 3, browser.joined(separator: "\n"))
        XCTAssertTrue(browser[1].contains("▶ ") && browser[1].contains("Canción del Café"), browser[1])
        try session.sendKeys("Tab")
        lines = try session.waitFor("five entries, no duplicate") { $0.first?.hasPrefix("Queue: 5 entries") == true }
        let rows = lines[1...6]  // the five entries and the empty row after them
        XCTAssertEqual(rows.filter { $0.contains("Été Brûlant") }.count, 1, lines.joined(separator: "\n"))
        XCTAssertEqual(rows.filter { $0.contains("L'Heure Bleue") }.count, 1, lines.joined(separator: "\n"))
        XCTAssertTrue(try queueLength().contains("\"queue_length\":5"))

        // C asks; n keeps the queue, y clears it.
        try session.sendKeys("C")
        try session.waitFor("the question") { $0.last?.contains("Clear the queue (5 entries)? [y/N]") == true }
        try session.sendKeys("n")
        try session.waitFor("the cancel notice") { $0.last?.contains("Cancelled.") == true }
        XCTAssertTrue(try queueLength().contains("\"queue_length\":5"))
        try session.sendKeys("C")
        try session.waitFor("the question again") { $0.last?.contains("Clear the queue") == true }
        try session.sendKeys("y")
        try session.waitFor("an empty queue") { $0.first?.hasPrefix("Queue: 0 entries") == true }
        XCTAssertTrue(try queueLength().contains("\"queue_length\":0"))
        try session.sendKeys("q")
        try session.waitFor("the player to exit") { $0.contains("exited 0") }
    }
}

extension QueueKeysInTmuxTests {
    func testTheLibraryCursorComesBackOnTheNextStart() throws {
        let library = try SampleLibrary.folder()
        try home.scan(library)
        let session = try home.startPlayer(library: library)
        try session.waitFor("the artists") { $0.first?.hasPrefix("Artists (5)") == true }
        try session.sendKeys("l", "j", "l")
        try session.waitFor("the second album's songs") { $0.joined().contains("Noël à Zürich") }
        try session.sendKeys("j", "j", "q")
        try session.waitFor("the player to exit") { $0.contains("exited 0") }
        XCTAssertTrue(FileManager.default.fileExists(atPath: home.url("state/s3play/state.cursor.json").path))

        // Back on the same song with the songs column focused: `a` adds that one song.
        let again = try home.startPlayer(library: library)
        try again.waitFor("the saved album's songs") { $0.joined().contains("Noël à Zürich") }
        try again.sendKeys("a")
        try again.waitFor("one song added") { $0.last?.contains("Added 1 song") == true }
        try again.sendKeys("Tab")
        let lines = try again.waitFor("the queue") { $0.first?.hasPrefix("Queue: 1 entry") == true }
        XCTAssertTrue(lines[1].contains("Noël à Zürich"), lines[1])
        try again.sendKeys("q")
        try again.waitFor("the player to exit") { $0.contains("exited 0") }
    }
}

extension QueueKeysInTmuxTests {
    func testAFilterCountsAndTimesTheSameRowsAndSaysWhenNothingMatches() throws {
        let library = try SampleLibrary.folder()
        try home.scan(library)
        let session = try home.startPlayer(library: library)
        try session.waitFor("the artists") { $0.first?.hasPrefix("Artists (5)") == true }
        try session.sendKeys("l", "l")
        try session.waitFor("the first album's songs") { $0.first?.contains("Songs (2,") == true }
        try session.sendKeys("F")
        try session.sendText("brul")
        let lines = try session.waitFor("one song left") { $0.first?.contains("Songs (1,") == true }
        // The header's time is the one row's time.
        let header = lines[0]
        let headerTime = try XCTUnwrap(header.range(of: "Songs (1, ").map { header[$0.upperBound...].prefix { $0 != ")" } })
        XCTAssertTrue(lines[1].hasSuffix(String(headerTime)) || lines[1].contains(" \(headerTime)"), "\(header) / \(lines[1])")
        try session.sendText("zzz")
        try session.waitFor("the nothing-matches line") { $0.last?.contains("nothing here matches") == true }
        try session.sendKeys("Escape")
        try session.waitFor("both songs again") { $0.first?.contains("Songs (2,") == true }
        try session.sendKeys("q")
        try session.waitFor("the player to exit") { $0.contains("exited 0") }
    }
}

extension QueueKeysInTmuxTests {
    func testTheCommandHistoryIsKeptAcrossRunsAndTheLineEdits() throws {
        let library = try SampleLibrary.folder()
        try home.scan(library)
        let session = try home.startPlayer(library: library)
        try session.waitFor("the artists") { $0.first?.hasPrefix("Artists (5)") == true }
        try session.sendKeys(":")
        try session.sendText("vl 40")
        try session.sendKeys("Home", "Right")
        try session.sendText("o")
        try session.waitFor("the edited line") { $0.last?.hasPrefix(":vol 40") == true }
        try session.sendKeys("Enter")
        try session.waitFor("volume 40 in the status bar") { $0.joined().contains("40%") }
        try session.sendKeys("q")
        try session.waitFor("the player to exit") { $0.contains("exited 0") }
        XCTAssertEqual(try String(contentsOf: home.url("state/s3play/command-history"), encoding: .utf8), "vol 40\n")

        let again = try home.startPlayer(library: library)
        try again.waitFor("the artists") { $0.first?.hasPrefix("Artists (5)") == true }
        try again.sendKeys(":", "Up")
        try again.waitFor("the last run's command") { $0.last?.hasPrefix(":vol 40") == true }
        try again.sendKeys("Escape", "q")
        try again.waitFor("the player to exit") { $0.contains("exited 0") }
    }
}

extension QueueKeysInTmuxTests {
    func testMessagesShowsEveryMessageInFull() throws {
        let library = try SampleLibrary.folder()
        try home.scan(library)
        let session = try home.startPlayer(library: library)
        try session.waitFor("the artists") { $0.first?.hasPrefix("Artists (5)") == true }
        let long = "thisisaverylongcommandnamethatcannotfitonthemessagelineofahundredcolumnsterminalwindowatalltoday"
        try session.sendKeys(":")
        try session.sendText(long)
        try session.sendKeys("Enter", "a")
        try session.waitFor("two messages together") { $0.last?.contains("(+1 more: :messages)") == true }
        try session.sendKeys(":")
        try session.sendText("messages")
        try session.sendKeys("Enter")
        let lines = try session.waitFor("the log") { $0.joined().contains("Messages, newest last") }
        let joined = lines.map { $0.replacingOccurrences(of: "│", with: "").trimmingCharacters(in: .whitespaces) }.joined()
        XCTAssertTrue(joined.contains("Unknown command :\(long)"), lines.joined(separator: "\n"))
        try session.sendKeys("Escape", "q")
        try session.waitFor("the player to exit") { $0.contains("exited 0") }
    }
}

extension QueueKeysInTmuxTests {
    func testAt60ColumnsTheStatusBarShowsTheTitleBeforeTheArtist() throws {
        let library = try SampleLibrary.folder()
        try home.scan(library)
        // A sound card that plays in real time: over the default sink the whole album plays out
        // in milliseconds and the status bar may already say "stopped" when it is read.
        let card = try PacedSoundCard(directory: home.root)
        defer { card.stop() }
        home.variables["S3PLAY_TEST_ALSA_OUT"] = card.path.path
        let session = try home.startPlayer(library: library)
        try session.waitFor("the artists") { $0.first?.hasPrefix("Artists (5)") == true }
        try session.sendKeys("l", "l")
        try session.waitFor("the first album's songs") { $0.joined().contains("Été Brûlant") }
        try session.sendKeys("Enter")
        try session.resize(columns: 60, rows: 30)
        let lines = try session.waitFor("the title in a 60-column status bar") { lines in
            lines.count >= 2 && PlayerScreenCapture(lines).statusBar.hasPrefix("▶ playing  Été Brûlant")
        }
        XCTAssertLessThanOrEqual(PlayerScreenCapture(lines).statusBar.count, 60)
        try session.sendKeys("q")
        try session.waitFor("the player to exit") { $0.contains("exited 0") }
    }
}

extension QueueKeysInTmuxTests {
    func testMultiDiscNumbersAndACompilationsTrackArtists() throws {
        let library = try SampleLibrary.folder()
        try home.scan(library)
        let session = try home.startPlayer(library: library)
        try session.waitFor("the artists") { $0.first?.hasPrefix("Artists (5)") == true }
        try session.sendKeys("l", "j")
        var lines = try session.waitFor("the two-disc album") { $0.joined().contains("Noël à Zürich") }
        XCTAssertTrue(lines.contains { $0.contains("1-01 Première Neige") }, lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains { $0.contains("2-01 Noël à Zürich") }, lines.joined(separator: "\n"))
        // Various Artists: each song shows its own artist.
        try session.sendKeys("h", "F")
        try session.sendText("various")
        try session.sendKeys("Enter", "l")
        lines = try session.waitFor("the compilation's songs") { $0.joined().contains("Café de Medianoche") }
        let row = try XCTUnwrap(lines.first { $0.contains("Café de Medianoche") })
        XCTAssertTrue(row.contains("Café de Medianoche – "), row)
        try session.sendKeys("q")
        try session.waitFor("the player to exit") { $0.contains("exited 0") }
    }
}
