import XCTest
@testable import TerminalUI

final class ListViewStateTests: XCTestCase {
    private func numbers(_ count: Int, height: Int) -> ListViewState<Int> {
        ListViewState(items: Array(0..<count), viewportHeight: height) { item, query in String(item).contains(query) }
    }

    private let names = ["Beyoncé", "Björk", "Кино", "Bonobo", "坂本龍一", "Burial"]
    private func nameList(mode: ListViewState<String>.QueryMode = .narrow) -> ListViewState<String> {
        ListViewState(items: names, viewportHeight: 3, mode: mode) { name, query in
            name.lowercased().contains(query.lowercased())
        }
    }

    func testMovingPastTheBottomScrollsJustEnoughToKeepTheSelectionVisible() {
        var list = numbers(100, height: 10)
        list.moveSelection(by: 15)
        XCTAssertEqual(list.selectedRow, 15)
        XCTAssertEqual(list.scrollOffset, 6)
        XCTAssertEqual(list.rowsOnScreen.map(\.item), Array(6..<16))
        list.moveSelection(by: -8)
        XCTAssertEqual(list.scrollOffset, 6, "still visible: no scroll")
        list.moveSelection(by: -3)
        XCTAssertEqual(list.selectedRow, 4)
        XCTAssertEqual(list.scrollOffset, 4)
        list.moveSelection(by: -50)
        XCTAssertEqual(list.selectedRow, 0)
        XCTAssertEqual(list.scrollOffset, 0)
    }

    func testPagesHomeAndEnd() {
        var list = numbers(100, height: 10)
        list.moveSelection(by: 3)
        list.pageDown()
        XCTAssertEqual(list.selectedRow, 13)
        XCTAssertEqual(list.scrollOffset, 10)
        list.selectLast()
        XCTAssertEqual(list.selectedRow, 99)
        XCTAssertEqual(list.scrollOffset, 90)
        list.pageDown()
        XCTAssertEqual(list.selectedRow, 99)
        XCTAssertEqual(list.scrollOffset, 90)
        list.pageUp()
        XCTAssertEqual(list.selectedRow, 89)
        XCTAssertEqual(list.scrollOffset, 80)
        list.selectFirst()
        XCTAssertEqual(list.selectedRow, 0)
        XCTAssertEqual(list.scrollOffset, 0)
        list.pageUp()
        XCTAssertEqual(list.selectedRow, 0)
    }

    func testShrinkingTheViewportKeepsTheSelectionOnScreen() {
        var list = numbers(100, height: 20)
        list.select(row: 19)
        list.setViewportHeight(5)
        XCTAssertEqual(list.scrollOffset, 15)
        list.setViewportHeight(200)
        XCTAssertEqual(list.scrollOffset, 0, "everything fits: no offset")
    }

    func testAnEmptyListHasNoSelection() {
        var list = numbers(0, height: 5)
        list.moveSelection(by: 1)
        list.pageDown()
        list.nextMatch()
        XCTAssertNil(list.selectedItem)
        XCTAssertTrue(list.rowsOnScreen.isEmpty)
    }

    func testFilterNarrowsAsYouTypeAndEscRestoresTheListOnTheSameItem() {
        var list = nameList()
        list.setQuery("b")
        XCTAssertEqual(list.rowsOnScreen.map(\.item), ["Beyoncé", "Björk", "Bonobo"])
        XCTAssertEqual(list.rowCount, 4)
        list.moveSelection(by: 1)
        list.setQuery("bj")
        XCTAssertEqual(list.visibleIndices, [1])
        XCTAssertEqual(list.selectedItem, "Björk")
        list.setQuery("bjz")
        XCTAssertTrue(list.isEmpty)
        XCTAssertNil(list.selectedItem)
        list.setQuery("bj")
        list.clearQuery()
        XCTAssertEqual(list.rowCount, 6)
        XCTAssertEqual(list.selectedItem, "Björk")
        XCTAssertEqual(list.query, "")
    }

    func testFilterMatchesOtherScripts() {
        var list = nameList()
        list.setQuery("кин")
        XCTAssertEqual(list.selectedItem, "Кино")
        list.setQuery("龍")
        XCTAssertEqual(list.selectedItem, "坂本龍一")
    }

    func testNextAndPreviousMatchWrapAroundInNarrowMode() {
        var list = nameList()
        list.setQuery("b")
        XCTAssertEqual(list.rowsOnScreen.map(\.item), ["Beyoncé", "Björk", "Bonobo"])
        list.nextMatch()
        XCTAssertEqual(list.selectedItem, "Björk")
        list.nextMatch()
        list.nextMatch()
        XCTAssertEqual(list.selectedItem, "Burial")
        XCTAssertEqual(list.scrollOffset, 1)
        list.nextMatch()
        XCTAssertEqual(list.selectedItem, "Beyoncé")
        XCTAssertEqual(list.scrollOffset, 0)
        list.previousMatch()
        XCTAssertEqual(list.selectedItem, "Burial")
    }

    func testJumpModeKeepsEveryRowAndSkipsToMatches() {
        var list = nameList(mode: .jump)
        list.setQuery("bu")
        XCTAssertEqual(list.rowCount, 6)
        XCTAssertEqual(list.selectedItem, "Burial")
        XCTAssertEqual(list.scrollOffset, 3)
        list.setQuery("b")
        XCTAssertEqual(list.selectedItem, "Burial", "still matches: stays")
        list.nextMatch()
        XCTAssertEqual(list.selectedItem, "Beyoncé", "wraps to the top")
        list.nextMatch()
        XCTAssertEqual(list.selectedItem, "Björk")
        list.previousMatch()
        list.previousMatch()
        XCTAssertEqual(list.selectedItem, "Burial")
        XCTAssertEqual(list.rowsOnScreen.map(\.isMatch), [true, false, true])
    }

    func testNewItemsKeepTheSelectionAndTheQuery() {
        var list = nameList()
        list.setQuery("b")
        list.selectLast()
        list.setItems(names + ["Boards of Canada"])
        XCTAssertEqual(list.rowCount, 5)
        XCTAssertEqual(list.selectedItem, "Burial")
    }
}
