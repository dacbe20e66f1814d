import Foundation
import Player
import Storage
import TestSupport
import XCTest

/// The state file and playlists keep a location's text; the queue holds it typed. A file an
/// older s3play wrote (format 1, no album, no generation) still loads, each location parsed once.
final class SavedLocationTests: XCTestCase {
    /// As s3play wrote it before albums and generations were kept: the text form is unchanged.
    private let olderStateFile = """
        {
          "currentIndex" : 2,
          "entries" : [
            { "location" : "s3://music/Björk/Homogenic/01 Hunter?.mp3", "title" : "Hunter", "artist" : "Björk", "durationSeconds" : 255.5 },
            { "location" : "https://music.example.com/a%20b.mp3", "title" : "kept from a URL" },
            { "location" : "/home/me/Music/b é.mp3", "title" : "b é" }
          ],
          "formatVersion" : 1,
          "positionSeconds" : 12.5,
          "repeatMode" : "all",
          "shuffle" : false,
          "volumePercent" : 70
        }
        """

    func testAnOlderStateFileLoadsWithTypedLocations() throws {
        let directory = try temporaryDirectory(self)
        let file = directory.appendingPathComponent("state.json")
        try Data(olderStateFile.utf8).write(to: file)
        let harness = PlayerHarness(directory: directory)
        harness.player.restoreSavedState()
        let snapshot = harness.player.snapshot
        XCTAssertEqual(snapshot.entries.map(\.location), [
            TrackLocation(.s3(bucket: "music", key: "Björk/Homogenic/01 Hunter?.mp3")),
            TrackLocation(.file(path: "/home/me/Music/b é.mp3")),
        ])
        XCTAssertEqual(snapshot.entries.first?.item.artist, "Björk")
        XCTAssertEqual(snapshot.entries.first?.durationSeconds, 255.5)
        XCTAssertEqual(snapshot.current?.title, "b é", "the current entry is still the current one")
        XCTAssertEqual(snapshot.elapsedSeconds, 12.5)
        XCTAssertEqual(snapshot.volumePercent, 70)
        XCTAssertEqual(snapshot.repeatMode, .all)

        // The URL entry cannot be a location: left out with one line, the file copied first.
        let notice = try XCTUnwrap(snapshot.notice?.text)
        XCTAssertTrue(notice.hasPrefix("1 saved entry was left out of the queue (https://music.example.com/a%20b.mp3: URLs are not supported"), notice)
        let copies = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("state.json.unplayable-") }
        XCTAssertEqual(copies.count, 1, notice)
        XCTAssertTrue(notice.hasSuffix("the saved queue was copied to \(copies[0])."), notice)
        XCTAssertEqual(try Data(contentsOf: directory.appendingPathComponent(copies[0])), Data(olderStateFile.utf8))

        // Saved again, the text form is what the older file held.
        harness.player.shutdown()
        let saved = PlayerStateStore(fileURL: file).load().state
        XCTAssertEqual(saved.entries.map(\.location), ["s3://music/Björk/Homogenic/01 Hunter?.mp3", "/home/me/Music/b é.mp3"])
        XCTAssertEqual(saved.currentIndex, 1)
    }

    func testAStateFileWithOnlyLocationsLoadsWithoutNotice() throws {
        let directory = try temporaryDirectory(self)
        let file = directory.appendingPathComponent("state.json")
        var state = PlayerState()
        state.entries = [.init(location: "s3://music/a.mp3", title: "a"), .init(location: "/m/b.mp3", title: "b")]
        state.currentIndex = 1
        try JSONEncoder().encode(state).write(to: file)
        let harness = PlayerHarness(directory: directory)
        harness.player.restoreSavedState()
        XCTAssertEqual(harness.player.snapshot.entries.map(\.location.storage), [.s3(bucket: "music", key: "a.mp3"), .file(path: "/m/b.mp3")])
        XCTAssertEqual(harness.player.snapshot.currentIndex, 1)
        XCTAssertNil(harness.player.snapshot.notice)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains("unplayable") }, [])
    }
}
