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
