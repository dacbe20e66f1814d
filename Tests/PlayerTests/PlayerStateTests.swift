import Foundation
import Library
import Player
import Storage
import TestAssertions
import TestSupport
import XCTest

/// The resume file: round trip through a new player, damaged and newer files, no secrets.
final class PlayerStateTests: XCTestCase {
    func testSavedStateRestoresTheQueueAndTheCurrentEntryAtItsPositionPaused() throws {
        let directory = try temporaryDirectory(self)
        let first = PlayerHarness(directory: directory)
        let player = first.player
        var items = [try item(.cbr320), try item(.vbrLAME), try item(.mono22k)]
        items[1].artist = "Ólafur Arnalds"
        items[1].songID = SongID(42)
        items[2].durationSeconds = 10
        player.send(.enqueue(items, at: .end))
        player.send(.setRepeat(.all))
        player.send(.setVolume(percent: 80))
        let pausedAt = LockedBox<Int?>(nil)
        first.tally.afterWrite = { _, bytes in
            guard pausedAt.value == nil, bytes >= 4 * cdBytesPerSecond else { return }
            pausedAt.mutate { $0 = bytes }
            player.send(.pause)
        }
        player.send(.playEntry(player.snapshot.entries[1].id))
        waitUntil("the player pauses") { player.snapshot.state == .paused && pausedAt.value != nil }
        let held = try XCTUnwrap(pausedAt.value)
        // The engine publishes its position just after the write that paused it.
        waitUntil("the paused position is published") {
            abs(player.snapshot.elapsedSeconds - Double(held / 4) / 44_100) < 1e-9
        }
        let before = player.snapshot
        player.shutdown()

        let file = directory.appendingPathComponent("state.json")
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any]
        XCTAssertEqual(json?["formatVersion"] as? Int, 1)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix(".") }, [],
                       "no temp file left behind")

        let second = PlayerHarness(directory: directory)
        second.player.restoreSavedState()
        let after = second.player.snapshot
        XCTAssertEqual(after.entries.map(\.item), before.entries.map(\.item))
        XCTAssertEqual(after.currentIndex, 1)
        XCTAssertEqual(after.current?.title, "vbrLAME")
        XCTAssertEqual(after.state, .paused)
        XCTAssertEqual(after.elapsedSeconds, before.elapsedSeconds)
        XCTAssertEqual(after.volumePercent, 80)
        XCTAssertEqual(after.repeatMode, .all)
        XCTAssertNil(after.notice)

        // Playing on starts at the saved sample (the engine's own rounding of the seconds).
        second.player.send(.setVolume(percent: 100))
        second.player.send(.setRepeat(.off))
        second.player.send(.play)
        second.waitForQueueEnd()
        XCTAssertEqual(second.startedTitles, ["vbrLAME", "mono22k"])
        let startFrame = Int(Int64(after.elapsedSeconds * 44_100))
        XCTAssertSamePCM(second.tally.pcmByRun[0],
                         Array(try reference(.vbrLAME)[(startFrame * 4)...]) + (try reference(.mono22k)))
    }

    func testThePositionIsSavedWhilePlayingWithoutAnyCommand() throws {
        let directory = try temporaryDirectory(self)
        let file = directory.appendingPathComponent("state.json")
        let harness = PlayerHarness(directory: directory, positionSaveInterval: 0.1)
        let player = harness.player
        player.send(.enqueue([try item(.cbr320)], at: .end))
        let pausedAt = LockedBox<Int?>(nil)
        harness.tally.afterWrite = { _, bytes in
            guard pausedAt.value == nil, bytes >= 6 * cdBytesPerSecond else { return }
            pausedAt.mutate { $0 = bytes }
            player.send(.pause)
        }
        player.send(.play)
        waitUntil("the pause") { pausedAt.value != nil }
        let expected = Double(try XCTUnwrap(pausedAt.value) / 4) / 44_100
        // The save made by the pause itself may come before the engine publishes its last
        // write; the periodic save then writes the exact position.
        waitUntil("the file holds the paused position") {
            guard let data = try? Data(contentsOf: file),
                  let state = try? JSONDecoder().decode(PlayerState.self, from: data) else { return false }
            return abs(state.positionSeconds - expected) < 1e-9 && state.currentIndex == 0
        }
        player.shutdown()
    }

    func testADamagedStateFileGivesOneNoticeAnEmptyQueueAndIsMovedAside() throws {
        let directory = try temporaryDirectory(self)
        let file = directory.appendingPathComponent("state.json")
        let damaged = Data("{\"formatVersion\": 1, \"entries\": [".utf8)
        try damaged.write(to: file)
        let harness = PlayerHarness(directory: directory)
        harness.player.restoreSavedState()

        let snapshot = harness.player.snapshot
        XCTAssertTrue(snapshot.entries.isEmpty)
        XCTAssertEqual(snapshot.state, .stopped)
        XCTAssertEqual(harness.notices.count, 1)
        let aside = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("state.json.corrupt-") }
        XCTAssertEqual(aside.count, 1)
        XCTAssertEqual(try Data(contentsOf: directory.appendingPathComponent(aside[0])), damaged, "kept byte for byte")
        XCTAssertEqual(snapshot.notice?.text, "The saved queue \(file.path) is damaged; moved it to \(aside[0]) and started empty.")
        XCTAssertFalse(snapshot.notice!.text.contains("\n"))
    }

    func testAStateFileOfANewerFormatIsMovedAsideNotMisread() throws {
        let directory = try temporaryDirectory(self)
        let file = directory.appendingPathComponent("state.json")
        try Data("{\"formatVersion\": 2, \"entries\": [], \"somethingNew\": true}".utf8).write(to: file)
        let loaded = PlayerStateStore(fileURL: file).load()
        XCTAssertEqual(loaded.state, PlayerState())
        XCTAssertTrue(loaded.notice?.contains("was written by a newer s3play (format 2)") == true, loaded.notice ?? "")
        XCTAssertFalse(FileManager.default.fileExists(atPath: file.path))
    }

    func testAStateFileWhoseIndexPointsPastTheQueueIsDamaged() throws {
        let directory = try temporaryDirectory(self)
        let file = directory.appendingPathComponent("state.json")
        var state = PlayerState()
        state.entries = [.init(location: "/a.mp3", title: "a")]
        state.currentIndex = 3
        try JSONEncoder().encode(state).write(to: file)
        let loaded = PlayerStateStore(fileURL: file).load()
        XCTAssertEqual(loaded.state, PlayerState())
        XCTAssertNotNil(loaded.notice)
    }

    func testNoStateFileIsAFirstRunWithoutNotice() throws {
        let directory = try temporaryDirectory(self)
        let loaded = PlayerStateStore(fileURL: directory.appendingPathComponent("state.json")).load()
        XCTAssertEqual(loaded.state, PlayerState())
        XCTAssertNil(loaded.notice)
    }

    func testNoPresignedQueryOrCredentialReachesTheStateFile() throws {
        let directory = try temporaryDirectory(self)
        let harness = PlayerHarness(directory: directory)
        let signed = "https://AKIDEXAMPLE:secret@music.s3.amazonaws.com/a%20b.mp3?X-Amz-Credential=AKIDEXAMPLE&X-Amz-Signature=deadbeef#frag"
        // `StorageLocation(parsing:)` refuses a URL, so only a location built by hand can hold
        // one: its text form is still cleaned before it is written.
        harness.player.send(.enqueue([QueueItem(title: "a", location: TrackLocation(.file(path: signed))),
                                      QueueItem(title: "b", location: TrackLocation(.s3(bucket: "music", key: "Björk/b?.mp3")))], at: .end))
        harness.player.shutdown()
        let text = try String(contentsOf: directory.appendingPathComponent("state.json"), encoding: .utf8)
        for secret in ["X-Amz", "deadbeef", "secret", "AKIDEXAMPLE", "frag"] {
            XCTAssertFalse(text.contains(secret), "\(secret) leaked into the state file")
        }
        let restored = PlayerStateStore(fileURL: directory.appendingPathComponent("state.json")).load().state
        XCTAssertEqual(restored.entries.map(\.location), ["https://music.s3.amazonaws.com/a%20b.mp3", "s3://music/Björk/b?.mp3"])
    }

    func testPathsFollowTheXDGVariablesAndIgnoreRelativeOnes() {
        let set = PlayerPaths.fromEnvironment(["XDG_STATE_HOME": "/x/state", "XDG_DATA_HOME": "/x/data"], home: "/home/u")
        XCTAssertEqual(set.stateFile.path, "/x/state/s3play/state.json")
        XCTAssertEqual(set.playlistDirectory.path, "/x/data/s3play/playlists")
        let unset = PlayerPaths.fromEnvironment(["XDG_STATE_HOME": "relative", "XDG_DATA_HOME": ""], home: "/home/u")
        XCTAssertEqual(unset.stateFile.path, "/home/u/.local/state/s3play/state.json")
        XCTAssertEqual(unset.playlistDirectory.path, "/home/u/.local/share/s3play/playlists")
    }
}

/// Two players on one state file (issue #12: the last to quit overwrote the other's queue).
final class PlayerStateGenerationTests: XCTestCase {
    func testAStoreThatLoadedAnOlderGenerationDoesNotOverwriteANewerFile() throws {
        let directory = try temporaryDirectory(self)
        let file = directory.appendingPathComponent("state.json")
        let first = PlayerStateStore(fileURL: file)
        let second = PlayerStateStore(fileURL: file)
        _ = first.load()
        _ = second.load()

        var ours = PlayerState()
        ours.entries = (1...33).map { .init(location: "/music/\($0).mp3", title: "song \($0)") }
        try first.save(ours)
        var stale = PlayerState()
        stale.entries = [.init(location: "/music/other.mp3", title: "other")]
        XCTAssertThrowsError(try second.save(stale)) { error in
            guard case FileWriteError.superseded(let path, let aside) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(path, file.path)
            XCTAssertTrue(aside.hasPrefix(file.path + ".superseded-"), aside)
        }
        // A later save of the stale store goes to the same side file, silently.
        stale.volumePercent = 40
        try second.save(stale)

        XCTAssertEqual(PlayerStateStore(fileURL: file).load().state.entries.count, 33, "the newer queue is intact")
        let asides = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("state.json.superseded-") }
        XCTAssertEqual(asides.count, 1)
        let kept = try JSONDecoder().decode(PlayerState.self, from: Data(contentsOf: directory.appendingPathComponent(asides[0])))
        XCTAssertEqual(kept.entries.map(\.title), ["other"])
        XCTAssertEqual(kept.volumePercent, 40)
    }

    func testEachSaveRaisesTheGenerationAndALoadTakesItUp() throws {
        let directory = try temporaryDirectory(self)
        let file = directory.appendingPathComponent("state.json")
        let store = PlayerStateStore(fileURL: file)
        XCTAssertEqual(store.load().state, PlayerState())
        try store.save(PlayerState())
        try store.save(PlayerState())
        struct GenerationOnly: Decodable { var generation: Int? }
        XCTAssertEqual(try JSONDecoder().decode(GenerationOnly.self, from: Data(contentsOf: file)).generation, 2)

        // A second store that loads generation 2 may write 3; the first, still at 2, may not.
        let later = PlayerStateStore(fileURL: file)
        XCTAssertNil(later.load().state.generation, "bookkeeping stays in the store")
        try later.save(PlayerState())
        XCTAssertThrowsError(try store.save(PlayerState()))
    }

    func testASecondLockOnOneStateFileIsRefusedAndNamesTheHolder() throws {
        let directory = try temporaryDirectory(self)
        let file = directory.appendingPathComponent("state.json")
        let held = try PlayerInstanceLock(stateFile: file)
        // flock locks belong to open file descriptions, so a second open in this process is
        // refused like another process would be.
        XCTAssertThrowsError(try PlayerInstanceLock(stateFile: file)) { error in
            XCTAssertEqual(error as? PlayerInstanceLock.Refusal, .held(lockFile: file.path + ".lock", holder: getpid()))
            XCTAssertTrue("\(error)".hasPrefix("another s3play player is running (pid \(getpid())): "), "\(error)")
        }
        let other = try PlayerInstanceLock(stateFile: directory.appendingPathComponent("other.json"))
        other.release()
        held.release()
        let again = try PlayerInstanceLock(stateFile: file)
        again.release()
        again.release()
    }
}
