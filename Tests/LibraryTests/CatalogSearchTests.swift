import Library
import XCTest

final class CatalogSearchTests: CatalogTestCase {
    private var store: CatalogStore!

    override func setUpWithError() throws {
        try super.setUpWithError()
        store = try openStore()
        try store.apply(upserts: [
            song("Formation", by: "Beyoncé", on: "Lemonade", track: 12, year: 2016),
            song("Halo", by: "Beyonce", on: "I Am... Sasha Fierce", track: 2, year: 2008),
            song("Полночь", by: "Северный Ветер", on: "Дорога", track: 1),
            song("丸の内サディスティック", by: "椎名林檎", on: "無罪モラトリアム", track: 2),
            song("群青日和", by: "東京事変", on: "教育", track: 1),
            song("Bohemian Rhapsody", by: "Queen", on: "A Night at the Opera", track: 11, year: 1975),
            song("Cherry Blossom Girl", by: "Air", on: "Talkie Walkie", track: 3, year: 2004),
        ], deletions: [])
    }

    func testFindsAccentedNamesFromPlainLetters() throws {
        let result = try store.search("beyonce")
        XCTAssertEqual(result.artists.map(\.name), ["Beyonce", "Beyoncé"])
        XCTAssertEqual(result.albums.map(\.title), ["I Am... Sasha Fierce", "Lemonade"])
        XCTAssertEqual(result.songs.map(\.title), ["Formation", "Halo"])
        XCTAssertEqual(try store.search("BEYONCÉ").artists.count, 2)
    }

    func testFindsCyrillicCaseInsensitively() throws {
        let result = try store.search("северн")
        XCTAssertEqual(result.artists.map(\.name), ["Северный Ветер"])
        XCTAssertEqual(result.songs.map(\.title), ["Полночь"])
        XCTAssertEqual(try store.search("ПОЛНОЧ").songs.map(\.title), ["Полночь"])
    }

    func testFindsATwoCharacterCJKName() throws {
        let result = try store.search("東京")
        XCTAssertEqual(result.artists.map(\.name), ["東京事変"])
        XCTAssertEqual(result.albums, [])
        XCTAssertEqual(try store.search("モラトリアム").albums.map(\.title), ["無罪モラトリアム"])
    }

    func testFindsASubstringInTheMiddleOfATitle() throws {
        XCTAssertEqual(try store.search("mian rhap").songs.map(\.title), ["Bohemian Rhapsody"])
        XCTAssertEqual(try store.search("blossom").songs.map(\.albumArtist), ["Air"])
        XCTAssertEqual(try store.search("night at").albums.map(\.title), ["A Night at the Opera"])
        XCTAssertEqual(try store.search("qu\"een"), CatalogSearchResult(), "a quote is text, not FTS5 syntax")
    }

    func testShortQueriesMatchArtistAndAlbumNamesOnly() throws {
        let one = try store.search("a")
        // Names beginning with "a" first, then the others containing it, each in catalog order.
        XCTAssertEqual(one.artists.map(\.name), ["Air"])
        XCTAssertEqual(one.albums.map(\.title), ["A Night at the Opera", "Talkie Walkie", "I Am... Sasha Fierce", "Lemonade"])
        XCTAssertEqual(one.songs, [])
        XCTAssertEqual(try store.search("ai").artists.map(\.name), ["Air"])
        XCTAssertEqual(try store.search("  ").artists, [])
    }

    func testLimitsEachList() throws {
        let result = try store.search("e", limit: 2)
        XCTAssertEqual(result.artists.count, 2)
        XCTAssertEqual(try store.search("beyonce", limit: 1).artists.map(\.name), ["Beyonce"])
    }
}
