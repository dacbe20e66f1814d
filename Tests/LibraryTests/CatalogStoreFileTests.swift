import Foundation
import Library
import Storage
import XCTest

/// The catalog file itself: what survives a reopen, exact keys, modes, and recovery.
final class CatalogStoreFileTests: CatalogTestCase {
    func testEntriesRoundTripAcrossReopen() throws {
        let entry = CatalogEntry(
            key: "Björk/Homogenic/01 Hunter.mp3", size: 8_123_456, fingerprint: "\"0f1e2d\"", title: "Hunter",
            artist: "Björk", albumArtist: "Björk", album: "Homogenic", discNumber: 1, discTotal: 1,
            trackNumber: 1, trackTotal: 10, year: 1997, genre: "Electronic", compilation: false,
            durationSeconds: 255.5, bitrateKbps: 320, sampleRate: 44_100, channels: 2, tagSource: "id3v2.3")
        let scanned = Date(timeIntervalSince1970: 1_700_000_000)
        do {
            let store = try openStore()
            try store.apply(upserts: [entry], deletions: [])
            try store.markScanComplete(at: scanned)
        }
        let store = try openStore()
        XCTAssertEqual(try store.entry(key: entry.key), entry)
        XCTAssertEqual(try store.lastCompleteScan(), scanned)
        let songs = try store.songs()
        XCTAssertEqual(songs.count, 1)
        // The catalog hands out the typed location with the size and ETag the scan listed.
        XCTAssertEqual(songs[0].location, TrackLocation(.s3(bucket: "music", key: "library/Björk/Homogenic/01 Hunter.mp3"),
                                                        listed: ListedVersion(size: entry.size, etag: "\"0f1e2d\"")))
        XCTAssertEqual(try store.song(id: songs[0].id), songs[0])
        XCTAssertEqual(try store.fingerprints().fingerprint(forKey: entry.key), "\"0f1e2d\"")
        XCTAssertEqual(notices.all, [])
    }

    func testNFCAndNFDKeysAreTwoSongs() throws {
        let store = try openStore()
        let decomposed = "Beyonce\u{301}/Lemonade/01 Pray You Catch Me.mp3"
        let composed = "Beyonc\u{e9}/Lemonade/01 Pray You Catch Me.mp3"
        XCTAssertEqual(decomposed, composed, "Swift calls them equal; S3 does not")
        var nfd = song("Pray You Catch Me", by: "Beyoncé", on: "Lemonade", track: 1, key: decomposed)
        nfd.fingerprint = "\"nfd\""
        var nfc = song("Pray You Catch Me", by: "Beyoncé", on: "Lemonade", track: 1, key: composed)
        nfc.fingerprint = "\"nfc\""
        try store.apply(upserts: [nfd, nfc], deletions: [])

        XCTAssertEqual(try store.counts().songs, 2)
        let fingerprints = try store.fingerprints()
        XCTAssertEqual(fingerprints.count, 2)
        XCTAssertEqual(fingerprints.fingerprint(forKey: decomposed), "\"nfd\"")
        XCTAssertEqual(fingerprints.fingerprint(forKey: composed), "\"nfc\"")
        XCTAssertEqual(Set(fingerprints.keys.map { Array($0.utf8) }), [Array(decomposed.utf8), Array(composed.utf8)])
        XCTAssertEqual(Set(try store.songs().map { Array($0.storageKey.utf8) }),
                       [Array(decomposed.utf8), Array(composed.utf8)])

        try store.apply(upserts: [], deletions: [decomposed])
        XCTAssertEqual(try store.songs().map { Array($0.storageKey.utf8) }, [Array(composed.utf8)])
    }

    func testFileAndDirectoryArePrivate() throws {
        let store = try openStore()
        try store.apply(upserts: [song("One", by: "A", on: "B")], deletions: [])
        let path = store.fileURL.path
        XCTAssertEqual(store.fileURL.deletingLastPathComponent().path, directory.path)
        XCTAssertTrue(store.fileURL.lastPathComponent.hasPrefix("catalog-"))
        XCTAssertEqual(try mode(directory.path), 0o700)
        XCTAssertEqual(try mode(path), 0o600)
        XCTAssertEqual(try mode(path + "-wal"), 0o600)
        XCTAssertEqual(try mode(path + "-shm"), 0o600)
    }

    func testEachLibraryHasItsOwnFile() throws {
        let store = try openStore()
        let other = try CatalogStore.open(directory: directory, libraryLocation: "/home/me/Music",
                                          location: { .file(path: $0) }, onNotice: { _ in })
        XCTAssertNotEqual(store.fileURL, other.fileURL)
        try store.apply(upserts: [song("One", by: "A", on: "B")], deletions: [])
        XCTAssertEqual(try other.counts().songs, 0)
    }

    func testCorruptFileIsMovedAsideWithOneNoticeAndRebuilt() throws {
        let path: String
        do {
            let store = try openStore()
            try store.apply(upserts: [song("One", by: "A", on: "B")], deletions: [])
            path = store.fileURL.path
        }
        try? FileManager.default.removeItem(atPath: path + "-wal")
        try? FileManager.default.removeItem(atPath: path + "-shm")
        try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: path))

        let store = try openStore()
        XCTAssertEqual(notices.all.count, 1)
        XCTAssertTrue(notices.all[0].contains("is damaged"), notices.all[0])
        XCTAssertTrue(FileManager.default.fileExists(atPath: path + ".corrupt"))
        XCTAssertEqual(try store.counts(), CatalogCounts(songs: 0, albums: 0, artists: 0, problems: 0))
        try store.apply(upserts: [song("One", by: "A", on: "B")], deletions: [])
        XCTAssertEqual(try store.counts().songs, 1)
        XCTAssertEqual(try mode(path), 0o600)

        _ = try openStore()
        XCTAssertEqual(notices.all.count, 1, "a healthy reopen says nothing")
    }

    func testNewerFormatIsMovedAsideWithOneNotice() throws {
        let path: String
        do {
            let store = try openStore()
            try store.apply(upserts: [song("One", by: "A", on: "B")], deletions: [])
            path = store.fileURL.path
        }
        try sqlite(path, "INSERT INTO grdb_migrations (identifier) VALUES ('catalog-v99')")

        let store = try openStore()
        XCTAssertEqual(notices.all.count, 1)
        XCTAssertTrue(notices.all[0].contains("newer s3play"), notices.all[0])
        XCTAssertTrue(FileManager.default.fileExists(atPath: path + ".newer"))
        XCTAssertEqual(try store.counts().songs, 0)
    }

    func testAMissingTableIsDamageMovedAsideAndRebuilt() throws {
        let path: String
        do {
            let store = try openStore()
            try store.apply(upserts: [song("One", by: "A", on: "B")], deletions: [])
            path = store.fileURL.path
        }
        try sqlite(path, "DROP TABLE song")

        let store = try openStore()
        XCTAssertEqual(notices.all.count, 1)
        XCTAssertTrue(notices.all[0].contains("is damaged (its table song is missing)"), notices.all[0])
        XCTAssertTrue(FileManager.default.fileExists(atPath: path + ".corrupt"))
        try store.apply(upserts: [song("One", by: "A", on: "B")], deletions: [])
        XCTAssertEqual(try store.counts().songs, 1, "the rebuilt catalog takes a scan again")
    }

    private func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as! NSNumber).intValue & 0o777
    }

    /// Changes the file behind the store's back with the sqlite3 command-line tool.
    private func sqlite(_ path: String, _ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [path, sql]
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
    }
}
