import Foundation
import Player
import TestAssertions
import Storage
import TestSupport
import XCTest

/// The player end to end over real MP3s and fast outputs. Commands that must land at a known
/// byte are sent from the output's write (on the audio thread), so every run's PCM is exact.
final class PlayerPlaybackTests: XCTestCase {
    func testPlaysThreeEntriesInOrderWritingEveryReferenceByte() throws {
        let harness = PlayerHarness()
        harness.player.send(.enqueue([try item(.cbr320), try item(.vbrLAME), try item(.mono22k)], at: .end))
        harness.player.send(.play)
        harness.waitForQueueEnd()

        XCTAssertEqual(harness.startedTitles, ["cbr320", "vbrLAME", "mono22k"])
        XCTAssertEqual(harness.tally.pcmByRun.count, 1, "one engine run, gapless between tracks")
        XCTAssertSamePCM(harness.tally.pcmByRun[0], try reference(.cbr320) + reference(.vbrLAME) + reference(.mono22k))
        let snapshot = harness.player.snapshot
        XCTAssertEqual(snapshot.state, .stopped)
        XCTAssertNil(snapshot.current, "the queue played out")
        XCTAssertEqual(snapshot.entries.count, 3)
    }

    func testRemovedAndMovedEntriesPlayInTheEditedOrder() throws {
        let harness = PlayerHarness()
        harness.player.send(.enqueue([try item(.cbr320), try item(.vbrLAME), try item(.mono22k),
                                      try item(.taggedID3v24UTF8)], at: .end))
        let ids = harness.player.snapshot.entries.map(\.id)
        harness.player.send(.remove(ids[1]))
        harness.player.send(.move(ids[3], by: -1))
        harness.player.send(.move(ids[0], by: -1))  // past the top: nothing moves
        harness.player.send(.move(ids[2], by: +1))  // past the bottom
        XCTAssertEqual(harness.player.snapshot.entries.map(\.title), ["cbr320", "taggedID3v24UTF8", "mono22k"])
        harness.player.send(.play)
        harness.waitForQueueEnd()

        XCTAssertEqual(harness.startedTitles, ["cbr320", "taggedID3v24UTF8", "mono22k"])
        XCTAssertSamePCM(harness.tally.pcmByRun[0],
                         try reference(.cbr320) + reference(.taggedID3v24UTF8) + reference(.mono22k))
    }

    func testEditsWhilePlayingReplaceTheTrackTheEngineFetchedAhead() throws {
        // 20 s tracks lie within the engine's 30 s prefetch: the second is opened as the first
        // starts, so removing it and inserting another must reach the engine.
        let harness = PlayerHarness()
        let player = harness.player
        player.send(.enqueue([try item(.cbr320), try item(.vbrLAME), try item(.mono22k)], at: .end))
        let ids = player.snapshot.entries.map(\.id)
        let inserted = try item(.taggedID3v24UTF8)
        var done = false
        harness.tally.afterWrite = { _, bytes in
            guard !done, bytes >= 5 * cdBytesPerSecond else { return }
            done = true
            player.send(.remove(ids[1]))
            player.send(.enqueue([inserted], at: .next))
        }
        player.send(.play)
        harness.waitForQueueEnd()

        XCTAssertEqual(harness.startedTitles, ["cbr320", "taggedID3v24UTF8", "mono22k"])
        XCTAssertEqual(harness.tally.pcmByRun.count, 1, "no restart: the playing track was not touched")
        XCTAssertSamePCM(harness.tally.pcmByRun[0],
                         try reference(.cbr320) + reference(.taggedID3v24UTF8) + reference(.mono22k))
    }

    func testPauseHoldsTheOutputAndResumeLosesNoSample() throws {
        let harness = PlayerHarness()
        let player = harness.player
        player.send(.enqueue([try item(.cbr320), try item(.vbrLAME)], at: .end))
        let pausedAt = LockedBox<Int?>(nil)
        harness.tally.afterWrite = { _, bytes in
            guard pausedAt.value == nil, bytes >= 5 * cdBytesPerSecond else { return }
            pausedAt.mutate { $0 = bytes }
            player.send(.pause)
        }
        player.send(.play)
        waitUntil("the player pauses") { player.snapshot.state == .paused && pausedAt.value != nil }
        Thread.sleep(forTimeInterval: 0.3)
        let held = try XCTUnwrap(pausedAt.value)
        XCTAssertEqual(harness.tally.totalBytes, held, "nothing is written after the pause")
        XCTAssertEqual(player.snapshot.elapsedSeconds, Double(held / 4) / 44_100, accuracy: 1e-9)
        XCTAssertEqual(player.snapshot.current?.title, "cbr320")
        player.send(.togglePause)
        harness.waitForQueueEnd()

        XCTAssertEqual(harness.startedTitles, ["cbr320", "vbrLAME"])
        XCTAssertSamePCM(harness.tally.pcmByRun[0], try reference(.cbr320) + reference(.vbrLAME))
    }

    func testSeekContinuesFromTheExactSample() throws {
        let harness = PlayerHarness()
        let player = harness.player
        player.send(.enqueue([try item(.cbr320)], at: .end))
        var asked = false
        harness.tally.afterWrite = { _, bytes in
            guard !asked, bytes >= 5 * cdBytesPerSecond else { return }
            asked = true
            player.send(.seek(toSeconds: 12))
        }
        player.send(.play)
        harness.waitForQueueEnd()

        let full = try reference(.cbr320)
        let pcm = harness.tally.pcmByRun[0]
        let cut = try XCTUnwrap(harness.tally.discardOffsets(run: 0).first)
        XCTAssertSamePCM(Array(pcm[..<cut]), Array(full[..<cut]), "before the seek")
        XCTAssertSamePCM(Array(pcm[cut...]), Array(full[(12 * cdBytesPerSecond)...]), "from 12 s on")
    }

    func testNextAndPreviousRestartTheEngineAtTheChosenEntry() throws {
        let harness = PlayerHarness()
        let player = harness.player
        player.send(.enqueue([try item(.cbr320), try item(.vbrLAME), try item(.mono22k)], at: .end))
        let askedAt = LockedBox<[Int]>([])
        harness.tally.afterWrite = { run, bytes in
            // Run 0 plays cbr320 and skips at 5 s; run 1 plays vbrLAME and goes back at 3 s.
            guard askedAt.value.count == run else { return }
            if run == 0, bytes >= 5 * cdBytesPerSecond { askedAt.mutate { $0.append(bytes) }; player.send(.next) }
            if run == 1, bytes >= 3 * cdBytesPerSecond { askedAt.mutate { $0.append(bytes) }; player.send(.previous) }
        }
        player.send(.play)
        harness.waitForQueueEnd()

        XCTAssertEqual(harness.startedTitles, ["cbr320", "vbrLAME", "cbr320", "vbrLAME", "mono22k"])
        let runs = harness.tally.pcmByRun
        XCTAssertEqual(runs.count, 3)
        guard runs.count == 3, askedAt.value.count == 2 else { return }
        XCTAssertEqual(runs[0].count, askedAt.value[0], "nothing written after next")
        XCTAssertEqual(runs[1].count, askedAt.value[1], "nothing written after previous")
        XCTAssertSamePCM(runs[0], Array(try reference(.cbr320).prefix(runs[0].count)))
        XCTAssertSamePCM(runs[1], Array(try reference(.vbrLAME).prefix(runs[1].count)))
        XCTAssertSamePCM(runs[2], try reference(.cbr320) + reference(.vbrLAME) + reference(.mono22k))
    }

    func testRemovingThePlayingEntryMovesPlaybackOnToTheNext() throws {
        let harness = PlayerHarness()
        let player = harness.player
        player.send(.enqueue([try item(.cbr320), try item(.vbrLAME), try item(.mono22k)], at: .end))
        let first = player.snapshot.entries[0].id
        let removedAt = LockedBox<Int?>(nil)
        harness.tally.afterWrite = { run, bytes in
            guard run == 0, removedAt.value == nil, bytes >= 5 * cdBytesPerSecond else { return }
            removedAt.mutate { $0 = bytes }
            player.send(.remove(first))
        }
        player.send(.play)
        harness.waitForQueueEnd()

        XCTAssertEqual(harness.startedTitles, ["cbr320", "vbrLAME", "mono22k"])
        XCTAssertEqual(player.snapshot.entries.map(\.title), ["vbrLAME", "mono22k"])
        let runs = harness.tally.pcmByRun
        XCTAssertEqual(runs.count, 2)
        guard runs.count == 2 else { return }
        XCTAssertEqual(runs[0].count, removedAt.value)
        XCTAssertSamePCM(runs[1], try reference(.vbrLAME) + reference(.mono22k))
    }

    func testRepeatOneReplaysTheTrackUntilNextIsPressed() throws {
        let harness = PlayerHarness()
        let player = harness.player
        player.send(.enqueue([try item(.taggedID3v24UTF8), try item(.taggedID3v1Only)], at: .end))
        player.send(.setRepeat(.one))
        let once = try reference(.taggedID3v24UTF8).count
        var skipped = false
        harness.tally.afterWrite = { _, bytes in
            // Past two whole plays: the third has begun.
            guard !skipped, bytes > 2 * once else { return }
            skipped = true
            player.send(.setRepeat(.off))
        }
        player.send(.play)
        harness.waitForQueueEnd()

        XCTAssertEqual(harness.startedTitles, ["taggedID3v24UTF8", "taggedID3v24UTF8", "taggedID3v24UTF8", "taggedID3v1Only"])
        XCTAssertSamePCM(harness.tally.pcmByRun[0], try reference(.taggedID3v24UTF8) + reference(.taggedID3v24UTF8)
                         + reference(.taggedID3v24UTF8) + reference(.taggedID3v1Only))
    }

    func testAFailingEntryGivesANoticeAndPlaybackMovesOn() throws {
        let harness = PlayerHarness()
        harness.player.send(.enqueue([try item(.textFileNamedMP3), try item(.taggedID3v24UTF8)], at: .end))
        harness.player.send(.play)
        harness.waitForQueueEnd()

        XCTAssertEqual(harness.startedTitles, ["taggedID3v24UTF8"])
        XCTAssertEqual(harness.reported.filter { if case .trackFailed(let entry, _) = $0 { entry?.title == "textFileNamedMP3" } else { false } }.count, 1)
        XCTAssertSamePCM(harness.tally.pcmByRun[0], try reference(.taggedID3v24UTF8))
    }

    func testVolumeAndModesShowInTheSnapshot() throws {
        let harness = PlayerHarness()
        let player = harness.player
        player.send(.enqueue([try item(.cbr320), try item(.vbrLAME)], at: .end))
        player.send(.setVolume(percent: 140))
        XCTAssertEqual(player.snapshot.volumePercent, 100)
        player.send(.adjustVolume(by: -30))
        player.send(.toggleShuffle)
        player.send(.cycleRepeat)
        let snapshot = player.snapshot
        XCTAssertEqual(snapshot.volumePercent, 70)
        XCTAssertTrue(snapshot.shuffle)
        XCTAssertEqual(snapshot.repeatMode, .all)
        XCTAssertEqual(snapshot.state, .stopped)
        XCTAssertEqual(snapshot.totalDurationSeconds, 0, "these items carry no catalog duration")
        player.send(.clearQueue)
        player.send(.play)
        XCTAssertEqual(player.snapshot.notice?.text, "The queue is empty.")
    }
}

/// Issue 12: the engine's estimate (a file without a frame count) counts the tags as audio; the
/// catalog's (AudioTags) does not. The player shows a counted length when the engine has one,
/// else the entry's.
final class PlayerDurationTests: XCTestCase {
    func testACountedLengthComesFromTheEngineAnEstimateFromTheEntry() throws {
        let full = Array(try Data(contentsOf: TestAudioFiles.url(.cbr320)))
        // Without its Info frame (MPEG-1 layer III, 320 kbps: 144 × 320000 / 44100 bytes plus
        // the padding bit) and with 64 KB of text frames in front, the engine can only estimate.
        let infoFrameBytes = 144 * 320_000 / 44_100 + Int(full[2] >> 1 & 1)
        let body = Array("TXXX".utf8) + [0, 0, 0xFA, 0x05, 0, 0] + [0] + [UInt8](repeating: 0x78, count: 64_004)
        let size = body.count
        let tag = Array("ID3".utf8) + [3, 0, 0] + [UInt8(size >> 21 & 0x7F), UInt8(size >> 14 & 0x7F),
                                                  UInt8(size >> 7 & 0x7F), UInt8(size & 0x7F)] + body
        let estimated = try temporaryDirectory(self).appendingPathComponent("estimated.mp3")
        try Data(tag + full[infoFrameBytes...]).write(to: estimated)

        for (location, entrySeconds, shown) in [(try TestAudioFiles.url(.cbr320).path, 99.0, 20.0),
                                                (estimated.path, 19.97, 19.97)] {
            let harness = PlayerHarness()
            let player = harness.player
            player.send(.enqueue([QueueItem(title: "t", location: TrackLocation(.file(path: location)), durationSeconds: entrySeconds)], at: .end))
            let paused = LockedBox(false)
            harness.tally.afterWrite = { _, bytes in
                guard !paused.value, bytes >= 2 * cdBytesPerSecond else { return }
                paused.mutate { $0 = true }
                player.send(.pause)
            }
            player.send(.play)
            waitUntil("the player pauses") { player.snapshot.state == .paused && paused.value }
            XCTAssertEqual(player.snapshot.durationSeconds ?? 0, shown, accuracy: 0.001, location)
            player.send(.stop)
            player.waitUntilSettled()
        }
    }
}
