import Foundation
@testable import PlayerUI
import XCTest

/// Messages that arrive together are not lost: the line counts the others, `:messages` shows
/// every one in full (issue 17).
final class MessageLogTests: XCTestCase {
    func testTheLineShowsTheNewestAndCountsTheOthersStillFresh() {
        var screen = PlayerScreen(bindings: .defaults)
        let start = Date(timeIntervalSince1970: 1_000)
        screen.say("Added 2 songs to the queue.", at: start)
        screen.say("No sound device; playing silently.", at: start.addingTimeInterval(1))
        screen.say("Rescanning…", at: start.addingTimeInterval(2))
        XCTAssertEqual(screen.messageLine(at: start.addingTimeInterval(3)), "Rescanning…  (+2 more: :messages)")
        XCTAssertEqual(screen.messageLine(at: start.addingTimeInterval(6.5)), "Rescanning…  (+1 more: :messages)")
        XCTAssertEqual(screen.messageLine(at: start.addingTimeInterval(7.5)), "Rescanning…")
        XCTAssertEqual(screen.messageLog.map(\.text), ["Added 2 songs to the queue.", "No sound device; playing silently.", "Rescanning…"])
    }

    func testMessagesCommandOpensTheLogAndAnyKeyClosesIt() {
        var screen = PlayerScreen(bindings: .defaults)
        _ = screen.handle(.character(":"))
        for character in "messages" { _ = screen.handle(.character(character)) }
        XCTAssertEqual(screen.handle(.enter), [])
        XCTAssertTrue(screen.isShowingMessages)
        XCTAssertEqual(screen.handle(.character("q")), [], "the key closes the log and does nothing else")
        XCTAssertFalse(screen.isShowingMessages)
    }

    func testLongMessagesWrapWhole() {
        let text = "Could not reach s3://bucket/a very long key name that goes on and on.mp3"
        let lines = MessagesOverlay.wrap(text, toColumns: 20)
        XCTAssertEqual(lines.joined(), text)
        XCTAssertTrue(lines.allSatisfy { $0.count <= 20 })
        XCTAssertEqual(MessagesOverlay.wrap("夜明けの音", toColumns: 4), ["夜明", "けの", "音"], "wide characters count two")
    }
}

extension MessageLogTests {
    func testHelpListsTheCommandsAndScrollsWhenItDoesNotFit() {
        let lines = HelpOverlay.lines(bindings: .defaults)
        XCTAssertTrue(lines.contains { $0.hasPrefix(":load [NAME]") }, "\(lines)")
        XCTAssertTrue(lines.contains { $0.hasPrefix(":messages") })
        XCTAssertEqual(HelpOverlay.grid(lineCount: 53, rowsAvailable: 40, screenColumns: 200).columns, 2)
        XCTAssertEqual(HelpOverlay.grid(lineCount: 53, rowsAvailable: 10, screenColumns: 200).columns, 3)
        XCTAssertEqual(HelpOverlay.grid(lineCount: 53, rowsAvailable: 10, screenColumns: 100).perColumn, 27,
                       "two cells fit in 100 columns")
        XCTAssertEqual(HelpOverlay.clampedScroll(5, perColumn: 27, rowsAvailable: 40), 0, "it fits: no scroll")
        XCTAssertEqual(HelpOverlay.clampedScroll(2, perColumn: 27, rowsAvailable: 22), 2)
        XCTAssertEqual(HelpOverlay.clampedScroll(99, perColumn: 27, rowsAvailable: 22), 5,
                       "the last row stays reachable, no blank page")

        var screen = PlayerScreen(bindings: .defaults)
        _ = screen.handle(.character("?"))
        XCTAssertEqual(screen.handle(.character("j")), [])
        XCTAssertEqual(screen.handle(.down), [])
        XCTAssertEqual(screen.helpScroll, 2)
        XCTAssertTrue(screen.isShowingHelp, "j and k scroll, they do not close")
        _ = screen.handle(.character("k"))
        XCTAssertEqual(screen.helpScroll, 1)
        _ = screen.handle(.escape)
        XCTAssertFalse(screen.isShowingHelp)
        XCTAssertEqual(screen.helpScroll, 0)
    }
}
