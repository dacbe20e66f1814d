import Foundation
import TestSupport
import XCTest

/// Issue #14: the status bar names the format of what plays when it is more than a 16-bit MP3
/// (`AudioFormatLabel`), read off a real terminal. The player plays into the paced null output
/// (`--output null`, real time), so each song is still playing when the screen is read.
final class FormatLabelInTmuxTests: XCTestCase {
    private var home: FolderPlayerHome!

    override func setUpWithError() throws { home = try FolderPlayerHome() }
    override func tearDown() { home.close() }

    func testA24Bit96kFLACShowsItsLabelAndA16BitMP3ShowsNone() throws {
        let library = home.url("library/Hi-Res")
        try FileManager.default.createDirectory(at: library, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: try LosslessTestFiles.url(.flac24x96), to: library.appendingPathComponent("01 hires.flac"))
        try FileManager.default.copyItem(at: try TestAudioFiles.url(.cbr320), to: library.appendingPathComponent("02 lossy.mp3"))
        try home.scan(library.deletingLastPathComponent())
        let session = try home.startPlayer(library: library.deletingLastPathComponent(), arguments: ["--output", "null"])
        try session.waitFor("the two songs") { $0.first?.contains("Songs (2") == true }

        // Into the songs column; Enter plays the FLAC (30 s), then the MP3 (20 s).
        try session.sendKeys("l", "l", "Enter")
        // The label comes with the decoded format, a moment after the title: wait for a second
        // heard, by then the format is known.
        var lines = try session.waitFor("the FLAC a second in") { lines in
            lines.contains { $0.hasPrefix("▶ playing  01 hires") } && lines.contains { Self.heardAtLeastASecond($0, of: "0:30") }
        }
        let flacStatus = try XCTUnwrap(lines.first { $0.hasPrefix("▶ playing") })
        XCTAssertTrue(flacStatus.contains("vol 100%  FLAC 24/96  in order"), flacStatus)

        try session.sendKeys("j", "Enter")
        lines = try session.waitFor("the MP3 a second in") { lines in
            lines.contains { $0.hasPrefix("▶ playing  02 lossy") } && lines.contains { Self.heardAtLeastASecond($0, of: "0:20") }
        }
        let mp3Status = try XCTUnwrap(lines.first { $0.hasPrefix("▶ playing") })
        for label in ["MP3", "FLAC", "16/44.1", "/96"] {
            XCTAssertFalse(mp3Status.contains(label), "no format label for a 16-bit MP3: \(mp3Status)")
        }
        XCTAssertTrue(mp3Status.contains("vol 100%  in order"), "nothing between the volume and the order: \(mp3Status)")

        try session.sendKeys("q")
        try session.waitFor("the player to exit") { $0.contains("exited 0") }
    }

    /// The progress line (" 0:07 / 0:30 [===…") of a song `length` long, past its first second.
    private static func heardAtLeastASecond(_ line: String, of length: String) -> Bool {
        line.hasPrefix(" 0:") && !line.hasPrefix(" 0:00 ") && line.contains(" / \(length) [")
    }
}
