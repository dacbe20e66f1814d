import Foundation
import S3
import TestSupport
import XCTest

/// `s3play discogs …`, `cache stats` and `show` end to end against the Discogs stand-in: requests
/// counted in the stand-in's log, attribution in every output, and no token anywhere.
final class DiscogsCommandTests: XCTestCase {
    private let token = "cli-token-93ab71"

    private func environment(_ standIn: DiscogsStandIn?, token: String?? = nil) throws -> [String: String?] {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("s3play-discogs-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: root) }
        return ["XDG_CACHE_HOME": root.appendingPathComponent("cache").path,
                "XDG_CONFIG_HOME": root.appendingPathComponent("config").path,
                "DISCOGS_TOKEN": token ?? self.token,
                // A port nobody listens on when there is no stand-in: Discogs "down".
                "DISCOGS_API_URL": standIn?.baseURL ?? "http://127.0.0.1:9", "S3PLAY_LIBRARY": nil]
    }

    private func standIn() throws -> DiscogsStandIn {
        let standIn = try DiscogsStandIn(DiscogsStandInConfiguration(token: token))
        addTeardownBlock { standIn.stop() }
        return standIn
    }

    private func object(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], text)
    }

    func testArtistLookupCarriesAttributionAndTheSecondCostsNoRequest() throws {
        let standIn = try standIn()
        let environment = try environment(standIn)
        let first = try S3PlayProcess.run(["discogs", "artist", "1005", "--json"], environment: environment)
        XCTAssertEqual(first.status, 0, first.standardError)
        let artist = try object(first.standardOutput)
        XCTAssertEqual(artist["name"] as? String, "Северный Ветер (2)")
        XCTAssertEqual(artist["attribution"] as? String, "Data provided by Discogs")
        XCTAssertEqual((artist["uri"] as? String)?.hasPrefix("https://www.discogs.com/artist/1005"), true)
        XCTAssertEqual(artist["source"] as? String, "discogs")

        let second = try S3PlayProcess.run(["discogs", "artist", "1005", "--json"], environment: environment)
        XCTAssertEqual(try object(second.standardOutput)["source"] as? String, "cache")
        XCTAssertEqual(standIn.requestLog.map(\.target), ["/artists/1005"])

        let stats = try object(try S3PlayProcess.run(["cache", "stats", "--json"], environment: environment).standardOutput)
        XCTAssertEqual(stats["entries"] as? Int, 1)
        XCTAssertEqual(stats["hits"] as? Int, 1)
        XCTAssertEqual(stats["misses"] as? Int, 1)
        XCTAssertEqual(stats["requests_last_minute"] as? Int, 1)
        XCTAssertEqual(stats["request_ceiling"] as? Int, 55)
    }

    func testTextOutputOfAReleaseAndASearch() throws {
        let standIn = try standIn()
        let environment = try environment(standIn)
        let release = try S3PlayProcess.run(["discogs", "release", "3005"], environment: environment)
        XCTAssertEqual(release.status, 0, release.standardError)
        let lines = release.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(lines.first, "Северный Ветер – Белые Ночи (2017)  (Discogs release 3005)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("Data provided by Discogs: https://www.discogs.com/release/3005") }, "\(lines)")
        let search = try S3PlayProcess.run(["discogs", "search", "--type", "artist", "Ветер"], environment: environment)
        XCTAssertEqual(search.standardOutput, """
            artist 1003  Северный Ветер
            artist 1005  Северный Ветер (2)
            Page 1 of 1, 2 results. Data provided by Discogs.

            """)
    }

    func testNotFoundAndDiscogsDownAreOneLineErrors() throws {
        let standIn = try standIn()
        let environment = try environment(standIn)
        let missing = try S3PlayProcess.run(["discogs", "release", "424242"], environment: environment)
        XCTAssertEqual(missing.status, 1)
        XCTAssertEqual(missing.standardError, "s3play: Discogs has no release 424242.\n")

        // Cached first, then Discogs goes away: the cached answer still comes, with no error.
        XCTAssertEqual(try S3PlayProcess.run(["discogs", "master", "2004"], environment: environment).status, 0)
        var down = environment
        down["DISCOGS_API_URL"] = "http://127.0.0.1:9"
        let cached = try S3PlayProcess.run(["discogs", "master", "2004"], environment: down)
        XCTAssertEqual(cached.status, 0)
        XCTAssertEqual(cached.standardError, "")
        let uncached = try S3PlayProcess.run(["discogs", "master", "2005"], environment: down)
        XCTAssertEqual(uncached.status, 1)
        XCTAssertTrue(uncached.standardError.hasPrefix("s3play: Cannot reach Discogs"), uncached.standardError)
        XCTAssertEqual(uncached.standardError.filter { $0 == "\n" }.count, 1, "one line, no \"cached details shown\": \(uncached.standardError)")
        XCTAssertFalse(uncached.standardError.contains("Cached"), uncached.standardError)
    }

    func testShowMergesTheCatalogWithDiscogsAndWorksWithoutIt() throws {
        let standIn = try standIn()
        let environment = try environment(standIn)
        let library = try SampleLibrary.folder().path
        XCTAssertEqual(try S3PlayProcess.run(["scan", "--library", library], environment: environment).status, 0)

        let artist = try object(try S3PlayProcess.run(["show", "--json", "--library", library, "--artist", "Северный Ветер"],
                                                      environment: environment).standardOutput)
        let artistDetails = try XCTUnwrap(artist["discogs"] as? [String: Any])
        XCTAssertEqual(artistDetails["name"] as? String, "Северный Ветер")
        XCTAssertEqual(artistDetails["confidence"] as? Double, 1)
        XCTAssertEqual(artistDetails["attribution"] as? String, "Data provided by Discogs")
        XCTAssertEqual((artist["albums"] as? [Any])?.count, 1)

        let album = try object(try S3PlayProcess.run(["show", "--json", "--library", library, "--artist", "Les Frères Ñandú",
                                                      "--album", "Rêverie Pâle (Édition Deluxe)"], environment: environment).standardOutput)
        let albumDetails = try XCTUnwrap(album["discogs"] as? [String: Any])
        XCTAssertEqual(albumDetails["title"] as? String, "Rêverie Pâle")
        XCTAssertEqual(albumDetails["confidence"] as? Double, 0.7)
        XCTAssertEqual(albumDetails["year"] as? Int, 2021)
        let labels = try XCTUnwrap(albumDetails["labels"] as? [[String: Any]], "the label comes from the main release")
        XCTAssertEqual(labels.map { $0["name"] as? String }, ["Disques Imaginaires"])
        XCTAssertEqual(labels.map { $0["catno"] as? String }, ["DI 101"])
        let songs = try XCTUnwrap(album["songs"] as? [[String: Any]])
        XCTAssertEqual(songs.count, 4)
        // Each library song names the Discogs track it is.
        XCTAssertEqual(Set(songs.compactMap { $0["discogs_position"] as? String }), ["1-1", "1-2", "2-1", "2-2"])
        XCTAssertEqual((albumDetails["tracklist"] as? [[String: Any]])?.map { $0["kind"] as? String },
                       ["heading", "track", "track", "heading", "track", "track"])

        // As text: each song names its Discogs position; rows under a disc heading are indented.
        let text = try S3PlayProcess.run(["show", "--library", library, "--artist", "Les Frères Ñandú",
                                          "--album", "Rêverie Pâle (Édition Deluxe)"], environment: environment)
        let textLines = text.standardOutput.split(separator: "\n").map(String.init)
        XCTAssertTrue(textLines.contains { $0.hasSuffix("1-01 Première Neige  0:09  [1-1]") }, text.standardOutput)
        let headed = try XCTUnwrap(textLines.firstIndex(of: "  CD 1"), text.standardOutput)
        XCTAssertEqual(textLines[headed + 1], "    1-1  Première Neige  0:09")
        XCTAssertTrue(textLines.contains("Label: Disques Imaginaires – DI 101"), text.standardOutput)

        // The same again costs no request: every step was cached.
        let requests = standIn.requestLog.count
        _ = try S3PlayProcess.run(["show", "--json", "--library", library, "--artist", "Les Frères Ñandú",
                                   "--album", "Rêverie Pâle (Édition Deluxe)"], environment: environment)
        XCTAssertEqual(standIn.requestLog.count, requests)

        // No token: the catalog alone, quietly.
        var noToken = environment
        noToken["DISCOGS_TOKEN"] = nil
        let plain = try S3PlayProcess.run(["show", "--json", "--library", library, "--artist", "月光の楽団"], environment: noToken)
        XCTAssertEqual(plain.status, 0)
        XCTAssertEqual(plain.standardError, "")
        XCTAssertTrue(try object(plain.standardOutput)["discogs"] is NSNull)

        // Discogs down and nothing cached: the catalog, one notice, exit 0.
        var down = environment
        down["DISCOGS_API_URL"] = "http://127.0.0.1:9"
        let offline = try S3PlayProcess.run(["show", "--json", "--library", library, "--artist", "月光の楽団"], environment: down)
        XCTAssertEqual(offline.status, 0)
        XCTAssertTrue(try object(offline.standardOutput)["discogs"] is NSNull)
        XCTAssertEqual(offline.standardError.filter { $0 == "\n" }.count, 1, offline.standardError)
    }

    func testWithASharedCacheAnotherMachineReadsArtistsFromTheBucket() throws {
        let standIn = try standIn()
        let client = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(client)
        var machines: [[String: String?]] = []
        for _ in 0..<2 {
            let environment = try environment(standIn)
            let config = URL(fileURLWithPath: environment["XDG_CONFIG_HOME"]!!).appendingPathComponent("s3play")
            try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
            try "library = \"s3://\(bucket)/\"\n[cache]\nshared = true\n"
                .write(to: config.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
            machines.append(environment)
        }
        let first = try object(try S3PlayProcess.run(["discogs", "artist", "1004", "--json"], environment: machines[0]).standardOutput)
        XCTAssertEqual(first["source"] as? String, "discogs")
        let stored = try client.getObjectBytes(bucket: bucket, key: ".s3play/cache/discogs/artists/1004.json")
        XCTAssertNil(String(decoding: stored, as: UTF8.self).range(of: token), "no token in the bucket")

        let second = try object(try S3PlayProcess.run(["discogs", "artist", "1004", "--json"], environment: machines[1]).standardOutput)
        XCTAssertEqual(second["source"] as? String, "shared")
        XCTAssertEqual(second["name"] as? String, "فرقة النخيل")
        XCTAssertEqual(standIn.requestLog.map(\.target), ["/artists/1004"], "the second machine asked the bucket, not Discogs")
    }

    func testAScanRefreshesTheDetailsOfLibraryArtistsOlderThanTheRefreshAge() throws {
        let standIn = try standIn()
        let environment = try environment(standIn)
        let config = URL(fileURLWithPath: environment["XDG_CONFIG_HOME"]!!).appendingPathComponent("s3play")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        // 0.0002 h is 0.72 s: the daily refresh in a test's time.
        try "[cache]\nrefresh_library_after_hours = 0.0002\n"
            .write(to: config.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        let library = try SampleLibrary.folder().path
        XCTAssertEqual(try S3PlayProcess.run(["scan", "--library", library], environment: environment).status, 0)
        XCTAssertEqual(standIn.requestLog.count, 0, "nothing cached yet: nothing to refresh")
        _ = try S3PlayProcess.run(["show", "--library", library, "--artist", "Северный Ветер"], environment: environment)
        let looked = standIn.requestLog.map(\.target)
        XCTAssertEqual(looked.count, 2, "the search and the artist: \(looked)")

        XCTAssertEqual(try S3PlayProcess.run(["scan", "--library", library], environment: environment).status, 0)
        XCTAssertEqual(standIn.requestLog.count, 2, "a fresh entry is not refreshed")
        Thread.sleep(forTimeInterval: 1)
        XCTAssertEqual(try S3PlayProcess.run(["scan", "--library", library], environment: environment).status, 0)
        XCTAssertEqual(Array(standIn.requestLog.map(\.target).dropFirst(2)), looked,
                       "the library artist's cached search and document, fetched again")
    }

    func testTheTokenIsNeverPrintedNorCached() throws {
        let standIn = try standIn()
        let environment = try environment(standIn)
        var outputs = ""
        for arguments in [["discogs", "artist", "1001", "--json"], ["discogs", "search", "Café"], ["cache", "stats", "--json"]] {
            let outcome = try S3PlayProcess.run(arguments, environment: environment)
            outputs += outcome.standardOutput + outcome.standardError
        }
        var wrong = environment
        wrong["DISCOGS_TOKEN"] = "wrong-\(token)"
        let refused = try S3PlayProcess.run(["discogs", "artist", "1002"], environment: wrong)
        XCTAssertEqual(refused.status, 1)
        outputs += refused.standardOutput + refused.standardError
        XCTAssertFalse(outputs.contains(token), outputs)

        let cacheDirectory = URL(fileURLWithPath: environment["XDG_CACHE_HOME"]!!).appendingPathComponent("s3play")
        for file in try FileManager.default.contentsOfDirectory(atPath: cacheDirectory.path) {
            let bytes = try Data(contentsOf: cacheDirectory.appendingPathComponent(file))
            XCTAssertNil(bytes.range(of: Data(token.utf8)), "\(file) holds the token")
        }
    }
}
