import Curses
import XCTest
@testable import TerminalUI

final class KeyBindingsTests: XCTestCase {
    func testDefaultsFollowCmusAndVim() {
        let keys = KeyBindings.defaults
        let expected: [(KeyEvent, KeyAction)] = [
            (.up, .up), (.character("k"), .up), (.down, .down), (.character("j"), .down),
            (.character("h"), .left), (.character("l"), .right), (.left, .left), (.right, .right),
            (.pageUp, .pageUp), (.pageDown, .pageDown), (.home, .top), (.end, .bottom),
            (.character("g"), .top), (.character("G"), .bottom),
            (.tab, .switchView), (.enter, .activate), (.character("a"), .append),
            (.character("e"), .insertNext), (.character("d"), .remove), (.character("J"), .moveDown),
            (.character("K"), .moveUp), (.character("C"), .clearQueue), (.character(" "), .mark),
            (.character("c"), .togglePause), (.character("b"), .next), (.character("z"), .previous),
            (.character(","), .seekBack5), (.character("."), .seekForward5), (.character("<"), .seekBack60),
            (.character(">"), .seekForward60), (.character("-"), .volumeDown), (.character("+"), .volumeUp),
            (.character("="), .volumeUp), (.character("s"), .toggleShuffle), (.character("r"), .cycleRepeat),
            (.character("q"), .quit), (.character("?"), .help), (.character(":"), .command),
            (.character("/"), .search), (.character("F"), .filter), (.character("o"), .showInLibrary), (.character("I"), .details), (.character("n"), .nextMatch), (.character("N"), .previousMatch),
            (.escape, .cancel), (.character("x"), .play), (.character("v"), .stop),
            (.character("i"), .jumpToPlaying), (.character("u"), .undo), (.character("D"), .remove),
            (.character("1"), .showLibrary), (.character("2"), .showLibrary), (.character("3"), .showQueue),
            (.character("4"), .showQueue),
        ]
        for (key, action) in expected {
            XCTAssertEqual(keys.action(for: key), action, "\(key)")
        }
        XCTAssertNil(keys.action(for: .character("y")))
        for action in KeyAction.allCases {
            XCTAssertFalse(keys.keys(for: action).isEmpty, "\(action) has a default key")
        }
    }

    func testRebindingReplacesAnActionsKeysAndTakesTheKeyFromItsOldAction() throws {
        var keys = KeyBindings.defaults
        try keys.rebind(["quit": "y", "next": "j", "page_down": "ctrl-n f5", "togglePause": "space", "mark": "m"])
        XCTAssertEqual(keys.action(for: .character("y")), .quit)
        XCTAssertNil(keys.action(for: .character("q")))
        XCTAssertEqual(keys.action(for: .character("j")), .next)
        XCTAssertEqual(keys.keys(for: .down), [.down], "down keeps its arrow, loses j")
        XCTAssertEqual(keys.keys(for: .pageDown), [.control("n"), .function(5)])
        XCTAssertEqual(keys.keys(for: .togglePause), [.character(" ")])
        XCTAssertNil(keys.action(for: .character("c")))
    }

    func testKeySpecsNameEveryKindOfKey() {
        XCTAssertEqual(KeySpec.parse("x"), .character("x"))
        XCTAssertEqual(KeySpec.parse("X"), .character("X"))
        XCTAssertEqual(KeySpec.parse("é"), .character("é"))
        XCTAssertEqual(KeySpec.parse("space"), .character(" "))
        XCTAssertEqual(KeySpec.parse("ctrl-n"), .control("n"))
        XCTAssertEqual(KeySpec.parse("C-N"), .control("n"))
        XCTAssertEqual(KeySpec.parse("^f"), .control("f"))
        XCTAssertEqual(KeySpec.parse("ctrl-i"), .tab)
        XCTAssertEqual(KeySpec.parse("f5"), .function(5))
        XCTAssertEqual(KeySpec.parse("F12"), .function(12))
        XCTAssertEqual(KeySpec.parse("f"), .character("f"))
        XCTAssertEqual(KeySpec.parse("Down"), .down)
        XCTAssertEqual(KeySpec.parse("pgdn"), .pageDown)
        XCTAssertEqual(KeySpec.parse("esc"), .escape)
        XCTAssertEqual(KeySpec.parse("enter"), .enter)
        XCTAssertNil(KeySpec.parse("ctrl-"))
        XCTAssertNil(KeySpec.parse("ctrl-1"))
        XCTAssertNil(KeySpec.parse("f0"))
        XCTAssertNil(KeySpec.parse("hyper-x"))
        XCTAssertNil(KeySpec.parse(""))
        for key: KeyEvent in [.character("q"), .character(" "), .control("n"), .function(5), .down, .pageDown,
                              .escape, .enter, .tab, .backTab, .backspace, .home, .end, .delete, .insert] {
            XCTAssertEqual(KeySpec.parse(KeySpec.name(of: key)), key, "\(key)")
        }
    }

    func testActionNamesAcceptSnakeAndKebabCase() {
        XCTAssertEqual(KeyAction(configName: "pageDown"), .pageDown)
        XCTAssertEqual(KeyAction(configName: "page_down"), .pageDown)
        XCTAssertEqual(KeyAction(configName: "seek-back-5"), .seekBack5)
        XCTAssertNil(KeyAction(configName: "explode"))
    }

    func testBadTablesAreOneLineErrorsAndChangeNothing() {
        var keys = KeyBindings.defaults
        XCTAssertThrowsError(try keys.rebind(["quit": "y", "explode": "e"])) { error in
            XCTAssertEqual(error as? KeyBindingError, .unknownAction("explode"))
            XCTAssertTrue("\(error)".hasPrefix("[keys]: unknown action \"explode\" (known: up, down,"))
            XCTAssertFalse("\(error)".contains("\n"))
        }
        XCTAssertThrowsError(try keys.rebind(["quit": "hyper-x"])) { error in
            XCTAssertEqual(error as? KeyBindingError, .unknownKey("hyper-x", action: "quit"))
            XCTAssertTrue("\(error)".hasPrefix("[keys] quit: unknown key \"hyper-x\""))
        }
        XCTAssertThrowsError(try keys.rebind(["quit": ""])) { error in
            XCTAssertEqual(error as? KeyBindingError, .noKey(action: "quit"))
        }
        XCTAssertEqual(keys, KeyBindings.defaults)
    }

    func testABindingThatLeavesAnActionWithoutKeysOrGivesOneKeyTwiceIsRefused() {
        var keys = KeyBindings.defaults
        XCTAssertThrowsError(try keys.rebind(["togglePause": "space"])) { error in
            XCTAssertEqual(error as? KeyBindingError, .lastKeyTaken(action: "mark", key: "space", by: "togglePause"))
            XCTAssertTrue("\(error)".contains("mark = "), "\(error)")
        }
        XCTAssertThrowsError(try keys.rebind(["quit": "x"])) { error in
            XCTAssertEqual(error as? KeyBindingError, .lastKeyTaken(action: "play", key: "x", by: "quit"))
        }
        XCTAssertThrowsError(try keys.rebind(["quit": "y", "next": "y"])) { error in
            XCTAssertEqual(error as? KeyBindingError, .keyTwice("y", actions: ["next", "quit"]))
        }
        XCTAssertEqual(keys, .defaults, "nothing changes when a table is refused")
        XCTAssertNoThrow(try keys.rebind(["next": "j"]), "down keeps its arrow")
        XCTAssertNoThrow(try keys.rebind(["togglePause": "space c", "mark": "m"]))
    }
}
