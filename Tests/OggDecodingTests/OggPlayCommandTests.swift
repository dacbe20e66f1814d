import Foundation
import S3
import TestSupport
import XCTest

/// `s3play play` end to end with Ogg Vorbis and Opus: the real binary, ALSA's default device
/// routed by scripts/test to the `file` plugin, and the PCM that reached ALSA compared with
/// `oggdec` and `opusdec --no-dither` (tolerances in `OggFixtures`).
final class OggPlayCommandTests: XCTestCase {
    func testVorbisAndOpusFromAFolderAndFromS3ReachALSAAsTheReferenceDecodesThem() throws {
        let client = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(client)
        for kind in [OggFixtures.Kind.vorbis, .opus] {
            try client.putObject(bucket: bucket, key: "mixes/\(kind.rawValue)", body: try OggFixtures.bytes(kind))
            let reference = try OggFixtures.referencePCM(kind)
            for source in [try OggFixtures.url(kind).path, "s3://\(bucket)/mixes/\(kind.rawValue)"] {
                let played = try OggALSACapture.play(["play", "--quiet", source])
                XCTAssertEqual(played.outcome.status, 0, "\(source): \(played.outcome.standardError)")
                XCTAssertEqual(played.outcome.standardError, "", source)
                XCTAssertPCMWithin(played.pcm, reference, tolerance: 0, source)
            }
        }
    }

    /// Two tracks cut from one recording, played in a row: the PCM is the exact concatenation
    /// of their own decodes (no silence added, no sample lost at the joint).
    func testConsecutiveOpusOrVorbisTracksPlayGaplessly() throws {
        for (first, second) in [(OggFixtures.Kind.firstHalfOpus, OggFixtures.Kind.secondHalfOpus),
                                (.firstHalfVorbis, .secondHalfVorbis)] {
            let played = try OggALSACapture.play(["play", "--quiet", try OggFixtures.url(first).path,
                                                  try OggFixtures.url(second).path])
            XCTAssertEqual(played.outcome.status, 0, played.outcome.standardError)
            let expected = try OggFixtures.referencePCM(first) + OggFixtures.referencePCM(second)
            XCTAssertEqual(played.pcm.count, 10 * 48_000 * 4, "\(first) + \(second): exactly 10 s")
            XCTAssertPCMWithin(played.pcm, expected, tolerance: 0, "\(first) + \(second)")
        }
    }

    /// A chained Ogg whose second link changes the rate (Vorbis: 44.1 → 22.05 kHz, stereo →
    /// mono) or the channels (Opus: stereo → mono): the device is reconfigured between the
    /// links and every sample of both reaches it.
    func testChainedOggFromS3ReachesALSALinkAfterLink() throws {
        let client = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(client)
        for kind in [OggFixtures.Kind.chainedVorbis, .chainedOpus] {
            try client.putObject(bucket: bucket, key: kind.rawValue, body: try OggFixtures.bytes(kind))
            let played = try OggALSACapture.play(["play", "--quiet", "s3://\(bucket)/\(kind.rawValue)"])
            XCTAssertEqual(played.outcome.status, 0, "\(kind): \(played.outcome.standardError)")
            XCTAssertPCMWithin(played.pcm, try OggFixtures.referencePCM(kind), tolerance: 0, "\(kind)")
        }
    }

    func testStartSecondsInVorbisFromS3BeginsAtTheExactSample() throws {
        let client = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(client)
        try client.putObject(bucket: bucket, key: "long.ogg", body: try OggFixtures.bytes(.longVorbis))
        let played = try OggALSACapture.play(["play", "--quiet", "--start", "150", "s3://\(bucket)/long.ogg"])
        XCTAssertEqual(played.outcome.status, 0, played.outcome.standardError)
        let reference = try OggFixtures.referencePCM(.longVorbis)
        XCTAssertPCMWithin(played.pcm, Array(reference[(150 * 44_100 * 4)...]), tolerance: 0, "from 150 s")
    }

    /// A 503 at the start and two connection resets mid-stream: the S3 reader resumes at the
    /// exact byte, the decoder waits (or the engine does), and the PCM is what opusdec and
    /// oggdec write. Bytes: libopusfile and libvorbisfile read the last page at open (for the
    /// exact length); the reader serves that with a side GET of the tail and keeps its first
    /// GET, so a full play fetches the object once (1.20x before, 2.65 MB for a 2.2 MB Opus).
    func testResetsAndA503LeaveOggPCMIdenticalAndFetchTheObjectOnce() throws {
        let client = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(client)
        for kind in [OggFixtures.Kind.longOpus, .longVorbis] {
            let key = kind.rawValue
            let body = try OggFixtures.bytes(kind)
            try client.putObject(bucket: bucket, key: key, body: body)
            let plan = ProxyFaultPlan()
                .respondWithStatus(status: 503, code: "SlowDown", count: 1)
                .resetAfterResponseBytes(400_000, times: 2)
            let proxy = try HTTPFaultProxy(upstreamPort: SeaweedFS.port(), plan: plan)
            defer { proxy.stop() }
            let played = try OggALSACapture.play(["play", "--quiet", "--endpoint-url", "http://127.0.0.1:\(proxy.port)",
                                                  "s3://\(bucket)/\(key)"])
            XCTAssertEqual(played.outcome.status, 0, played.outcome.standardError)
            XCTAssertPCMWithin(played.pcm, try OggFixtures.referencePCM(kind), tolerance: 0, "\(key) despite the faults")
            let gets = proxy.log.snapshot().exchanges.filter { $0.method == "GET" }
            XCTAssertGreaterThanOrEqual(gets.filter { $0.faults.contains(.reset) }.count, 1, key)
            let fetched = gets.reduce(0) { $0 + $1.responseBodyBytes }
            print("\(key) (\(body.count) bytes): a full play fetched \(fetched) bytes in \(gets.count) GETs")
            XCTAssertLessThanOrEqual(Double(fetched), Double(body.count) * 1.02, "\(key): at most 1.02x the object")
        }
    }

    /// An Ogg with a broken page in the middle: the page's CRC fails, and the track stops there
    /// with one line naming the file; the exit status is 1 and the next song plays in full.
    func testABrokenPageIsOneLineAndTheNextSongPlays() throws {
        let broken = try OggFixtures.withBrokenPage(.opus)
        defer { try? FileManager.default.removeItem(at: broken) }
        let good = try OggFixtures.url(.vorbis)
        let played = try OggALSACapture.play(["play", "--quiet", broken.path, good.path])
        XCTAssertEqual(played.outcome.status, 1)
        let lines = played.outcome.standardError.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, played.outcome.standardError)
        XCTAssertTrue(lines.first?.contains(broken.lastPathComponent) == true, played.outcome.standardError)
        XCTAssertTrue(lines.first?.contains("damaged or missing Ogg page") == true, played.outcome.standardError)
        let reference = try OggFixtures.referencePCM(.vorbis)
        XCTAssertGreaterThanOrEqual(played.pcm.count, reference.count)
        XCTAssertPCMWithin(Array(played.pcm.suffix(reference.count)), reference, tolerance: 0, "the next song in full")
    }
}

/// Runs s3play with ALSA's default device writing to a fresh file, and reads that file.
enum OggALSACapture {
    static func play(_ arguments: [String]) throws -> (outcome: ChildProcessOutcome, pcm: [UInt8]) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("s3play-ogg-pcm-\(UUID()).raw")
        defer { try? FileManager.default.removeItem(at: file) }
        try TestRequirement.requireVariable("S3PLAY_TEST_ALSA_CONF", what: "the ALSA file plugin's set-up",
                                            fix: "run the tests with scripts/test")
        let outcome = try ChildProcess.run(ChildProcess.builtProduct("s3play"), arguments,
                                           environment: ["S3PLAY_TEST_ALSA_OUT": file.path])
        let pcm = (try? Data(contentsOf: file)).map { Array($0) } ?? []
        return (outcome, pcm)
    }
}
