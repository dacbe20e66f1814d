import Foundation
import TestSupport
import XCTest

/// Issue 17: the details line asks Discogs only for the artist the cursor rests on. Holding `j`
/// past artists asks nothing for the ones passed, as the Discogs stand-in's request log shows.
final class DetailsFollowCursorTests: XCTestCase {
    private var home: PlayerHome!

    override func setUpWithError() throws {
        home = try PlayerHome()
        try home.scan()
    }

    override func tearDown() { home?.close() }

    /// Every request's target, percent-decoded ("+" is a space in a query).
    private func decodedTargets() -> [String] {
        home.discogs.requestLog.map { ($0.target.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? $0.target) }
    }

    func testArtistsPassedAreNeverLookedUpAndTheOneRestedOnIs() throws {
        let session = try home.startPlayer()
        let first = PlayerScreenCapture(try session.waitFor("the first artist's details") {
            PlayerScreenCapture($0).details.hasPrefix("Les Frères Ñandú · Invented")
        })
        XCTAssertTrue(first.listRows.prefix(5).contains { $0.hasPrefix("Северный Ветер") }, first.text)
        let before = home.discogs.requestLog.count

        // j four times at once: the keys arrive within milliseconds, far inside the 300 ms rest.
        try session.sendKeys("j", "j", "j", "j")
        try session.waitFor("the last artist's details", timeout: 20) {
            PlayerScreenCapture($0).details.hasPrefix("月光の楽団 · 架空のポップバンド")
        }
        let targets = decodedTargets()
        XCTAssertFalse(targets.contains { $0.contains("Северный") || $0.hasPrefix("/artists/1003") || $0.hasPrefix("/artists/1005") },
                       "no lookup for an artist passed: \(targets.dropFirst(before))")
        XCTAssertTrue(targets.dropFirst(before).contains { $0.contains("月光の楽団") || $0.hasPrefix("/artists/1002") },
                      "\(targets.dropFirst(before))")
    }
}

extension DetailsFollowCursorTests {
    /// `I` expands the details into a pane: the artist's profile and attribution with the link,
    /// then an album's tracklist with durations, the tracks in the library marked ✓.
    func testIOpensTheDetailsPaneForTheArtistAndTheAlbumInFocus() throws {
        let session = try home.startPlayer()
        try session.waitFor("the first artist's details") {
            PlayerScreenCapture($0).details.hasPrefix("Les Frères Ñandú · Invented")
        }
        try session.sendKeys("I")
        var lines = try session.waitFor("the artist's pane") { $0.joined().contains("Data provided by Discogs – ") }
        var text = lines.joined(separator: "\n")
        XCTAssertTrue(text.contains("│Les Frères Ñandú "), text)
        XCTAssertTrue(text.contains("│Invented duo of brothers playing café songs."), text)
        XCTAssertTrue(text.contains("─ Details, any other key closes"), text)
        try session.sendKeys("x")
        try session.waitFor("the pane closed") { !$0.joined().contains("─ Details") }

        // The two-disc album: its four tracks, each in the library.
        try session.sendKeys("l", "j")
        try session.waitFor("the album's details") { PlayerScreenCapture($0).details.hasPrefix("Rêverie Pâle") }
        try session.sendKeys("I")
        lines = try session.waitFor("the album's pane") { $0.joined().contains("Tracklist") && $0.joined().contains("Data provided by Discogs") }
        text = lines.joined(separator: "\n")
        XCTAssertTrue(text.contains("Tracklist (✓ in the library: 4 of 4):"), text)
        XCTAssertTrue(text.contains("  CD 1"), text)
        XCTAssertTrue(text.contains("✓ 1-1 Première Neige  0:09"), text)
        XCTAssertTrue(text.contains("✓ 2-2 100% Café Crème  0:06"), text)
        XCTAssertTrue(text.contains("Label: Disques Imaginaires – DI 101"), text)
    }
}
