import XCTest
import TestSupport

/// Every endpoint answers JSON in Discogs' documented shape (docs/reference apis.md §1).
final class DiscogsEndpointTests: XCTestCase {
    private func client(_ standIn: DiscogsStandIn) -> StandInClient {
        StandInClient(port: standIn.port, token: "test-token")
    }

    private func assertKeys(_ keys: [String], in object: [String: Any], file: StaticString = #filePath, line: UInt = #line) {
        for key in keys { XCTAssertNotNil(object[key], "missing \(key)", file: file, line: line) }
    }

    func testArtistHasDocumentedFieldsAndNonLatinName() throws {
        let (standIn, _) = try makeStandIn()
        let artist = try client(standIn).get("/artists/1002").object()
        assertKeys(["id", "name", "realname", "profile", "namevariations", "images", "releases_url", "uri",
                    "resource_url"], in: artist)
        XCTAssertEqual(artist["name"] as? String, "月光の楽団")
        XCTAssertEqual(artist["releases_url"] as? String, "\(standIn.baseURL)/artists/1002/releases")
        let image = try XCTUnwrap((artist["images"] as? [[String: Any]])?.first)
        assertKeys(["type", "uri", "uri150", "width", "height"], in: image)
        XCTAssertEqual(try client(standIn).get("/artists/1005").object()["name"] as? String, "Северный Ветер (2)")
    }

    func testReleaseHasTracklistWithDurationsInAllThreeForms() throws {
        let (standIn, _) = try makeStandIn()
        let release = try client(standIn).get("/releases/3003").object()
        assertKeys(["title", "artists", "labels", "formats", "year", "released", "country", "genres", "styles",
                    "master_id", "images", "uri", "tracklist", "data_quality"], in: release)
        XCTAssertEqual(release["year"] as? Int, 2021)
        XCTAssertEqual(release["title"] as? String, "Rêverie Pâle (Édition Deluxe)")
        let tracks = try XCTUnwrap(release["tracklist"] as? [[String: String]])
        XCTAssertEqual(tracks.map { $0["type_"]! }, ["heading", "track", "track", "heading", "track", "track"])
        XCTAssertEqual(tracks[1], ["position": "1-1", "type_": "track", "title": "Première Neige", "duration": "0:09"])
        let artist = try XCTUnwrap((release["artists"] as? [[String: Any]])?.first)
        assertKeys(["id", "name", "anv", "join", "role", "tracks"], in: artist)
        let label = try XCTUnwrap((release["labels"] as? [[String: Any]])?.first)
        XCTAssertEqual(label["catno"] as? String, "DI 101")

        let long = try client(standIn).get("/releases/3007").object()["tracklist"] as? [[String: String]]
        XCTAssertEqual(long?.first?["duration"], "1:02:15")
        let compilation = try client(standIn).get("/releases/3008").object()
        XCTAssertNil(compilation["master_id"], "a release without a master has no master_id")
        let compilationTracks = try XCTUnwrap(compilation["tracklist"] as? [[String: Any]])
        XCTAssertEqual(compilationTracks[2]["duration"] as? String, "")
        XCTAssertEqual((compilationTracks[2]["artists"] as? [[String: Any]])?.map { $0["name"] as? String },
                       ["Zoë Østergård", "Квартет"])
    }

    func testReleasesAreShapedLikeDiscogsOnesWithIndexTracksCreditsAndLabels() throws {
        let (standIn, _) = try makeStandIn()
        let suite = try client(standIn).get("/releases/3009").object()
        XCTAssertEqual(suite["year"] as? Int, 0, "Discogs' \"no year\"")
        let rows = try XCTUnwrap(suite["tracklist"] as? [[String: Any]])
        XCTAssertEqual(rows.map { $0["type_"] as? String }, ["heading", "index", "track", "heading", "index", "track"])
        let parts = try XCTUnwrap(rows[1]["sub_tracks"] as? [[String: Any]])
        XCTAssertEqual(parts.map { $0["position"] as? String }, ["A1", "A2", "A3"])
        XCTAssertEqual(parts.map { $0["type_"] as? String }, ["track", "track", "track"])
        let soloist = try XCTUnwrap((parts[2]["extraartists"] as? [[String: Any]])?.first)
        XCTAssertEqual(soloist["role"] as? String, "Violin [Solo]")
        XCTAssertEqual(soloist["anv"] as? String, "Zoë Ø.")
        XCTAssertEqual((suite["extraartists"] as? [[String: Any]])?.map { $0["tracks"] as? String }, ["", "", "A1 to A3"])
        XCTAssertEqual((suite["labels"] as? [[String: Any]])?.map { "\($0["name"]!)|\($0["catno"]!)" },
                       ["Studio 33 Records (2)|S33-009", "Disques Imaginaires|none"])
        XCTAssertTrue((suite["notes"] as? String)?.contains("[a1006]") == true)
        let various = try client(standIn).get("/releases/3010").object()
        let first = try XCTUnwrap((various["tracklist"] as? [[String: Any]])?.first?["artists"] as? [[String: Any]])
        XCTAssertEqual(first.map { "\($0["name"]!)|\($0["anv"]!)|\($0["join"]!)" }, ["Zoë Østergård|Zoé|Feat.", "Квартет||"])

        // Search: `year` a string, left out when unknown; a sub-track's title finds its release.
        let found = try client(standIn).get("/database/search?track=Malague%C3%B1a").object()
        let results = try XCTUnwrap(found["results"] as? [[String: Any]])
        XCTAssertEqual(results.map { $0["id"] as? Int }, [3009])
        XCTAssertNil(results[0]["year"])
        let dated = try client(standIn).get("/database/search?release_title=Vol.%202").object()
        XCTAssertEqual((dated["results"] as? [[String: Any]])?.first?["year"] as? String, "2023")
    }

    func testMasterPointsAtMainAndMostRecentRelease() throws {
        let (standIn, _) = try makeStandIn()
        let master = try client(standIn).get("/masters/2001").object()
        assertKeys(["title", "main_release", "most_recent_release", "versions_url", "year", "artists", "tracklist",
                    "genres", "styles", "images", "uri"], in: master)
        XCTAssertEqual(master["main_release"] as? Int, 3001)
        XCTAssertEqual(master["most_recent_release"] as? Int, 3002)
        XCTAssertEqual(master["versions_url"] as? String, "\(standIn.baseURL)/masters/2001/versions")
    }

    func testMasterVersionsAreSortableAndPaged() throws {
        let (standIn, _) = try makeStandIn()
        let body = try client(standIn).get("/masters/2001/versions?sort=released&sort_order=desc").object()
        let versions = try XCTUnwrap(body["versions"] as? [[String: Any]])
        XCTAssertEqual(versions.map { $0["id"] as? Int }, [3002, 3001])
        let first = versions[0]
        for key in ["id", "title", "format", "label", "country", "released", "catno", "major_formats", "thumb",
                    "resource_url", "stats"] {
            XCTAssertNotNil(first[key], "missing \(key)")
        }
        let pagination = try XCTUnwrap(body["pagination"] as? [String: Any])
        XCTAssertEqual(pagination["items"] as? Int, 2)
        XCTAssertEqual((pagination["urls"] as? [String: Any])?.count, 0, "one page: urls is {}")
    }

    func testArtistReleasesListMastersAndCompilationAppearances() throws {
        let (standIn, _) = try makeStandIn()
        let body = try client(standIn).get("/artists/1001/releases?sort=year&sort_order=desc").object()
        let releases = try XCTUnwrap(body["releases"] as? [[String: Any]])
        XCTAssertEqual(releases.map { $0["id"] as? Int }, [3008, 2002, 2001])
        XCTAssertEqual(releases.map { $0["type"] as? String }, ["release", "master", "master"])
        XCTAssertEqual(releases.map { $0["role"] as? String }, ["TrackAppearance", "Main", "Main"])
        XCTAssertEqual(releases[1]["main_release"] as? Int, 3003)
        for key in ["id", "type", "title", "artist", "role", "year", "thumb", "resource_url"] {
            XCTAssertNotNil(releases[1][key], "missing \(key)")
        }

        let byTitle = try client(standIn).get("/artists/1001/releases?sort=title&per_page=1&page=2").object()
        XCTAssertEqual((byTitle["releases"] as? [[String: Any]])?.map { $0["title"] as? String }, ["Rêverie Pâle"])
        let pagination = try XCTUnwrap(byTitle["pagination"] as? [String: Any])
        XCTAssertEqual(pagination["page"] as? Int, 2)
        XCTAssertEqual(pagination["pages"] as? Int, 3)
        XCTAssertEqual(pagination["per_page"] as? Int, 1)
        let urls = try XCTUnwrap(pagination["urls"] as? [String: String])
        XCTAssertEqual(Set(urls.keys), ["first", "prev", "next", "last"])
        XCTAssertEqual(urls["next"], "\(standIn.baseURL)/artists/1001/releases?sort=title&per_page=1&page=3")
    }

    func testSearchFindsSampleAlbumByArtistAndTitleIgnoringAccents() throws {
        let (standIn, _) = try makeStandIn()
        let body = try client(standIn)
            .get("/database/search?type=release&artist=freres+nandu&release_title=reverie%20pale").object()
        let results = try XCTUnwrap(body["results"] as? [[String: Any]])
        XCTAssertEqual(results.map { $0["id"] as? Int }, [3003])
        let item = results[0]
        for key in ["id", "type", "title", "thumb", "cover_image", "resource_url", "uri", "master_id", "master_url",
                    "year", "country", "format", "label", "genre", "style", "barcode", "catno", "community"] {
            XCTAssertNotNil(item[key], "missing \(key)")
        }
        XCTAssertEqual(item["year"] as? String, "2021", "search gives year as a string")
        XCTAssertEqual(item["title"] as? String, "Les Frères Ñandú - Rêverie Pâle (Édition Deluxe)")
        let pagination = try XCTUnwrap(body["pagination"] as? [String: Any])
        XCTAssertEqual(pagination["items"] as? Int, 1)
        XCTAssertEqual(pagination["per_page"] as? Int, 50, "Discogs' default page size")
    }

    func testSearchByTypeAndTrackAcrossScripts() throws {
        let (standIn, _) = try makeStandIn()
        let c = client(standIn)
        let artists = try c.get("/database/search?type=artist&q=%D0%A1%D0%B5%D0%B2%D0%B5%D1%80%D0%BD%D1%8B%D0%B9")
            .object()["results"] as? [[String: Any]]
        XCTAssertEqual(artists?.map { $0["title"] as? String }, ["Северный Ветер", "Северный Ветер (2)"])
        let query = "قمر".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let masters = try c.get("/database/search?type=master&track=\(query)").object()["results"] as? [[String: Any]]
        XCTAssertEqual(masters?.map { $0["id"] as? Int }, [2005])
        XCTAssertEqual(masters?.first?["type"] as? String, "master")
        let none = try c.get("/database/search?q=nothing-like-this").object()
        XCTAssertEqual((none["results"] as? [Any])?.count, 0)
        XCTAssertEqual((none["pagination"] as? [String: Any])?["pages"] as? Int, 1)
    }

    func testUnknownIdsGetDiscogsNotFoundMessages() throws {
        let (standIn, _) = try makeStandIn()
        let c = client(standIn)
        for (target, message) in [("/artists/999", "Artist not found."), ("/artists/999/releases", "Artist not found."),
                                  ("/releases/999", "Release not found."), ("/masters/999", "Master Release not found."),
                                  ("/masters/999/versions", "Master Release not found."),
                                  ("/labels/4001", "The requested resource was not found.")] {
            let reply = try c.get(target)
            XCTAssertEqual(reply.status, 404, target)
            XCTAssertEqual(try reply.object() as? [String: String], ["message": message], target)
            XCTAssertEqual(reply.headers["Content-Type"], "application/json")
        }
    }
}
