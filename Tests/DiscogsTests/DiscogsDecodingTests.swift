import Discogs
import Foundation
import TestSupport
import XCTest

/// Each endpoint's fixture as served by the stand-in, decoded; and documents Discogs might send
/// that the fixtures do not (fields missing, unknown fields, the wrong shape).
final class DiscogsDecodingTests: XCTestCase {
    private var client: DiscogsClient!

    override func setUpWithError() throws {
        client = makeClient(try makeStandIn())
    }

    func testArtistWithMembersAndANonLatinName() throws {
        let artist = try XCTUnwrap(try client.artist(id: 1005))
        XCTAssertEqual(artist.id, 1005)
        XCTAssertEqual(artist.name, "Северный Ветер (2)")
        XCTAssertNil(artist.realName, "Discogs' \"\" is no real name")
        XCTAssertEqual(artist.profile, "Invented drone trio; not the folk ensemble [a1003].")
        XCTAssertEqual(artist.uri, "https://www.discogs.com/artist/1005")
        XCTAssertEqual(artist.members, [
            .init(id: 1011, name: "Иван Тихий", active: true), .init(id: 1012, name: "Ольга Льдова", active: true),
            .init(id: 1013, name: "Пётр Морозов", active: false),
        ])
        XCTAssertEqual(artist.nameVariations, [])
        XCTAssertEqual(artist.images, [], "the fixture has no images key at all")

        let other = try XCTUnwrap(try client.artist(id: 1006))
        XCTAssertEqual(other.realName, "Zoë Marie Østergård")
        XCTAssertEqual(other.members, [])
        XCTAssertEqual(other.images.count, 1)
        XCTAssertEqual(other.images.first?.type, "primary")
        XCTAssertEqual(other.images.first?.width, 600)
        XCTAssertTrue(other.images.first?.uri.hasSuffix("/images/A-1006-primary.jpg") ?? false)
    }

    func testReleaseTracklistPositionsDurationsAndSeconds() throws {
        let release = try XCTUnwrap(try client.release(id: 3003))
        XCTAssertEqual(release.title, "Rêverie Pâle (Édition Deluxe)")
        XCTAssertEqual(release.year, 2021)
        XCTAssertEqual(release.masterID, 2002)
        XCTAssertEqual(release.artists, [DiscogsArtistCredit(id: 1001, name: "Les Frères Ñandú")])
        XCTAssertEqual(release.labels, [DiscogsLabelCredit(id: 4002, name: "Disques Imaginaires", catalogNumber: "DI 101")])
        XCTAssertEqual(release.genres, ["Pop"])
        XCTAssertEqual(release.styles, ["Chanson"])
        XCTAssertEqual(release.uri, "https://www.discogs.com/release/3003")
        XCTAssertEqual(release.tracklist.map(\.position), ["", "1-1", "1-2", "", "2-1", "2-2"])
        XCTAssertEqual(release.tracklist.map(\.kind), [.heading, .track, .track, .heading, .track, .track])
        XCTAssertEqual(release.tracklist.map(\.durationText), ["", "0:09", "0:05", "", "0:14", "0:06"])
        XCTAssertEqual(release.tracklist.map(\.durationSeconds), [nil, 9, 5, nil, 14, 6])

        let long = try XCTUnwrap(try client.release(id: 3007))
        XCTAssertEqual(long.tracklist.map(\.durationSeconds), [3735], "H:MM:SS")

        let compilation = try XCTUnwrap(try client.release(id: 3008))
        XCTAssertNil(compilation.masterID)
        XCTAssertEqual(compilation.tracklist.map(\.durationSeconds), [6, 15, nil], "a blank duration")
        XCTAssertEqual(compilation.tracklist[2].artists.map(\.name), ["Zoë Østergård", "Квартет"])
        XCTAssertEqual(compilation.tracklist[2].artists.map(\.join), ["&", nil])
    }

    func testMaster() throws {
        let master = try XCTUnwrap(try client.master(id: 2001))
        XCTAssertEqual(master.title, "Canción del Café")
        XCTAssertEqual(master.year, 2018)
        XCTAssertEqual(master.mainReleaseID, 3001)
        XCTAssertEqual(master.artists.map(\.id), [1001])
        XCTAssertEqual(master.genres, ["Latin"])
        XCTAssertEqual(master.styles, ["Bolero"])
        XCTAssertEqual(master.tracklist.map(\.title), ["Été Brûlant", "L'Heure Bleue & Moi"])
        XCTAssertEqual(master.images.count, 1)
        XCTAssertEqual(master.uri, "https://www.discogs.com/master/2001")
    }

    func testSearchPagingAndAbsoluteLinks() throws {
        let first = try client.search(DiscogsSearchQuery(q: "a", perPage: 5))
        let second = try client.search(DiscogsSearchQuery(q: "a", page: 2, perPage: 5))
        XCTAssertEqual(first.pagination, DiscogsPagination(page: 1, pages: second.pagination.pages, perPage: 5,
                                                           items: second.pagination.items))
        XCTAssertEqual(first.results.count, 5)
        XCTAssertTrue(first.pagination.hasNextPage)
        XCTAssertEqual(Set(first.results.map(\.id)).intersection(second.results.map(\.id)), [])

        let masters = try client.search(DiscogsSearchQuery(type: .master, artist: "Ñandú"))
        XCTAssertEqual(masters.results.map(\.id), [2001, 2002])
        XCTAssertEqual(masters.results.first?.type, "master")
        XCTAssertEqual(masters.results.first?.title, "Les Frères Ñandú - Canción del Café")
        XCTAssertEqual(masters.results.first?.year, 2018, "sent as the string \"2018\"")
        XCTAssertEqual(masters.results.first?.uri, "https://www.discogs.com/master/2001", "sent as /master/2001")
        XCTAssertEqual(masters.pagination, DiscogsPagination(page: 1, pages: 1, perPage: 50, items: 2))
    }

    func testArtistReleasesSorted() throws {
        let ascending = try XCTUnwrap(try client.artistReleases(id: 1001))
        XCTAssertEqual(ascending.releases.map(\.id), [2001, 2002, 3008])
        XCTAssertEqual(ascending.releases.map(\.year), [2018, 2021, 2022])
        XCTAssertEqual(ascending.releases.map(\.kind), [.master, .master, .release])
        XCTAssertEqual(ascending.releases.map(\.mainReleaseID), [3001, 3003, nil])
        XCTAssertEqual(ascending.releases.map(\.role), ["Main", "Main", "TrackAppearance"])
        XCTAssertEqual(ascending.releases.first?.artist, "Les Frères Ñandú")
        let byTitle = try XCTUnwrap(try client.artistReleases(id: 1001, sort: .title, order: .descending))
        XCTAssertEqual(byTitle.releases.map(\.title), ["Échos du Monde: Vol. 1", "Rêverie Pâle", "Canción del Café"])
        XCTAssertEqual(byTitle.pagination, DiscogsPagination(page: 1, pages: 1, perPage: 50, items: 3))
    }

    func testMasterVersions() throws {
        let page = try XCTUnwrap(try client.masterVersions(id: 2001))
        XCTAssertEqual(page.versions.map(\.id), [3001, 3002])
        XCTAssertEqual(page.versions.map(\.format), ["CD, Album", "Vinyl, LP, Album, Reissue"])
        XCTAssertEqual(page.versions.map(\.label), ["Sello Inventado", "Disques Imaginaires"])
        XCTAssertEqual(page.versions.map(\.country), ["Spain", "France"])
        XCTAssertEqual(page.versions.map(\.released), ["2018", "2019"])
        XCTAssertEqual(page.versions.map(\.majorFormats), [["CD"], ["Vinyl"]])
    }

    func testMinimalDocumentsWithMostFieldsMissingOrUnknown() throws {
        let artist = try decode(#"{"id": 7, "future_field": {"x": [1]}}"#, as: .artist(id: 7))
        XCTAssertEqual(artist, .artist(DiscogsArtist(id: 7, name: "", realName: nil, profile: nil, uri: nil, members: [],
                                                     nameVariations: [], urls: [], images: [])))
        let release = try decode(#"{"id": 8, "title": "T", "year": 0, "master_id": null, "tracklist": [{"title": "x"}]}"#,
                                 as: .release(id: 8))
        guard case .release(let value) = release else { return XCTFail("\(release)") }
        XCTAssertNil(value.year, "0 is Discogs' unknown year")
        XCTAssertNil(value.masterID)
        XCTAssertEqual(value.tracklist.map(\.kind), [.track])
        XCTAssertEqual(value.tracklist.map(\.durationSeconds), [nil])
        let master = try decode(#"{"id": 9, "year": "1999", "main_release": "12"}"#, as: .master(id: 9))
        guard case .master(let masterValue) = master else { return XCTFail("\(master)") }
        XCTAssertEqual(masterValue.year, 1999)
        XCTAssertEqual(masterValue.mainReleaseID, 12)
        let search = try decode(#"{"results": [{"id": 1, "uri": "/artist/1-X"}]}"#, as: .search(DiscogsSearchQuery(q: "x")))
        guard case .searchPage(let page) = search else { return XCTFail("\(search)") }
        XCTAssertEqual(page.pagination, DiscogsPagination(page: 1, pages: 1, perPage: 1, items: 1))
        XCTAssertEqual(page.results.first?.uri, "https://www.discogs.com/artist/1-X")
    }

    func testDocumentsOfTheWrongShapeAreTypedErrors() {
        let cases: [(String, DiscogsResource, String)] = [
            ("<html>busy</html>", .artist(id: 1), "not JSON"),
            ("", .release(id: 1), "not JSON"),
            (#"{"name": "no id"}"#, .artist(id: 1), #"no "id""#),
            (#"[1, 2]"#, .master(id: 1), "unexpected value at the document"),
            (#"{"id": 1, "tracklist": "none"}"#, .release(id: 1), "unexpected value at tracklist"),
            (#"{"pagination": {}, "versions": [{"title": "no id"}]}"#, .masterVersions(id: 1), #"no "id" in versions.[0]"#),
        ]
        for (body, resource, reason) in cases {
            XCTAssertThrowsError(try DiscogsDocument.decode(Array(body.utf8), as: resource), body) { error in
                XCTAssertEqual(error as? DiscogsError, .malformedResponse(reason: reason), body)
            }
        }
    }

    private func decode(_ json: String, as resource: DiscogsResource) throws -> DiscogsDecoded {
        try DiscogsDocument.decode(Array(json.utf8), as: resource)
    }
}
