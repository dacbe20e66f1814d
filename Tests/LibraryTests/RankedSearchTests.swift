import Library
import XCTest

/// The player's library-wide search: exact > prefix > word > substring, then artists, albums,
/// songs, then catalog order; accents and case ignored; exact matches found even behind many
/// substring matches.
final class RankedSearchTests: CatalogTestCase {
    private func names(_ hits: [LibrarySearchHit]) -> [String] {
        hits.map { hit in
            switch hit {
            case .artist(let artist): "artist " + artist.name
            case .album(let album): "album " + album.title
            case .song(let song): "song " + song.title
            }
        }
    }

    func testRanksExactThenPrefixThenWordThenSubstringThenArtistsAlbumsSongs() throws {
        let store = try openStore()
        try store.apply(upserts: [
            song("Glove Box", by: "Lovebirds", on: "Lové", track: 1),
            song("Lové", by: "Lovebirds", on: "Lové", track: 2),
            song("Endless Love", by: "Lovebirds", on: "Lové", track: 3),
            song("Lovely Day", by: "Bill Withers", on: "Menagerie", track: 1),
            song("Clover", by: "Bill Withers", on: "Menagerie", track: 2),
            song("Anything", by: "The Love", on: "Somewhere", track: 1),
        ], deletions: [])
        let hits = try store.rankedSearch("LOVE")
        XCTAssertEqual(names(hits), [
            "artist The Love",     // exact (its sort name: "The" is left out)
            "album Lové",          // exact, the accent ignored
            "song Lové",
            "artist Lovebirds",    // prefix
            "song Lovely Day",
            "song Endless Love",   // word
            "song Clover",         // substring: by artist ("Bill Withers" before "Lovebirds")
            "song Glove Box",
            "album Somewhere",     // only the artist's name matches
            "song Anything",
        ])
        XCTAssertEqual(names(try store.rankedSearch("LOVE", limit: 3)), ["artist The Love", "album Lové", "song Lové"])
    }

    func testExactAndPrefixTitlesComeFirstEvenBehindManyEarlierSubstringMatches() throws {
        let store = try openStore()
        // 30 titles with "love" inside, written first (lower row ids, so earlier in the index).
        try store.apply(upserts: (1...30).map { (number: Int) in song("Glove \(number)", by: "Band", on: "Many", track: number) }, deletions: [])
        try store.apply(upserts: [song("Love Me Do", by: "Band", on: "Later", track: 1),
                                  song("Love", by: "Band", on: "Later", track: 2)], deletions: [])
        let hits = try store.rankedSearch("love", limit: 4, candidateLimit: 5)
        XCTAssertEqual(names(hits), ["song Love", "song Love Me Do", "song Glove 1", "song Glove 2"])
    }

    func testOneOrTwoCharactersFindArtistsAndAlbumsBeginningWithThemFirst() throws {
        let store = try openStore()
        try store.apply(upserts: [song("Halo", by: "Beyoncé", on: "Lemonade", track: 1),
                                  song("Yellow", by: "Coldplay", on: "Parachutes", track: 1),
                                  song("Waterloo", by: "Abba", on: "Waterloo", track: 1)], deletions: [])
        XCTAssertEqual(names(try store.rankedSearch("le")), ["album Lemonade"])
        // One letter: names that begin with it; two: any name holding them, beginnings first.
        XCTAssertEqual(names(try store.rankedSearch("b")), ["artist Beyoncé"])
        XCTAssertEqual(names(try store.rankedSearch("B")), ["artist Beyoncé"])
        XCTAssertEqual(names(try store.rankedSearch("bb")), ["artist Abba"])
    }

    func testWordAndSubstringRanksOfOneName() {
        XCTAssertEqual(MatchRank.of("love", query: "love"), .exact)
        XCTAssertEqual(MatchRank.of("lovely", query: "love"), .prefix)
        XCTAssertEqual(MatchRank.of("glove love", query: "love"), .word)
        XCTAssertEqual(MatchRank.of("mc-love", query: "love"), .word)
        XCTAssertEqual(MatchRank.of("glove", query: "love"), .substring)
        XCTAssertNil(MatchRank.of("lov", query: "love"))
    }
}
