import Curses
import XCTest
@testable import TerminalUI
#if canImport(Glibc)
import Glibc
#endif

final class DisplayWidthTests: XCTestCase {
    func testLatinWithAccentsTakesOneColumnPerLetterComposedOrNot() {
        XCTAssertEqual(DisplayWidth.of("Beyoncé"), 7)
        XCTAssertEqual(DisplayWidth.of("Beyonce\u{301}"), 7, "NFD: the combining acute takes no column")
        XCTAssertEqual(DisplayWidth.of("a\u{301}\u{323}"), 1, "two marks on one letter")
        XCTAssertEqual(DisplayWidth.of("Motörhead"), 9)
    }

    func testEastAsianWideCharactersTakeTwoColumns() {
        XCTAssertEqual(DisplayWidth.of("日本語"), 6)
        XCTAssertEqual(DisplayWidth.of("宇多田ヒカル"), 12)
        XCTAssertEqual(DisplayWidth.of("한국어"), 6)
        XCTAssertEqual(DisplayWidth.of("\u{1100}\u{1161}\u{11A8}"), 2, "a Hangul syllable spelled in jamo")
        XCTAssertEqual(DisplayWidth.of("ＡＢ"), 4, "fullwidth Latin")
        XCTAssertEqual(DisplayWidth.of("ｱｲ"), 2, "halfwidth katakana stay narrow")
        XCTAssertEqual(DisplayWidth.of("日本 rock"), 9)
    }

    func testCyrillicAndArabicAreNarrowAndHarakatTakeNoColumn() {
        XCTAssertEqual(DisplayWidth.of("Русский"), 7)
        XCTAssertEqual(DisplayWidth.of("العربية"), 7)
        XCTAssertEqual(DisplayWidth.of("أم كلثوم"), 8)
        XCTAssertEqual(DisplayWidth.of("مَرْحَبًا"), 5, "fatha, sukun and tanwin are marks")
    }

    func testEmojiSequencesTakeTwoColumns() {
        XCTAssertEqual(DisplayWidth.of("🎵"), 2)
        XCTAssertEqual(DisplayWidth.of("❤️"), 2, "VS16 asks for emoji presentation")
        XCTAssertEqual(DisplayWidth.of("❤"), 1, "without VS16 U+2764 is text")
        XCTAssertEqual(DisplayWidth.of("👨‍👩‍👧"), 2, "a ZWJ family is one picture")
        XCTAssertEqual(DisplayWidth.of("🏳️‍🌈"), 2)
        XCTAssertEqual(DisplayWidth.of("👍🏽"), 2, "skin tone modifier")
        XCTAssertEqual(DisplayWidth.of("🇯🇵"), 2, "flag")
        XCTAssertEqual(DisplayWidth.of("1️⃣"), 2, "keycap")
        XCTAssertEqual(DisplayWidth.of("🎵 Song for 🎶"), 14)
    }

    func testControlAndFormatCharactersTakeNoColumn() {
        XCTAssertEqual(DisplayWidth.of("a\tb"), 2)
        XCTAssertEqual(DisplayWidth.of("a\u{200B}b"), 2, "zero width space")
        XCTAssertEqual(DisplayWidth.printable("a\tb\nc"), "a b c")
    }

    func testTruncationNeverExceedsTheWidthAndEndsWithEllipsis() {
        XCTAssertEqual(DisplayWidth.truncate("Godspeed You! Black Emperor", toColumns: 10), "Godspeed …")
        XCTAssertEqual(DisplayWidth.truncate("abc", toColumns: 3), "abc")
        XCTAssertEqual(DisplayWidth.truncate("abcd", toColumns: 3), "ab…")
        XCTAssertEqual(DisplayWidth.truncate("abcd", toColumns: 1), "…")
        XCTAssertEqual(DisplayWidth.truncate("abcd", toColumns: 0), "")
        XCTAssertEqual(DisplayWidth.truncate("", toColumns: 5), "")
    }

    func testTruncationNeverSplitsAWideCharacterOrACluster() {
        XCTAssertEqual(DisplayWidth.truncate("宇多田ヒカル", toColumns: 5), "宇多…")
        XCTAssertEqual(DisplayWidth.truncate("宇多田ヒカル", toColumns: 4), "宇…", "宇多 would need 4 + 1")
        XCTAssertEqual(DisplayWidth.truncate("Beyonce\u{301} Knowles", toColumns: 8), "Beyonce\u{301}…")
        XCTAssertEqual(DisplayWidth.truncate("👨‍👩‍👧 family", toColumns: 4), "👨‍👩‍👧 …")
        XCTAssertEqual(DisplayWidth.truncate("👨‍👩‍👧 family", toColumns: 2), "…")
        let samples = ["宇多田ヒカル ファースト・ラヴ", "Звезда по имени Солнце", "أم كلثوم", "🎵 Song for 🎶",
                       "e\u{301}e\u{301}e\u{301}", "a日b本c語", "🇯🇵🇯🇵🇯🇵"]
        for sample in samples {
            for columns in 0...(DisplayWidth.of(sample) + 1) {
                let cut = DisplayWidth.truncate(sample, toColumns: columns)
                XCTAssertLessThanOrEqual(DisplayWidth.of(cut), columns, "\(sample) at \(columns)")
                XCTAssertGreaterThanOrEqual(DisplayWidth.of(cut), columns - 1, "\(sample) at \(columns): at most one spare column")
                if cut != sample, columns > 0 {
                    XCTAssertEqual(cut.last, "…")
                    XCTAssertTrue(sample.starts(with: cut.dropLast()), "whole clusters of the original")
                }
            }
        }
    }

    func testPaddingFillsExactlyTheWidth() {
        XCTAssertEqual(DisplayWidth.pad("Кино", toColumns: 6), "Кино  ")
        XCTAssertEqual(DisplayWidth.pad("坂本龍一", toColumns: 9), "坂本龍一 ")
        XCTAssertEqual(DisplayWidth.pad("宇多田ヒカル", toColumns: 4), "宇… ")
        for columns in 0...14 {
            XCTAssertEqual(DisplayWidth.of(DisplayWidth.pad("宇多田ヒカル", toColumns: columns)), columns)
        }
    }

    /// The table agrees with glibc's wcwidth (what ncurses advances the cursor by) on every
    /// single-scalar character of the scripts the sandbox shows.
    func testSingleScalarWidthsAgreeWithTheCLibrary() throws {
        guard setlocale(LC_CTYPE, "C.UTF-8") != nil else { throw XCTSkip("no C.UTF-8 locale") }
        let text = "Beyoncé Björk Sigur Rós 坂本龍一 宇多田ヒカル Кино Земфира فيروز أم كلثوم 🎵🎸🎶 千のナイフ "
            + "Группа крови 初恋 ファースト・ラヴ 한국어 ＡＢ ｱｲ مَرْحَبًا…│─┌┐└┘"
        for scalar in text.unicodeScalars {
            XCTAssertEqual(DisplayWidth.width(of: scalar), Terminal.systemColumnWidth(of: scalar),
                           "U+\(String(scalar.value, radix: 16, uppercase: true))")
        }
    }
}
