import Foundation
import TestSupport
import XCTest

/// `:rescan` in the running player: a song copied into the library folder while the player is
/// open shows up in the browser, with the focus where it was and the player still answering.
final class PlayerRescanTests: XCTestCase {
    private var home: FolderPlayerHome!

    override func setUpWithError() throws { home = try FolderPlayerHome() }
    override func tearDown() { home.close() }

    func testRescanFindsASongAddedWhileThePlayerRuns() throws {
        // A private copy of two albums: the test adds a third artist's album to it.
        let sample = try SampleLibrary.folder()
        let library = home.url("music")
        try FileManager.default.createDirectory(at: library, withIntermediateDirectories: true)
        for artist in ["Les Frères Ñandú", "Северный Ветер"] {
            try FileManager.default.copyItem(at: sample.appendingPathComponent(artist), to: library.appendingPathComponent(artist))
        }
        try home.scan(library)
        let session = try home.startPlayer(library: library, arguments: ["--output", "null"])
        try session.waitFor("two artists") { $0.first?.hasPrefix("Artists (2)") == true }
        try session.sendKeys("j")  // focus on Северный Ветер, the second row
        try session.waitFor("the second artist's album") { $0.joined().contains("Белые Ночи") }

        // 月光の楽団 sorts after Северный Ветер; Various Artists before it.
        for artist in ["Various Artists", "月光の楽団"] {
            try FileManager.default.copyItem(at: sample.appendingPathComponent(artist), to: library.appendingPathComponent(artist))
        }
        try session.sendKeys(":")
        try session.sendText("rescan")
        try session.sendKeys("Enter")
        let lines = try session.waitFor("the rescan's summary and four artists") { lines in
            lines.first?.hasPrefix("Artists (4)") == true && lines.last?.hasPrefix("Rescan done:") == true
                && lines.first?.contains("Albums (1)") == true
        }
        let summary = lines.last ?? ""
        XCTAssertTrue(summary.contains("new"), summary)
        XCTAssertFalse(summary.contains(" 0 new"), summary)
        XCTAssertTrue(lines[3].hasPrefix("Северный Ветер"), "row 3 after Les Frères and Various Artists: \(lines[3])")
        // The focus stayed on Северный Ветер: its album is the one in the albums column.
        XCTAssertTrue(lines[1].contains("Белые Ночи"), lines.joined(separator: "\n"))
        try session.sendKeys("q")
        try session.waitFor("the player to exit") { $0.contains("exited 0") }
    }
}
