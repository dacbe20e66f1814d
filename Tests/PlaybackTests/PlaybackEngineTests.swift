import Foundation
import NullOutput
import PlaybackCore
import TestAssertions
import TestSupport
import XCTest

/// The engine's behaviour between decoder and output, checked on the exact PCM it writes:
/// commands arrive from the output's write (on the audio thread), so each lands at a known byte.
final class PlaybackEngineTests: XCTestCase {
    private let cd = PCMFormat(sampleRate: 44_100, channels: 2)

    func testPauseThenResumeMidTrackLosesAndRepeatsNoSample() throws {
        let file = try TestAudioFiles.url(.cbr320)
        let output = CapturingOutput()
        let harness = EngineHarness(files: [file], output: output)
        var asked = false
        output.afterWrite = { [engine = harness.engine] written in
            if !asked, written >= 5 * cdBytesPerSecond { asked = true; engine.send(.pause) }
        }
        harness.engine.start()
        waitUntil("the engine pauses") { harness.engine.snapshot.state == .paused }
        let heldAt = output.pcm.count
        Thread.sleep(forTimeInterval: 0.3)
        XCTAssertEqual(output.pcm.count, heldAt, "nothing is written while paused")
        harness.engine.send(.resume)
        harness.waitForFinish()

        XCTAssertSamePCM(output.pcm, try TestAudioFiles.referencePCM(file))
        XCTAssertEqual(output.calls, [.start(cd), .pause(true), .pause(false), .drain, .close])
        XCTAssertEqual(output.offsets(of: .pause(true)), [heldAt])
    }

    func testVolume100IsBitExactAndVolume50IsTheCubicCurvesEighth() throws {
        let file = try TestAudioFiles.url(.vbrLAME)
        let reference = try TestAudioFiles.referencePCM(file)
        let full = CapturingOutput()
        EngineHarness(files: [file], output: full).play(volume: 100)
        XCTAssertSamePCM(full.pcm, reference)

        let half = CapturingOutput()
        EngineHarness(files: [file], output: half).play(volume: 50)
        let played = samples(half.pcm), original = samples(reference)
        XCTAssertEqual(played.count, original.count)
        // 0.5³ = 1/8, applied as (s × 8192) >> 16: an arithmetic shift by 3, rounding down.
        XCTAssertTrue(zip(played, original).allSatisfy { $0 == $1 >> 3 }, "every sample is its eighth")
        let loudest = try XCTUnwrap(original.indices.max { original[$0] < original[$1] })
        let quietest = try XCTUnwrap(original.indices.min { original[$0] < original[$1] })
        XCTAssertGreaterThan(original[loudest], 8_000, "the fixture is at half scale")
        XCTAssertEqual(Int(played[loudest]), Int(original[loudest]) / 8)
        XCTAssertEqual(Int(played[quietest]), (Int(original[quietest]) - 7) / 8, "negative samples round down")
    }

    func testSeekForwardThenBackMidPlayContinuesFromTheExactSample() throws {
        let file = try TestAudioFiles.url(.fiveMinutes)
        let reference = try TestAudioFiles.referencePCM(file)
        let output = CapturingOutput()
        let harness = EngineHarness(files: [file], output: output)
        var stage = 0
        output.afterWrite = { [engine = harness.engine] written in
            if stage == 0, written >= 10 * cdBytesPerSecond {
                stage = 1
                engine.send(.seek(toSeconds: 120))
            } else if stage == 1, written >= 20 * cdBytesPerSecond {
                stage = 2
                engine.send(.seek(toSeconds: 30))
            }
        }
        harness.play()

        let cuts = output.offsets(of: .discardPending)
        XCTAssertEqual(cuts.count, 2)
        guard cuts.count == 2 else { return }
        let pcm = output.pcm
        let at120 = 120 * cdBytesPerSecond, at30 = 30 * cdBytesPerSecond
        XCTAssertSamePCM(pcm[..<cuts[0]], reference[..<cuts[0]], "before the first seek")
        XCTAssertSamePCM(pcm[cuts[0]..<cuts[1]], reference[at120..<(at120 + cuts[1] - cuts[0])], "after seeking to 120 s")
        XCTAssertSamePCM(pcm[cuts[1]...], reference[at30...], "after seeking back to 30 s")
    }

    func testNextSkipsToTheNextTrackAtOnce() throws {
        let first = try TestAudioFiles.url(.cbr320), second = try TestAudioFiles.url(.vbrLAME)
        let output = CapturingOutput()
        let harness = EngineHarness(files: [first, second], output: output)
        var asked = false
        output.afterWrite = { [engine = harness.engine] written in
            if !asked, written >= 5 * cdBytesPerSecond { asked = true; engine.send(.next) }
        }
        harness.play()

        XCTAssertEqual(output.calls, [.start(cd), .discardPending, .drain, .close])
        let cut = try XCTUnwrap(output.offsets(of: .discardPending).first)
        let pcm = output.pcm
        XCTAssertSamePCM(pcm[..<cut], try TestAudioFiles.referencePCM(first)[..<cut])
        XCTAssertSamePCM(pcm[cut...], try TestAudioFiles.referencePCM(second)[...], "the next track from its start")
        XCTAssertEqual(harness.reported.filter { if case .trackStarted = $0 { true } else { false } }.count, 2)
    }

    func testDiscardUpcomingClosesTheTrackFetchedAheadAndAsksForTheNextAgain() throws {
        // 20 s tracks are within the 30 s prefetch, so the second is opened as the first starts.
        let first = try TestAudioFiles.url(.cbr320), second = try TestAudioFiles.url(.vbrLAME)
        let third = try TestAudioFiles.url(.taggedID3v24UTF8)
        let output = CapturingOutput()
        let harness = EngineHarness(files: [first, second, third], output: output)
        var asked = false
        output.afterWrite = { [engine = harness.engine] written in
            if !asked, written >= 5 * cdBytesPerSecond { asked = true; engine.send(.discardUpcoming) }
        }
        harness.play()

        let expected = try TestAudioFiles.referencePCM(first) + TestAudioFiles.referencePCM(third)
        XCTAssertSamePCM(output.pcm, expected, "the first track whole, then the third: the second was dropped")
        XCTAssertEqual(output.calls, [.start(cd), .drain, .close])
        let started = harness.reported.compactMap { if case .trackStarted(let index, let title, _) = $0 { (index, title) } else { nil } }
        XCTAssertEqual(started.map(\.0), [0, 2], "the dropped track kept its index")
        XCTAssertEqual(started.map(\.1), [first.lastPathComponent, third.lastPathComponent])
    }

    func testStopEndsAtOnceDiscardingWhatIsPending() throws {
        let first = try TestAudioFiles.url(.cbr320), second = try TestAudioFiles.url(.vbrLAME)
        let output = CapturingOutput()
        let harness = EngineHarness(files: [first, second], output: output)
        var asked = false
        output.afterWrite = { [engine = harness.engine] written in
            if !asked, written >= 5 * cdBytesPerSecond { asked = true; engine.send(.stop) }
        }
        harness.play()

        XCTAssertEqual(output.calls, [.start(cd), .discardPending, .close], "no drain: stop is at once")
        let pcm = output.pcm
        XCTAssertSamePCM(pcm, Array(try TestAudioFiles.referencePCM(first).prefix(pcm.count)))
        XCTAssertEqual(output.offsets(of: .discardPending), [pcm.count], "nothing written after the stop")
        XCTAssertEqual(harness.reported.last, .finished)
        XCTAssertEqual(harness.reported.filter { if case .trackStarted = $0 { true } else { false } }.count, 1)
    }

    func testTracksOfOneFormatFlowIntoOneStartWithoutADrainBetweenThem() throws {
        let first = try TestAudioFiles.url(.cbr320), second = try TestAudioFiles.url(.vbrLAME)
        let output = CapturingOutput()
        EngineHarness(files: [first, second], output: output).play()
        let expected = try TestAudioFiles.referencePCM(first) + TestAudioFiles.referencePCM(second)
        XCTAssertEqual(output.calls, [.start(cd), .drain, .close])
        XCTAssertEqual(output.offsets(of: .drain), [expected.count], "the one drain is at the end")
        XCTAssertSamePCM(output.pcm, expected)
    }

    func testAFormatChangeDrainsTheOldFormatThenStartsTheNew() throws {
        let first = try TestAudioFiles.url(.cbr320), second = try TestAudioFiles.url(.mono22k)
        let output = CapturingOutput()
        EngineHarness(files: [first, second], output: output).play()
        let one = try TestAudioFiles.referencePCM(first), two = try TestAudioFiles.referencePCM(second)
        XCTAssertEqual(output.calls, [.start(cd), .drain, .start(PCMFormat(sampleRate: 22_050, channels: 1)), .drain, .close])
        XCTAssertEqual(output.offsets(of: .drain), [one.count, one.count + two.count])
        XCTAssertEqual(output.offsets(of: .start(PCMFormat(sampleRate: 22_050, channels: 1))), [one.count])
        XCTAssertSamePCM(output.pcm, one + two)
    }

    /// PacedNullOutput on a clock that moves only when it sleeps: the engine is paused once the
    /// clock passes 10 s, and the snapshot must then say what the clock says.
    func testSnapshotTellsElapsedAndDurationAtAKnownPoint() throws {
        let file = try TestAudioFiles.url(.fiveMinutes)
        let clock = ManualClock()
        let output = PacedNullOutput(latency: 0.2, now: { clock.now }, sleep: { clock.advance(by: $0) })
        let harness = EngineHarness(files: [file], output: output)
        var asked = false
        clock.afterSleep = { [engine = harness.engine] time in
            if !asked, time >= 10 { asked = true; engine.send(.pause) }
        }
        harness.engine.start()
        waitUntil("the engine pauses") { harness.engine.snapshot.state == .paused }

        let snapshot = harness.engine.snapshot
        XCTAssertGreaterThanOrEqual(clock.now, 10)
        XCTAssertLessThan(clock.now, 10.5, "one 64 KiB write is 0.37 s")
        XCTAssertEqual(snapshot.elapsedSeconds, clock.now, accuracy: 1.0 / 44_100,
                       "elapsed is what the output has played, not what was decoded (0.2 s more)")
        XCTAssertEqual(snapshot.durationSeconds, 300)
        XCTAssertEqual(snapshot.trackIndex, 0)
        XCTAssertEqual(snapshot.title, "fiveMinutes.mp3")
        XCTAssertEqual(snapshot.format, cd)
        XCTAssertEqual(snapshot.volumePercent, 100)
        harness.engine.send(.stop)
        harness.waitForFinish()
    }

    private func samples(_ pcm: [UInt8]) -> [Int16] {
        pcm.withUnsafeBytes { Array($0.bindMemory(to: Int16.self)) }
    }
}
