@testable import PlayerUI
import XCTest

/// The status bar names the title first and never lets a long artist push it out (issue 17).
final class NowPlayingTextTests: XCTestCase {
    func testBothFitWholeTitleFirst() {
        XCTAssertEqual(NowPlayingText.compose(title: "Jóga", artist: "Björk", columns: 40), "Jóga – Björk")
        XCTAssertEqual(NowPlayingText.compose(title: "Jóga", artist: nil, columns: 40), "Jóga")
    }

    func testALongArtistGivesWayAndTheTitleKeepsTwoThirds() {
        let artist = "The Extremely Long Name Of A Collective Orchestra And Friends"
        let text = NowPlayingText.compose(title: "Noël à Zürich", artist: artist, columns: 30)
        XCTAssertTrue(text.hasPrefix("Noël à Zürich – "), text)
        XCTAssertLessThanOrEqual(text.count, 30, text)
        let long = NowPlayingText.compose(title: String(repeating: "t", count: 60), artist: String(repeating: "a", count: 60), columns: 43)
        let parts = long.components(separatedBy: " – ")
        XCTAssertEqual(parts.count, 2, long)
        XCTAssertGreaterThanOrEqual(parts[0].count, 26, "the title keeps two thirds: \(long)")
        XCTAssertLessThanOrEqual(long.count, 43)
    }

    func testTooLittleRoomForTheArtistShowsTheTitleAlone() {
        XCTAssertEqual(NowPlayingText.compose(title: "Première Neige", artist: "Les Frères Ñandú", columns: 16), "Première Neige")
    }
}
