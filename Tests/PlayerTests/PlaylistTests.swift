import Foundation
import Player
import Storage
import TestSupport
import XCTest

/// Saved playlists and M3U files from elsewhere.
final class PlaylistTests: XCTestCase {
    func testSaveAndLoadRoundTripKeepsNonLatinNamesSpacesAndS3Keys() throws {
        let directory = try temporaryDirectory(self)
        let folder = directory.appendingPathComponent("Мой альбом 1")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let local = folder.appendingPathComponent("01 — 東京 #1 100%.mp3")
        try Data([0]).write(to: local)
        let items = [
            QueueItem(title: "東京の夜 🌃", artist: "Ólafur Arnalds", location: TrackLocation(.file(path: local.path)), durationSeconds: 183.4),
            QueueItem(title: "Hunter", artist: "Björk", location: TrackLocation(.s3(bucket: "music", key: "Björk/Homogenic/01 Hunter?.mp3"))),
            QueueItem(title: "No Artist", location: TrackLocation(.s3(bucket: "music", key: "a+b&c.mp3")), durationSeconds: 60),
        ]
        let store = PlaylistStore(directory: directory.appendingPathComponent("playlists"))
        try store.save(items, as: "Поездка 夜 mix")

        let file = directory.appendingPathComponent("playlists/Поездка 夜 mix.m3u")
        let text = try String(contentsOf: file, encoding: .utf8)
        let encodedFolder = directory.path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)!
        XCTAssertEqual(text, """
            #EXTM3U
            #EXTINF:183,Ólafur Arnalds - 東京の夜 🌃
            file://\(encodedFolder)/%D0%9C%D0%BE%D0%B9%20%D0%B0%D0%BB%D1%8C%D0%B1%D0%BE%D0%BC%201/01%20%E2%80%94%20%E6%9D%B1%E4%BA%AC%20%231%20100%25.mp3
            #EXTINF:-1,Björk - Hunter
            s3://music/Bj%C3%B6rk/Homogenic/01%20Hunter%3F.mp3
            #EXTINF:60,No Artist
            s3://music/a+b&c.mp3

            """)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? NSNumber, 0o600)
        XCTAssertEqual(store.names(), ["Поездка 夜 mix"])

        let loaded = try store.load("Поездка 夜 mix")
        XCTAssertEqual(loaded.unresolved, [])
        XCTAssertEqual(loaded.items.map(\.location), items.map(\.location))
        XCTAssertEqual(loaded.items.map(\.title), items.map(\.title))
        XCTAssertEqual(loaded.items.map(\.artist), items.map(\.artist))
        XCTAssertEqual(loaded.items.map(\.durationSeconds), [183, nil, 60])
    }

    func testPlaylistNamesAreCheckedWithOneLineErrors() throws {
        let store = PlaylistStore(directory: try temporaryDirectory(self))
        let cases: [(String, String)] = [
            ("", "“” cannot be a playlist name: it is empty."),
            ("   ", "“   ” cannot be a playlist name: it is empty."),
            ("rock/pop", "“rock/pop” cannot be a playlist name: it contains “/”."),
            ("..", "“..” cannot be a playlist name: it starts with “.”."),
        ]
        for (name, message) in cases {
            XCTAssertThrowsError(try store.save([], as: name)) { error in
                XCTAssertEqual((error as? PlaylistError)?.description, message)
            }
        }
        XCTAssertThrowsError(try store.load("missing")) { error in
            XCTAssertEqual((error as? PlaylistError)?.description, "There is no playlist “missing”.")
        }
        XCTAssertEqual(store.names(), [], "nothing was written for a bad name")
    }

    func testImportsAForeignM3UWithRelativePathsCRLFABOMAndCommentsReportingWhatIsMissing() throws {
        let directory = try temporaryDirectory(self)
        let lists = directory.appendingPathComponent("lists")
        let music = directory.appendingPathComponent("music/Sub Folder")
        try FileManager.default.createDirectory(at: lists, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: music, withIntermediateDirectories: true)
        for name in ["a.mp3", "b é.mp3", "c.mp3"] { try Data([0]).write(to: music.appendingPathComponent(name)) }
        let absolute = music.appendingPathComponent("c.mp3")
        let lines = [
            "#EXTM3U",
            "# written by another player",
            "#EXTINF:201,Some Artist - Some Title",
            "../music/Sub Folder/a.mp3",
            "../music/missing.mp3",
            "",
            "file://\(music.path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)!)/b%20%C3%A9.mp3",
            "#EXTINF:-1,Only A Title",
            "s3://bucket/Some%20Key.mp3",
            "http://radio.example/stream",
            "s3://bucket-without-key",
            "  \(absolute.path)  ",
        ]
        var data = Data([0xEF, 0xBB, 0xBF])
        data += Data(lines.joined(separator: "\r\n").utf8)
        let file = lists.appendingPathComponent("foreign.m3u")
        try data.write(to: file)

        let contents = try PlaylistStore.read(file)
        XCTAssertEqual(contents.items, [
            QueueItem(title: "Some Title", artist: "Some Artist", location: TrackLocation(.file(path: music.appendingPathComponent("a.mp3").path)),
                      durationSeconds: 201),
            QueueItem(title: "b é", location: TrackLocation(.file(path: music.appendingPathComponent("b é.mp3").path))),
            QueueItem(title: "Only A Title", location: TrackLocation(.s3(bucket: "bucket", key: "Some Key.mp3"))),
            QueueItem(title: "c", location: TrackLocation(.file(path: absolute.path))),
        ])
        XCTAssertEqual(contents.unresolved.map(\.line), [5, 10, 11])
        XCTAssertEqual(contents.unresolved.map(\.reason), [
            "no such file: \(directory.appendingPathComponent("music/missing.mp3").path)",
            "only s3:// and file:// locations and paths can be played",
            "an s3:// location needs a bucket and a key",
        ])
    }

    func testAPlainLatin1M3UIsReadToo() throws {
        let directory = try temporaryDirectory(self)
        try Data([0]).write(to: directory.appendingPathComponent("caf\u{E9}.mp3"))
        let latin1 = Data([0x63, 0x61, 0x66, 0xE9, 0x2E, 0x6D, 0x70, 0x33, 0x0A])  // "café.mp3\n" in ISO-8859-1
        let contents = M3UPlaylist.parse(latin1, relativeTo: directory)
        XCTAssertEqual(contents.items.map(\.location.description), [directory.appendingPathComponent("café.mp3").path])
    }

    func testThePlayerSavesLoadsAndImportsPlaylistsByCommand() throws {
        let directory = try temporaryDirectory(self)
        let harness = PlayerHarness(directory: directory)
        let player = harness.player
        player.send(.enqueue([try item(.cbr320), try item(.mono22k)], at: .end))
        player.send(.savePlaylist(name: "road trip"))
        XCTAssertEqual(player.snapshot.notice?.text, "Saved 2 entries as “road trip”.")
        player.send(.savePlaylist(name: "a/b"))
        XCTAssertEqual(player.snapshot.notice?.text, "“a/b” cannot be a playlist name: it contains “/”.")
        player.send(.clearQueue)
        player.send(.loadPlaylist(name: "road trip"))
        XCTAssertEqual(player.snapshot.notice?.text, "Loaded “road trip”: 2 entries.")
        XCTAssertEqual(player.snapshot.entries.map(\.location), [try item(.cbr320).location, try item(.mono22k).location])
        XCTAssertEqual(player.snapshot.entries.map(\.title), ["cbr320", "mono22k"])

        player.send(.importPlaylist(path: directory.appendingPathComponent("playlists/road trip.m3u").path))
        XCTAssertEqual(player.snapshot.entries.count, 4)
        XCTAssertEqual(player.snapshot.notice?.text, "Added road trip.m3u: 2 entries.")
        player.send(.loadPlaylist(name: "nope"))
        XCTAssertEqual(player.snapshot.notice?.text, "There is no playlist “nope”.")
    }
}
