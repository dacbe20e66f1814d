import Foundation
import S3
import TestSupport
import XCTest

/// `s3play scan`, `artists`, `albums`, `songs`, `search`, `play --album` end to end: the real
/// binary on the sample library in SeaweedFS and in a folder.
final class LibraryCommandTests: XCTestCase {
    /// A private cache and config home per test: catalogs never leak between tests or from the user.
    private func homes() throws -> [String: String?] {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("s3play-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: root) }
        return ["XDG_CACHE_HOME": root.appendingPathComponent("cache").path,
                "XDG_CONFIG_HOME": root.appendingPathComponent("config").path,
                "DISCOGS_TOKEN": nil, "S3PLAY_LIBRARY": nil]
    }

    private func s3play(_ arguments: [String], _ environment: [String: String?]) throws -> ChildProcessOutcome {
        let outcome = try S3PlayProcess.run(arguments, environment: environment)
        XCTAssertEqual(outcome.status, 0, "s3play \(arguments.joined(separator: " ")): \(outcome.standardError)")
        return outcome
    }

    private func uploadedLibrary(prefix: String = "") throws -> String {
        let client = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(client)
        try SampleLibrary.upload(to: client, bucket: bucket, prefix: prefix)
        return "s3://\(bucket)/\(prefix)"
    }

    private func json(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { line in
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    func testS3AndAFolderGiveTheSameArtistsAlbumsAndSongs() throws {
        let folder = try SampleLibrary.folder().path
        let bucket = try uploadedLibrary(prefix: "music/")
        var outputs: [[String]] = []
        for library in [bucket, folder] {
            let environment = try homes()
            let scan = try json(try s3play(["scan", "--json", "--library", library], environment).standardOutput)
            XCTAssertEqual(scan.last?["songs"] as? Int, SampleLibrary.songCount, library)
            XCTAssertEqual(scan.last?["new"] as? Int, SampleLibrary.songCount, library)
            XCTAssertEqual(scan.last?["problems"] as? Int, 0, library)
            var output: [String] = []
            for command in [["artists"], ["albums"], ["songs"], ["artists", "--json"], ["albums", "--json"]] {
                output.append(try s3play(command + ["--library", library], environment).standardOutput)
            }
            // Songs as JSON without the location (s3:// or a path: the one field that must differ).
            let songs = try json(try s3play(["songs", "--json", "--library", library], environment).standardOutput)
            output.append(songs.map { song in
                song.filter { $0.key != "location" && $0.key != "id" }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                    .joined(separator: "|")
            }.joined(separator: "\n"))
            outputs.append(output)
        }
        XCTAssertEqual(outputs[0], outputs[1])

        let artists = try json(outputs[0][3]).map { $0["name"] as? String }
        XCTAssertEqual(artists.count, SampleLibrary.artistCount)
        XCTAssertTrue(artists.contains("Various Artists"), "the compilation is one album artist: \(artists)")
        let albums = try json(outputs[0][4])
        XCTAssertEqual(albums.count, SampleLibrary.albumCount)
        let compilation = try XCTUnwrap(albums.first { $0["artist"] as? String == "Various Artists" })
        XCTAssertEqual(compilation["songs"] as? Int, 3)
        let deluxe = try XCTUnwrap(albums.first { ($0["title"] as? String)?.hasPrefix("Rêverie Pâle") == true })
        XCTAssertEqual(deluxe["discs"] as? Int, 2)
    }

    func testARescanOfAnUnchangedBucketReadsNoTagsAndAChangedObjectOneRead() throws {
        let client = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(client)
        try SampleLibrary.upload(to: client, bucket: bucket)
        let proxy = try HTTPFaultProxy(upstreamPort: SeaweedFS.port())
        defer { proxy.stop() }
        let environment = try homes().merging(["AWS_ENDPOINT_URL_S3": "http://127.0.0.1:\(proxy.port)"]) { $1 }
        let arguments = ["scan", "--json", "--library", "s3://\(bucket)"]

        let first = try json(try s3play(arguments, environment).standardOutput).last
        let firstGets = proxy.log.snapshot().exchanges.filter { $0.range != nil }.count
        XCTAssertEqual(first?["read_requests"] as? Int, firstGets)
        XCTAssertGreaterThanOrEqual(firstGets, SampleLibrary.songCount)
        XCTAssertLessThanOrEqual(firstGets, 2 * SampleLibrary.songCount, "at most 2 small GETs per object")

        let before = proxy.log.snapshot().requestCount
        let second = try json(try s3play(arguments, environment).standardOutput).last
        let secondRequests = Array(proxy.log.snapshot().exchanges[before...])
        XCTAssertEqual(second?["unchanged"] as? Int, SampleLibrary.songCount)
        XCTAssertEqual(second?["read_requests"] as? Int, 0)
        XCTAssertTrue(secondRequests.allSatisfy { $0.method == "GET" && $0.range == nil && $0.target.contains("list-type=2") },
                      "only list requests: \(secondRequests.map(\.target))")

        // One object changes (another song's bytes): one tag read; one is deleted: it leaves.
        let keys = try SampleLibrary.keys()
        let replacement = try Data(contentsOf: try SampleLibrary.folder().appendingPathComponent(keys[1]))
        try client.putObject(bucket: bucket, key: keys[0], body: Array(replacement))
        try client.deleteObject(bucket: bucket, key: keys[2])
        let mark = proxy.log.snapshot().requestCount
        let third = try json(try s3play(arguments, environment).standardOutput).last
        let thirdGets = proxy.log.snapshot().exchanges[mark...].filter { $0.range != nil }
        XCTAssertEqual(third?["changed"] as? Int, 1)
        XCTAssertEqual(third?["deleted"] as? Int, 1)
        XCTAssertEqual(third?["songs"] as? Int, SampleLibrary.songCount - 1)
        XCTAssertEqual(Set(thirdGets.map { $0.target.components(separatedBy: "?")[0] }).count, 1, "one object read")
        XCTAssertLessThanOrEqual(thirdGets.count, 2)
    }

    func testUndecodableAndUnsupportedObjectsAreReportedNotFatal() throws {
        let client = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(client)
        let good = try Data(contentsOf: try TestAudioFiles.url(.cbr320))
        try client.putObject(bucket: bucket, key: "Band/Record/01 Good.mp3", body: Array(good))
        try client.putObject(bucket: bucket, key: "Band/Record/02 Noise.mp3", body: Array(repeating: 0x41, count: 5000))
        try client.putObject(bucket: bucket, key: "Band/Record/03 Lossless.flac", body: [1, 2, 3])
        try client.putObject(bucket: bucket, key: "Band/Record/cover.jpg", body: [0xFF, 0xD8])
        let environment = try homes()
        let lines = try json(try s3play(["scan", "--json", "--library", "s3://\(bucket)"], environment).standardOutput)
        let problems = lines.filter { $0["type"] as? String == "problem" }.map { $0["key"] as? String }
        XCTAssertEqual(problems, ["Band/Record/02 Noise.mp3", "Band/Record/03 Lossless.flac"])
        XCTAssertEqual(lines.last?["songs"] as? Int, 1)
        XCTAssertEqual(lines.last?["audio_objects"] as? Int, 3)
        let songs = try s3play(["songs", "--library", "s3://\(bucket)"], environment).standardOutput
        XCTAssertEqual(songs, "Band – Record – 01 Good  0:20\n", "path fallback for an untagged file")
        // A rescan reads none of them again.
        let again = try json(try s3play(["scan", "--json", "--library", "s3://\(bucket)"], environment).standardOutput)
        XCTAssertEqual(again.last?["read_requests"] as? Int, 0)
        XCTAssertEqual(again.last?["problems"] as? Int, 2, "known problems are listed on every scan")
    }

    func testSearchIgnoresCaseAndAccentsAndFindsEveryKind() throws {
        let environment = try homes()
        let library = try SampleLibrary.folder().path
        _ = try s3play(["scan", "--library", library], environment)
        let found = try json(try s3play(["search", "--json", "--library", library, "FRERES"], environment).standardOutput)
        XCTAssertEqual(found.first?["type"] as? String, "artist")
        XCTAssertEqual(found.first?["name"] as? String, "Les Frères Ñandú")
        XCTAssertTrue(found.contains { $0["type"] as? String == "song" })
        let cyrillic = try json(try s3play(["search", "--json", "--library", library, "белые"], environment).standardOutput)
        XCTAssertEqual(cyrillic.first { $0["type"] as? String == "album" }?["title"] as? String, "Белые Ночи")
        let none = try S3PlayProcess.run(["search", "--library", library, "zzzz-nothing"], environment: environment)
        XCTAssertEqual(none.status, 0)
        XCTAssertEqual(none.standardError, "s3play: nothing matches 'zzzz-nothing'.\n")
    }

    func testCommandsSayWhatToDoWithoutALibraryOrACatalog() throws {
        let environment = try homes()
        let noLibrary = try S3PlayProcess.run(["artists"], environment: environment)
        XCTAssertEqual(noLibrary.status, 1)
        XCTAssertTrue(noLibrary.standardError.hasPrefix("s3play: no library is set: pass --library"), noLibrary.standardError)
        let library = try SampleLibrary.folder().path
        let unscanned = try S3PlayProcess.run(["albums", "--library", library], environment: environment)
        XCTAssertEqual(unscanned.status, 1)
        XCTAssertEqual(unscanned.standardError, "s3play: the catalog of \(library) is empty: run `s3play scan` first.\n")
        _ = try s3play(["scan", "--library", library], environment)
        let unknown = try S3PlayProcess.run(["albums", "--library", library, "--artist", "Nobody"], environment: environment)
        XCTAssertEqual(unknown.status, 1)
        XCTAssertEqual(unknown.standardError.split(separator: "\n").count, 1)
    }

    func testTheLibraryComesFromTheEnvironmentOrTheConfigFile() throws {
        var environment = try homes()
        let library = try SampleLibrary.folder().path
        environment["S3PLAY_LIBRARY"] = library
        _ = try s3play(["scan"], environment)
        environment["S3PLAY_LIBRARY"] = nil
        let configDirectory = URL(fileURLWithPath: environment["XDG_CONFIG_HOME"]!!).appendingPathComponent("s3play")
        try FileManager.default.createDirectory(at: configDirectory, withIntermediateDirectories: true)
        try "library = \"\(library)\"\n".write(to: configDirectory.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        let artists = try s3play(["artists"], environment).standardOutput
        XCTAssertEqual(artists.split(separator: "\n").count, SampleLibrary.artistCount)
    }

    func testPlayAnAlbumFromTheCatalogWritesItsSongsPCM() throws {
        let environment = try homes()
        let library = try SampleLibrary.folder()
        _ = try s3play(["scan", "--library", library.path], environment)
        let songs = try json(try s3play(["songs", "--json", "--library", library.path, "--album", "Белые Ночи"],
                                        environment).standardOutput)
        XCTAssertEqual(songs.map { $0["track"] as? Int }, [1, 2])
        let pcmFile = FileManager.default.temporaryDirectory.appendingPathComponent("s3play-album-\(UUID().uuidString).raw")
        defer { try? FileManager.default.removeItem(at: pcmFile) }
        var playEnvironment = environment
        playEnvironment["S3PLAY_TEST_ALSA_OUT"] = pcmFile.path
        _ = try s3play(["play", "--quiet", "--library", library.path, "--album", "Белые Ночи"], playEnvironment)
        var expected: [UInt8] = []
        for song in songs {
            expected += try TestAudioFiles.referencePCM(URL(fileURLWithPath: try XCTUnwrap(song["location"] as? String)))
        }
        XCTAssertEqual(Array(try Data(contentsOf: pcmFile)), expected, "the two songs, gaplessly, in album order")
    }
}
