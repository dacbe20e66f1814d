import Player
@testable import PlayerUI
import TerminalUI
import Storage
import XCTest

/// Queue rows in three columns measured in display columns, so CJK names keep them straight.
final class QueueRowTextTests: XCTestCase {
    func testArtistTitleAndAlbumStartInTheSameColumnsWhateverTheScript() {
        let rows = [QueueItem(title: "星の声", artist: "月光の楽団", album: "Échos du Monde", location: TrackLocation(.file(path: "/a.mp3"))),
                    QueueItem(title: "A very long title that will not fit in its column at all", artist: "Björk",
                              album: "Homogenic", location: TrackLocation(.file(path: "/b.mp3"))),
                    QueueItem(title: "Untagged", location: TrackLocation(.file(path: "/c.mp3")))].map { QueueRowText.of($0, width: 80) }
        let widths = QueueRowText.columnWidths(80)
        for row in rows {
            XCTAssertEqual(DisplayWidth.of(row), 80, row)
        }
        XCTAssertEqual(PlayerScreenCapture.displayColumn(of: "星の声", in: rows[0]), widths.artist + 2)
        XCTAssertEqual(PlayerScreenCapture.displayColumn(of: "A very", in: rows[1]), widths.artist + 2)
        XCTAssertEqual(PlayerScreenCapture.displayColumn(of: "Untagged", in: rows[2]), widths.artist + 2)
        XCTAssertEqual(PlayerScreenCapture.displayColumn(of: "Échos", in: rows[0]), widths.artist + widths.title + 4)
        XCTAssertEqual(PlayerScreenCapture.displayColumn(of: "Homogenic", in: rows[1]), widths.artist + widths.title + 4)
        XCTAssertTrue(rows[1].contains("…"), rows[1])
    }

    func testANarrowRowFallsBackToArtistAndTitle() {
        let item = QueueItem(title: "Jóga", artist: "Björk", album: "Homogenic", location: TrackLocation(.file(path: "/j.mp3")))
        XCTAssertEqual(QueueRowText.of(item, width: 30), "Björk - Jóga")
    }
}
