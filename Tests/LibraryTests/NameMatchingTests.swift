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

    /// The one best-match rule (Discogs search results and an album's tracks alike): the highest
    /// score at or above the threshold; on a tie the earlier candidate (a search's relevance order).
    func testBestTakesTheHighestScoreAndTheEarlierOnATie() {
        let names = ["Rêverie Pâle (Live)", "Something Else", "Rêverie Pâle", "The Rêverie Pâle"]
        let best = NameMatching.best(of: Array(names.enumerated())) { NameMatching.confidence($0.element, "Rêverie Pâle") }
        XCTAssertEqual(best?.candidate.offset, 2, "the first equal name wins over a later equal one")
        XCTAssertEqual(best?.confidence, 1)
        let contained = NameMatching.best(of: ["Something Else", "Rêverie Pâle (Live)", "Pâle Rêverie Pâle (Live)"]) {
            NameMatching.confidence($0, "Rêverie Pâle")
        }
        XCTAssertEqual(contained?.candidate, "Rêverie Pâle (Live)")
        XCTAssertEqual(contained?.confidence, 0.7)
        XCTAssertNil(NameMatching.best(of: ["Something Else", ""]) { NameMatching.confidence($0, "Rêverie Pâle") })
    }
}
