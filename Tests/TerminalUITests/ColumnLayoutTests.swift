import Curses
import XCTest
@testable import TerminalUI

final class ColumnLayoutTests: XCTestCase {
    func testMinimumSizeShowsOnePaneAndEveryRow() throws {
        let layout = try XCTUnwrap(ColumnLayout(size: TerminalSize(columns: 40, rows: 10), focus: .albums))
        XCTAssertEqual(layout.panes, [PaneFrame(pane: .albums, column: 0, width: 40)])
        XCTAssertEqual(layout.separatorColumns, [])
        XCTAssertEqual(layout.headerRow, 0)
        XCTAssertEqual(layout.listRows, 1..<8)
        XCTAssertEqual(layout.statusRow, 8)
        XCTAssertEqual(layout.commandRow, 9)
    }

    func testEightyByTwentyFourShowsThreePanes() throws {
        let layout = try XCTUnwrap(ColumnLayout(size: TerminalSize(columns: 80, rows: 24), focus: .artists))
        XCTAssertEqual(layout.panes, [
            PaneFrame(pane: .artists, column: 0, width: 23),
            PaneFrame(pane: .albums, column: 24, width: 23),
            PaneFrame(pane: .songs, column: 48, width: 32),
        ])
        XCTAssertEqual(layout.separatorColumns, [23, 47])
        XCTAssertEqual(layout.listRows, 1..<22)
    }

    func testThreeHundredByEightyUsesTheWholeWidth() throws {
        let layout = try XCTUnwrap(ColumnLayout(size: TerminalSize(columns: 300, rows: 80), focus: .songs))
        XCTAssertEqual(layout.panes, [
            PaneFrame(pane: .artists, column: 0, width: 89),
            PaneFrame(pane: .albums, column: 90, width: 89),
            PaneFrame(pane: .songs, column: 180, width: 120),
        ])
        XCTAssertEqual(layout.listRows, 1..<78)
        XCTAssertEqual(layout.commandRow, 79)
    }

    func testMidWidthsShowTheFocusedPaneAndItsNeighbour() throws {
        let size = TerminalSize(columns: 70, rows: 20)
        XCTAssertEqual(ColumnLayout(size: size, focus: .artists)?.panes.map(\.pane), [.artists, .albums])
        XCTAssertEqual(ColumnLayout(size: size, focus: .albums)?.panes.map(\.pane), [.albums, .songs])
        let songs = try XCTUnwrap(ColumnLayout(size: size, focus: .songs))
        XCTAssertEqual(songs.panes, [PaneFrame(pane: .albums, column: 0, width: 29),
                                     PaneFrame(pane: .songs, column: 30, width: 40)])
        XCTAssertEqual(ColumnLayout(size: TerminalSize(columns: 59, rows: 20), focus: .songs)?.panes.map(\.pane), [.songs])
        XCTAssertEqual(ColumnLayout(size: TerminalSize(columns: 79, rows: 20), focus: .songs)?.panes.count, 2)
    }

    func testPanesNeverOverlapAndFillTheWidth() {
        for columns in 40...300 {
            for focus in LibraryPane.allCases {
                guard let layout = ColumnLayout(size: TerminalSize(columns: columns, rows: 24), focus: focus) else {
                    return XCTFail("\(columns) columns should fit")
                }
                let covered = layout.panes.map(\.width).reduce(0, +) + layout.separatorColumns.count
                XCTAssertEqual(covered, columns)
                XCTAssertTrue(layout.panes.contains { $0.pane == focus }, "the focused pane is always shown")
                XCTAssertTrue(layout.panes.allSatisfy { $0.width >= 23 }, "\(columns): \(layout.panes)")
            }
        }
    }

    func testBelowTheMinimumThereIsNoLayoutButAMessage() {
        XCTAssertNil(ColumnLayout(size: TerminalSize(columns: 39, rows: 24), focus: .artists))
        XCTAssertNil(ColumnLayout(size: TerminalSize(columns: 80, rows: 9), focus: .artists))
        XCTAssertEqual(ColumnLayout.tooSmallMessage, "Terminal too small (need 40x10)")
        let wide = ColumnLayout.tooSmallScreen(size: TerminalSize(columns: 80, rows: 5))
        XCTAssertEqual(wide.text, "Terminal too small (need 40x10)")
        XCTAssertEqual(wide.row, 2)
        XCTAssertEqual(wide.column, 24)
        XCTAssertEqual(ColumnLayout.tooSmallScreen(size: TerminalSize(columns: 30, rows: 8)).text, "Too small: need 40x10")
        XCTAssertEqual(ColumnLayout.tooSmallScreen(size: TerminalSize(columns: 8, rows: 2)).text, "40x10")
        XCTAssertEqual(ColumnLayout.tooSmallScreen(size: TerminalSize(columns: 3, rows: 1)).text, "Te…")
    }
}
