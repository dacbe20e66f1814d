import Curses
@testable import PlayerUI
import XCTest

/// The `:` line's editing keys and its history (issue 17).
final class CommandLineEditingTests: XCTestCase {
    private func editor(_ text: String, keys: [KeyEvent]) -> LineEditor {
        var line = LineEditor(text)
        for key in keys { XCTAssertTrue(line.handle(key), "\(key)") }
        return line
    }

    func testCursorMovesAndEditsInTheMiddle() {
        var line = editor("sek 90", keys: [.home, .right, .right, .character("e")])
        XCTAssertEqual(line.text, "seek 90")
        XCTAssertEqual(line.textBeforeCursor, "see")
        _ = line.handle(.end); _ = line.handle(.backspace); _ = line.handle(.character("5"))
        XCTAssertEqual(line.text, "seek 95")
        _ = line.handle(.control("a")); _ = line.handle(.delete)
        XCTAssertEqual(line.text, "eek 95")
        _ = line.handle(.control("e")); _ = line.handle(.left); _ = line.handle(.left); _ = line.handle(.left)
        XCTAssertEqual(line.textBeforeCursor, "eek")
        XCTAssertFalse(line.handle(.enter))
        XCTAssertFalse(line.handle(.up))
    }

    func testCtrlWRemovesTheWordBeforeTheCursorAndCtrlUTheWholeStart() {
        var line = editor("add s3://bucket/a b  ", keys: [.control("w")])
        XCTAssertEqual(line.text, "add s3://bucket/a ")
        _ = line.handle(.control("w"))
        XCTAssertEqual(line.text, "add ")
        line = editor("load mix", keys: [.left, .left, .left, .control("u")])
        XCTAssertEqual(line.text, "mix")
        XCTAssertEqual(line.textBeforeCursor, "")
        line = editor("", keys: [.backspace, .delete, .left, .control("w")])
        XCTAssertEqual(line.text, "", "at either end nothing breaks")
    }

    func testHistoryStepsBackAndForthAndKeepsTheDraft() {
        var screen = PlayerScreen(bindings: .defaults)
        for command in ["vol 50", "seek 10", "seek 10", "vol 60"] {
            _ = screen.handle(.character(":"))
            for character in command { _ = screen.handle(.character(character)) }
            _ = screen.handle(.enter)
        }
        XCTAssertEqual(screen.commandHistory, ["vol 50", "seek 10", "vol 60"], "a repeat in a row is kept once")
        _ = screen.handle(.character(":"))
        for character in "se" { _ = screen.handle(.character(character)) }
        _ = screen.handle(.up)
        XCTAssertEqual(screen.typing, .command(LineEditor("vol 60")))
        _ = screen.handle(.up); _ = screen.handle(.up); _ = screen.handle(.up)
        XCTAssertEqual(screen.typing, .command(LineEditor("vol 50")), "the oldest stays")
        _ = screen.handle(.down)
        XCTAssertEqual(screen.typing, .command(LineEditor("seek 10")))
        _ = screen.handle(.down); _ = screen.handle(.down)
        XCTAssertEqual(screen.typing, .command(LineEditor("se")), "below the newest: the draft")
        _ = screen.handle(.up)
        _ = screen.handle(.left); _ = screen.handle(.backspace)
        XCTAssertEqual(screen.handle(.enter), [.player(.setVolume(percent: 0))])
    }

    func testAnUnderstoodCommandClearsTheEarlierError() {
        var screen = PlayerScreen(bindings: .defaults)
        _ = screen.handle(.character(":"))
        for character in "bogus" { _ = screen.handle(.character(character)) }
        _ = screen.handle(.enter)
        XCTAssertNotNil(screen.visibleMessage(at: Date()))
        _ = screen.handle(.character(":"))
        for character in "vol 40" { _ = screen.handle(.character(character)) }
        XCTAssertEqual(screen.handle(.enter), [.player(.setVolume(percent: 40))])
        XCTAssertNil(screen.visibleMessage(at: Date()))
    }
}

extension CommandLineEditingTests {
    func testTabCompletesCommandsAndPlaylistNames() {
        let playlists = ["road trip", "rock", "sleep"]
        XCTAssertEqual(CommandCompletion.complete("lo", playlists: playlists), "load ")
        XCTAssertEqual(CommandCompletion.complete("s", playlists: playlists), "s", "save and seek share only s")
        XCTAssertEqual(CommandCompletion.complete("r", playlists: playlists), "rescan ")
        XCTAssertEqual(CommandCompletion.complete("see", playlists: playlists), "seek ")
        XCTAssertEqual(CommandCompletion.complete("load r", playlists: playlists), "load ro")
        XCTAssertEqual(CommandCompletion.complete("load sl", playlists: playlists), "load sleep")
        XCTAssertEqual(CommandCompletion.complete("save roc", playlists: playlists), "save rock")
        XCTAssertNil(CommandCompletion.complete("x", playlists: playlists))
        XCTAssertNil(CommandCompletion.complete("vol 4", playlists: playlists))

        var screen = PlayerScreen(bindings: .defaults)
        screen.playlistNames = { playlists }
        _ = screen.handle(.character(":"))
        for character in "load sl" { _ = screen.handle(.character(character)) }
        _ = screen.handle(.tab)
        XCTAssertEqual(screen.typing, .command(LineEditor("load sleep")))
    }

    func testLoadWithoutANameListsThePlaylists() {
        var screen = PlayerScreen(bindings: .defaults)
        screen.playlistNames = { ["mix", "sleep"] }
        _ = screen.handle(.character(":"))
        for character in "load" { _ = screen.handle(.character(character)) }
        XCTAssertEqual(screen.handle(.enter), [])
        XCTAssertEqual(screen.visibleMessage(at: Date()), "Playlists: mix, sleep (:load NAME, Tab completes)")
        screen.playlistNames = { [] }
        _ = screen.handle(.character(":"))
        for character in "load " { _ = screen.handle(.character(character)) }
        _ = screen.handle(.enter)
        XCTAssertEqual(screen.visibleMessage(at: Date()), "No playlists yet: :save NAME keeps the queue as one.")
    }
}
