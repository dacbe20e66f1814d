import Foundation
import S3
import TestSupport
import XCTest

/// `s3play play` end to end: the real binary, ALSA's default device routed by scripts/test to
/// the `file` plugin, and the exact PCM that reached ALSA compared with `mpg123 -q -s`.
final class PlayCommandTests: XCTestCase {
    static let exactKinds: [TestAudioFiles.Kind] = [.cbr320, .vbrLAME, .mono22k, .mpeg25_8k, .bigPicture]

    func testLocalFilesReachALSAByteForByteAsMpg123DecodesThem() throws {
        for kind in Self.exactKinds {
            let file = try TestAudioFiles.url(kind)
            let played = try ALSACapture.play(["play", "--quiet", file.path])
            XCTAssertEqual(played.outcome.status, 0, "\(kind): \(played.outcome.standardError)")
            XCTAssertEqual(played.outcome.standardError, "", "\(kind)")
            let reference = try TestAudioFiles.referencePCM(file)
            XCTAssertEqual(played.pcm.count, reference.count, "\(kind)")
            XCTAssertTrue(played.pcm == reference, "\(kind): PCM differs from mpg123 -s")
        }
    }

    func testS3ObjectsReachALSAByteForByteAsMpg123DecodesThem() throws {
        let client = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(client)
        for kind in Self.exactKinds {
            let file = try TestAudioFiles.url(kind)
            try client.putObject(bucket: bucket, key: "music/\(kind.rawValue).mp3", body: Array(try Data(contentsOf: file)))
            let played = try ALSACapture.play(["play", "--quiet", "s3://\(bucket)/music/\(kind.rawValue).mp3"])
            XCTAssertEqual(played.outcome.status, 0, "\(kind): \(played.outcome.standardError)")
            XCTAssertTrue(played.pcm == (try TestAudioFiles.referencePCM(file)), "\(kind): PCM differs from mpg123 -s")
        }
    }

    func testTwoTracksGiveTheConcatenationOfTheirDecodes() throws {
        let client = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(client)
        let first = try TestAudioFiles.url(.cbr320), second = try TestAudioFiles.url(.vbrLAME)
        try client.putObject(bucket: bucket, key: "b.mp3", body: Array(try Data(contentsOf: second)))
        let played = try ALSACapture.play(["play", "--quiet", first.path, "s3://\(bucket)/b.mp3"])
        XCTAssertEqual(played.outcome.status, 0, played.outcome.standardError)
        let expected = try TestAudioFiles.referencePCM(first) + TestAudioFiles.referencePCM(second)
        XCTAssertEqual(played.pcm.count, expected.count)
        XCTAssertTrue(played.pcm == expected, "gapless: no silence added, no samples lost between tracks")
    }

    func testStartSecondsBeginsExactlyThereOnACBRFile() throws {
        let file = try TestAudioFiles.url(.fiveMinutes)
        let played = try ALSACapture.play(["play", "--quiet", "--start", "60", file.path])
        XCTAssertEqual(played.outcome.status, 0, played.outcome.standardError)
        let reference = try TestAudioFiles.referencePCM(file)
        let offset = 60 * 44_100 * 4
        XCTAssertEqual(played.pcm.count, reference.count - offset)
        XCTAssertTrue(played.pcm == Array(reference[offset...]), "sample-exact seek on a CBR file with a LAME header")
    }

    /// The seek test on a VBR file (LAME -V 2, with a Xing TOC): `--start 60` reads
    /// forward from the first frame, on disk and from S3, so it is as exact as on a CBR file.
    func testStartSecondsBeginsExactlyThereOnAVBRFileFromDiskAndFromS3() throws {
        let file = try TestAudioFiles.url(.fiveMinutesVBR)
        let client = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(client)
        try client.putObject(bucket: bucket, key: "vbr.mp3", body: Array(try Data(contentsOf: file)))
        let reference = try TestAudioFiles.referencePCM(file)
        let offset = 60 * 44_100 * 4
        for source in [file.path, "s3://\(bucket)/vbr.mp3"] {
            let played = try ALSACapture.play(["play", "--quiet", "--start", "60", source])
            XCTAssertEqual(played.outcome.status, 0, played.outcome.standardError)
            XCTAssertEqual(played.pcm.count, reference.count - offset, source)
            XCTAssertTrue(played.pcm == Array(reference[offset...]), "sample-exact seek on a VBR file: \(source)")
        }
    }

    func testBadSourcesAreOneLineEachAndTheNextSourceStillPlays() throws {
        let client = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(client)
        try client.putObject(bucket: bucket, key: "empty.mp3", body: [])
        let text = try TestAudioFiles.url(.textFileNamedMP3)
        let good = try TestAudioFiles.url(.mono22k)
        let played = try ALSACapture.play(["play", "--quiet", "s3://\(bucket)/empty.mp3", text.path,
                                           "s3://\(bucket)/missing.mp3", good.path])
        XCTAssertEqual(played.outcome.status, 1)
        let lines = played.outcome.standardError.split(separator: "\n")
        XCTAssertEqual(lines.count, 3, played.outcome.standardError)
        XCTAssertTrue(lines[0].contains("empty.mp3"), String(lines[0]))
        XCTAssertTrue(lines[1].contains("is not audio s3play can play"), String(lines[1]))
        XCTAssertTrue(lines[2].contains("missing.mp3") && lines[2].contains("does not exist"), String(lines[2]))
        XCTAssertTrue(played.pcm == (try TestAudioFiles.referencePCM(good)), "the good source still plays in full")
    }

    func testAStartPastTheEndSaysSoAndExits1InsteadOfSilentSuccess() throws {
        let short = try TestAudioFiles.url(.mono22k)  // 10 s
        let good = try TestAudioFiles.url(.cbr320)
        let played = try ALSACapture.play(["play", "--quiet", "--start", "100", short.path, good.path])
        XCTAssertEqual(played.outcome.status, 1)
        let lines = played.outcome.standardError.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, played.outcome.standardError)
        XCTAssertTrue(lines[0].contains("has nothing to play from 1:40: that is past its end (0:10 long)"), String(lines[0]))
        XCTAssertTrue(played.pcm == (try TestAudioFiles.referencePCM(good)), "the next source still plays in full")
    }

    func testNegativeNumbersReachTheValidatorsMessages() throws {
        let file = try TestAudioFiles.url(.mono22k)
        for (arguments, message) in [(["--volume", "-5"], "--volume must be between 0 and 100."),
                                     (["--start", "-3"], "--start must be 0 or more seconds.")] {
            let outcome = try S3PlayProcess.run(["play", "--output", "null"] + arguments + [file.path])
            XCTAssertEqual(outcome.status, 64, outcome.standardError)
            XCTAssertTrue(outcome.standardError.contains(message), outcome.standardError)
            XCTAssertFalse(outcome.standardError.contains("Missing value"), outcome.standardError)
        }
        // A negative preamp is an ordinary value, not an option.
        let played = try ALSACapture.play(["play", "--quiet", "--replaygain", "track", "--preamp", "-6", file.path])
        XCTAssertEqual(played.outcome.status, 0, played.outcome.standardError)
        XCTAssertFalse(played.pcm.isEmpty)
    }

    func testTruncatedFilePlaysWhatItHasThenSaysItWasCutShort() throws {
        let file = try TestAudioFiles.url(.truncated)
        let played = try ALSACapture.play(["play", "--quiet", file.path])
        XCTAssertEqual(played.outcome.status, 1)
        XCTAssertTrue(played.outcome.standardError.contains("cut short"), played.outcome.standardError)
        let full = try TestAudioFiles.referencePCM(try TestAudioFiles.url(.cbr320))
        XCTAssertGreaterThan(played.pcm.count, full.count / 2)
        XCTAssertTrue(Array(full.prefix(played.pcm.count - 4_608 * 4)) == Array(played.pcm.prefix(played.pcm.count - 4_608 * 4)),
                      "what it has is the start of the full decode")
    }

    func testVolume50ReachesALSAAsTheReferenceScaledByTheCubicCurve() throws {
        let file = try TestAudioFiles.url(.vbrLAME)
        let played = try ALSACapture.play(["play", "--quiet", "--volume", "50", file.path])
        XCTAssertEqual(played.outcome.status, 0, played.outcome.standardError)
        let reference = try TestAudioFiles.referencePCM(file)
        XCTAssertEqual(played.pcm.count, reference.count)
        // 0.5³ = 1/8, applied as (s × 8192) >> 16: an arithmetic shift by 3 of each S16 sample.
        let expected = reference.withUnsafeBytes { raw in
            raw.bindMemory(to: Int16.self).map { $0 >> 3 }
        }
        let actual = played.pcm.withUnsafeBytes { Array($0.bindMemory(to: Int16.self)) }
        XCTAssertTrue(actual == expected, "every sample is its eighth")
    }

    func testCtrlCStopsAtOnceWithExitStatus130() throws {

        try TestRequirement.requireTime(2, for: "plays in real time until the signal")
        let file = try TestAudioFiles.url(.fiveMinutes)
        let started = Date()
        let outcome = try S3PlayProcess.run(["play", "--output", "null", file.path]) { process in
            Thread.sleep(forTimeInterval: 1)
            process.interrupt()
        }
        XCTAssertEqual(outcome.status, 130, outcome.standardError)
        XCTAssertLessThan(Date().timeIntervalSince(started), 10, "a five-minute file, stopped after a second")
        XCTAssertEqual(outcome.standardOutput, "")
        XCTAssertLessThanOrEqual(outcome.standardError.filter { $0 == "\n" }.count, 1, outcome.standardError)
    }
}

/// Runs s3play with ALSA's default device writing to a fresh file, and reads that file.
enum ALSACapture {
    static func play(_ arguments: [String]) throws -> (outcome: S3PlayProcess.Outcome, pcm: [UInt8]) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("s3play-pcm-\(UUID()).raw")
        defer { try? FileManager.default.removeItem(at: file) }
        try TestRequirement.requireVariable("S3PLAY_TEST_ALSA_CONF", what: "the ALSA file plugin's set-up",
                                            fix: "run the tests with scripts/test")
        let outcome = try S3PlayProcess.run(arguments, environment: ["S3PLAY_TEST_ALSA_OUT": file.path])
        let pcm = (try? Data(contentsOf: file)).map { Array($0) } ?? []
        return (outcome, pcm)
    }
}

/// `s3play play` from S3 through the fault proxy: resets, a 503 and the request bill.
final class PlayThroughFaultsTests: XCTestCase {
    func testResetsAndA503LeaveThePCMIdenticalAndFetchEachByteAboutOnce() throws {
        let client = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(client)
        let file = try TestAudioFiles.url(.fiveMinutes)
        let body = Array(try Data(contentsOf: file))
        try client.putObject(bucket: bucket, key: "long.mp3", body: body)
        let plan = ProxyFaultPlan()
            .respondWithStatus(status: 503, code: "SlowDown", count: 1)
            .resetAfterResponseBytes(400_000, times: 2)
        let proxy = try HTTPFaultProxy(upstreamPort: SeaweedFS.port(), plan: plan)
        defer { proxy.stop() }
        let played = try ALSACapture.play(["play", "--quiet", "--endpoint-url", "http://127.0.0.1:\(proxy.port)",
                                           "s3://\(bucket)/long.mp3"])
        XCTAssertEqual(played.outcome.status, 0, played.outcome.standardError)
        XCTAssertTrue(played.pcm == (try TestAudioFiles.referencePCM(file)), "PCM identical despite the faults")
        let gets = proxy.log.snapshot().exchanges.filter { $0.method == "GET" }
        XCTAssertEqual(gets.first?.status, 503)
        XCTAssertEqual(gets.filter { $0.faults.contains(.reset) }.count, 2)
        let fetched = gets.reduce(0) { $0 + $1.responseBodyBytes }
        XCTAssertLessThanOrEqual(Double(fetched), Double(body.count) * 1.02, "a full play fetches at most 1.02x the file")
        let chunks = (body.count + (1 << 20) - 1) >> 20
        XCTAssertLessThanOrEqual(gets.count, chunks + 3, "one GET a chunk, plus the 503 and the two resumed ranges")
    }
}

/// A seek far past what has been fetched costs one new range, not every byte in between, and in
/// a CBR file still lands on the exact sample.
final class FarSeekTests: XCTestCase {
    func testStartingNearTheEndOfALongFileFetchesOnlyTheEnd() throws {
        let client = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(client)
        let file = try TestAudioFiles.url(.fiveMinutes)
        let body = Array(try Data(contentsOf: file))
        try client.putObject(bucket: bucket, key: "long.mp3", body: body)
        let proxy = try HTTPFaultProxy(upstreamPort: SeaweedFS.port())
        defer { proxy.stop() }
        let played = try ALSACapture.play(["play", "--quiet", "--start", "285", "--endpoint-url",
                                           "http://127.0.0.1:\(proxy.port)", "s3://\(bucket)/long.mp3"])
        XCTAssertEqual(played.outcome.status, 0, played.outcome.standardError)
        // A CBR file: the far seek jumps to the computed frame and is sample-exact.
        let reference = try TestAudioFiles.referencePCM(file)
        let offset = 285 * 44_100 * 4
        XCTAssertEqual(played.pcm.count, reference.count - offset)
        XCTAssertTrue(played.pcm == Array(reference[offset...]), "sample-exact far seek on a CBR file")
        let fetched = proxy.log.snapshot().exchanges.reduce(0) { $0 + $1.responseBodyBytes }
        XCTAssertLessThan(fetched, body.count / 2, "the bytes between the start and the target were not fetched")
    }
}

/// No sound card: one notice, then playback on the paced null output, in real time.
final class NoSoundDeviceTests: XCTestCase {
    func testAMissingDeviceFallsBackToSilentRealTimePlaybackWithOneNotice() throws {
        let file = try TestAudioFiles.url(.mono22k)
        let duration = Double(try TestAudioFiles.referencePCM(file).count) / Double(22_050 * 2)
        let start = duration - 3
        let began = Date()
        let outcome = try S3PlayProcess.run(["play", "--quiet", "--output", "alsa:s3play_no_such_device",
                                             "--start", String(start), file.path])
        let elapsed = Date().timeIntervalSince(began)
        XCTAssertEqual(outcome.status, 0, outcome.standardError)
        let lines = outcome.standardError.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, outcome.standardError)
        XCTAssertTrue(lines.first?.contains("no sound device") == true, outcome.standardError)
        XCTAssertGreaterThanOrEqual(elapsed, 2.5, "3 s of audio take about 3 s when paced")
    }
}
