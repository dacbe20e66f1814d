import CNcurses
import XCTest
@testable import Curses

/// get_wch's two kinds of result decoded into key events (curs_getch.3x).
final class KeyDecodingTests: XCTestCase {
    func testControlBytesBecomeNamedKeysOrCtrlLetters() {
        XCTAssertEqual(KeyEvent(wideCharacter: 9), .tab)
        XCTAssertEqual(KeyEvent(wideCharacter: 13), .enter)
        XCTAssertEqual(KeyEvent(wideCharacter: 10), .enter)
        XCTAssertEqual(KeyEvent(wideCharacter: 27), .escape)
        XCTAssertEqual(KeyEvent(wideCharacter: 127), .backspace)
        XCTAssertEqual(KeyEvent(wideCharacter: 8), .backspace)
        XCTAssertEqual(KeyEvent(wideCharacter: 1), .control("a"))
        XCTAssertEqual(KeyEvent(wideCharacter: 14), .control("n"))
        XCTAssertEqual(KeyEvent(wideCharacter: 26), .control("z"))
        XCTAssertNil(KeyEvent(wideCharacter: 0))
        XCTAssertNil(KeyEvent(wideCharacter: 28))
    }

    func testWideCharactersBecomeCharactersInEveryScript() {
        XCTAssertEqual(KeyEvent(wideCharacter: 0x20), .character(" "))
        XCTAssertEqual(KeyEvent(wideCharacter: 0x71), .character("q"))
        XCTAssertEqual(KeyEvent(wideCharacter: 0xE9), .character("é"))
        XCTAssertEqual(KeyEvent(wideCharacter: 0x65E5), .character("日"))
        XCTAssertEqual(KeyEvent(wideCharacter: 0x0416), .character("Ж"))
        XCTAssertEqual(KeyEvent(wideCharacter: 0x0639), .character("ع"))
        XCTAssertEqual(KeyEvent(wideCharacter: 0x1F3B5), .character("🎵"))
        XCTAssertNil(KeyEvent(wideCharacter: 0xD800), "a lone surrogate is no character")
    }

    func testKeyCodesBecomeNavigationFunctionAndResizeKeys() {
        XCTAssertEqual(KeyEvent(keyCode: KEY_UP), .up)
        XCTAssertEqual(KeyEvent(keyCode: KEY_DOWN), .down)
        XCTAssertEqual(KeyEvent(keyCode: KEY_LEFT), .left)
        XCTAssertEqual(KeyEvent(keyCode: KEY_RIGHT), .right)
        XCTAssertEqual(KeyEvent(keyCode: KEY_HOME), .home)
        XCTAssertEqual(KeyEvent(keyCode: KEY_END), .end)
        XCTAssertEqual(KeyEvent(keyCode: KEY_PPAGE), .pageUp)
        XCTAssertEqual(KeyEvent(keyCode: KEY_NPAGE), .pageDown)
        XCTAssertEqual(KeyEvent(keyCode: KEY_BACKSPACE), .backspace)
        XCTAssertEqual(KeyEvent(keyCode: KEY_DC), .delete)
        XCTAssertEqual(KeyEvent(keyCode: KEY_ENTER), .enter)
        XCTAssertEqual(KeyEvent(keyCode: KEY_BTAB), .backTab)
        XCTAssertEqual(KeyEvent(keyCode: KEY_RESIZE), .resize)
        XCTAssertEqual(KeyEvent(keyCode: s3play_key_f(1)), .function(1))
        XCTAssertEqual(KeyEvent(keyCode: s3play_key_f(12)), .function(12))
        XCTAssertEqual(KeyEvent(keyCode: KEY_MOUSE), .otherKeyCode(KEY_MOUSE))
    }

    func testAttributesMapToDistinctCursesBits() {
        let all: [TextAttributes] = [.bold, .reverse, .dim, .underline, .italic, .standout]
        let values = all.map(\.cursesValue)
        XCTAssertEqual(Set(values).count, all.count)
        XCTAssertFalse(values.contains(0))
        XCTAssertEqual(TextAttributes([.bold, .reverse]).cursesValue,
                       UInt32(s3play_a_bold()) | UInt32(s3play_a_reverse()))
        XCTAssertEqual(TextAttributes().cursesValue, 0)
    }
}
