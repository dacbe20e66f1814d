@testable import Library
import XCTest

final class NameMatchingTests: XCTestCase {
    func testCaseAccentsTheAndPunctuationDoNotMatter() {
        XCTAssertEqual(NameMatching.normalize("The Beatles"), "beatles")
        XCTAssertEqual(NameMatching.normalize("Beyoncé"), NameMatching.normalize("BEYONCE"))
        XCTAssertEqual(NameMatching.normalize("Les Frères Ñandú"), "les freres nandu")
        XCTAssertEqual(NameMatching.normalize("AC/DC"), "ac dc")
        XCTAssertEqual(NameMatching.normalize("The"), "the")
    }

    func testDiscogsDisambiguationSuffixIsDropped() {
        XCTAssertEqual(NameMatching.normalize("Северный Ветер (2)"), NameMatching.normalize("Северный Ветер"))
        XCTAssertEqual(NameMatching.confidence("Северный Ветер (2)", "северный ветер"), 1)
        // Not a number: part of the name.
        XCTAssertEqual(NameMatching.normalize("Song (Live)"), "song live")
    }

    func testConfidence() {
        XCTAssertEqual(NameMatching.confidence("Rêverie Pâle", "Rêverie Pâle (Édition Deluxe)"), 0.7)
        XCTAssertEqual(NameMatching.confidence("Something Else", "Rêverie Pâle"), 0)
        XCTAssertEqual(NameMatching.confidence("", "x"), 0)
        XCTAssertEqual(NameMatching.confidence("月光の楽団", "月光の楽団"), 1)
    }
}
