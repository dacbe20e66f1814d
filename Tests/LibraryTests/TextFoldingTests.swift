import Library
import XCTest

final class TextFoldingTests: XCTestCase {
    func testFoldsCaseAndLatinDiacritics() {
        XCTAssertEqual(TextFolding.fold("Beyoncé"), "beyonce")
        XCTAssertEqual(TextFolding.fold("Beyonce\u{301}"), "beyonce")
        XCTAssertEqual(TextFolding.fold("MÖTLEY CRÜE"), "motley crue")
        XCTAssertEqual(TextFolding.fold("Sigur Rós – Ágætis byrjun"), "sigur ros – agaetis byrjun")
    }

    func testSpellsOutLettersWithoutDecomposition() {
        XCTAssertEqual(TextFolding.fold("Straße"), "strasse")
        XCTAssertEqual(TextFolding.fold("Œuvre Ærø Łódź Đorđe"), "oeuvre aero lodz dorde")
        XCTAssertEqual(TextFolding.fold("STRAẞE"), "strasse")
    }

    func testFoldsFullWidthLatinAndLigatures() {
        XCTAssertEqual(TextFolding.fold("ＡＢＣ　Ｒｏｃｋ"), "abc rock")
        XCTAssertEqual(TextFolding.fold("ﬁre"), "fire")
    }

    func testKeepsCyrillicCJKArabicAndKanaLetters() {
        XCTAssertEqual(TextFolding.fold("Северный Ветер"), "северный ветер")
        XCTAssertEqual(TextFolding.fold("Йога"), "йога")
        XCTAssertEqual(TextFolding.fold("東京事変"), "東京事変")
        XCTAssertEqual(TextFolding.fold("がんばって"), "がんばって")
        XCTAssertEqual(TextFolding.fold("방탄소년단"), "방탄소년단")
        XCTAssertEqual(TextFolding.fold("أم كلثوم"), "أم كلثوم")
    }

    func testFoldsGreekAccentsAndFinalSigma() {
        XCTAssertEqual(TextFolding.fold("Ελλάς"), "ελλασ")
    }
}
