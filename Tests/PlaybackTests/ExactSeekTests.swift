import Foundation
import MPEGDecoding
import PlaybackCore
import S3
import S3Streaming
import TestAssertions
import TestSupport
import XCTest

/// Where a seek in a VBR stream reads forward to the exact frame and where it guesses: reading
/// forward is taken while it is cheap (a local file always; an S3 object up to
/// `exactSeekBytes`, or what its measured rate fetches in `exactSeekSeconds`).
final class ExactSeekTests: XCTestCase {
    private static let vbrBytesPerSecond = 44_100 * 4

    func testAFarStartInALocalVBRFileReadsForwardAndIsSampleExact() throws {
        let file = try TestAudioFiles.url(.fiveMinutesVBR)
        let reference = try TestAudioFiles.referencePCM(file)
        let output = CapturingOutput()
        var policy = MPEGSeekPolicy()
        policy.exactSeekBytes = 64 << 10   // only the local file's unlimited rate lets it read forward
        let harness = EngineHarness(files: [file], output: output,
                                    decoders: DecoderRegistry([MPEGDecoderFactory(seekPolicy: policy)]))
        harness.engine.start(startSeconds: 240)
        harness.waitForFinish()
        XCTAssertSamePCM(output.pcm, Array(reference[(240 * Self.vbrBytesPerSecond)...]), "from 240 s")
    }

    /// Plays `kind` from S3 in chunks of `chunkBytes` and, once the reader has measured a rate
    /// (one GET of `step` seconds per chunk), seeks to `seconds`; returns the PCM after the seek
    /// and where each GET started, in order.
    private func seekFromS3(_ kind: TestAudioFiles.Kind, to seconds: Int, clockStep step: Double,
                            chunkBytes: Int64 = 1 << 20, name: String = #function)
        throws -> (afterSeek: [UInt8], rangeStarts: [Int], fileSize: Int) {
        let file = try TestAudioFiles.url(kind)
        let body = Array(try Data(contentsOf: file))
        let direct = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(direct, name: name)
        try direct.putObject(bucket: bucket, key: "long.mp3", body: body)
        let proxy = try HTTPFaultProxy(upstreamPort: SeaweedFS.port())
        defer { proxy.stop() }
        let client = S3Client(settings: try SeaweedFS.settings(endpoint: "http://127.0.0.1:\(proxy.port)"),
                              transport: SeaweedFS.transport, sleep: { _ in })
        let clock = SteppingClock(step: step)
        var readerConfiguration = RangedObjectReaderConfiguration()
        readerConfiguration.chunkBytes = chunkBytes
        let opened = LockedBox<RangedObjectReader?>(nil)
        let handedOut = LockedBox(false)
        var policy = MPEGSeekPolicy()
        policy.exactSeekBytes = 256 << 10
        let output = CapturingOutput()
        let engine = PlaybackEngine(
            output: output,
            decoders: DecoderRegistry([MPEGDecoderFactory(seekPolicy: policy)]),
            nextTrack: { [readerConfiguration] in
                var first = false
                handedOut.mutate { first = !$0; $0 = true }
                guard first else { return nil }
                return PlaybackTrack(title: "long.mp3") { () throws(ByteSourceError) -> ByteSource in
                    let reader = RangedObjectReader(client: client, bucket: bucket, key: "long.mp3",
                                                    configuration: readerConfiguration,
                                                    sleep: { _ in }, now: { clock.now() })
                    opened.mutate { $0 = reader }
                    return reader
                }
            })
        var sent = false
        output.afterWrite = { [engine] written in
            guard !sent, written >= 5 * Self.vbrBytesPerSecond,
                  opened.value?.sequentialBytesPerSecond != nil else { return }
            sent = true
            engine.send(.seek(toSeconds: Double(seconds)))
        }
        engine.start()
        waitUntil("the engine finishes") { engine.snapshot.state == .finished }
        let cut = try XCTUnwrap(output.offsets(of: .discardPending).first, "the seek was made")
        let starts = proxy.log.snapshot().exchanges.filter { $0.method == "GET" }.compactMap { exchange in
            exchange.range.flatMap { Int($0.dropFirst("bytes=".count).prefix { $0 != "-" }) }
        }
        return (Array(output.pcm[cut...]), starts, body.count)
    }

    func testOnAFastConnectionAFarSeekReadsForwardAndIsSampleExact() throws {
        // 1 MiB a millisecond: a second of reading forward covers the whole file.
        let seek = try seekFromS3(.fiveMinutesVBR, to: 240, clockStep: 0.001)
        let reference = try TestAudioFiles.referencePCM(TestAudioFiles.url(.fiveMinutesVBR))
        XCTAssertSamePCM(seek.afterSeek, Array(reference[(240 * Self.vbrBytesPerSecond)...]), "after the seek to 240 s")
        XCTAssertEqual(seek.rangeStarts, Array(stride(from: 0, to: seek.fileSize, by: 1 << 20)),
                       "one chunk after the other: the bytes up to 240 s were read, not jumped over")
    }

    func testOnASlowConnectionAFarSeekJumpsWithOneRangeInstead() throws {
        // 1 MiB in 100 s: reading forward is left to `exactSeekBytes`, far less than the distance.
        let seek = try seekFromS3(.fiveMinutesVBR, to: 240, clockStep: 100)
        // A 2.7 MB file: the first GETs may have fetched up to 2 MiB ahead before the seek.
        XCTAssertTrue(seek.rangeStarts.contains { $0 > seek.fileSize * 3 / 4 && $0 % (1 << 20) != 0 },
                      "a new range from near 240 s (\(seek.rangeStarts)), not the next chunk")
        let heard = Double(seek.afterSeek.count) / Double(Self.vbrBytesPerSecond)
        XCTAssertEqual(heard, 60, accuracy: 300.0 / 256 + 0.1, "the rest of the file, within the TOC's rounding")
    }

    func testWithoutATOCEvenASlowConnectionReadsForwardToTheExactFrame() throws {
        // No Xing header: the only guess is the mean frame size, some 18 s off at 90 s here.
        let chunk = 256 << 10
        let seek = try seekFromS3(.vbrSwingsNoHeader, to: 90, clockStep: 100, chunkBytes: Int64(chunk))
        // The reference: `mpg123 -k FRAME` from the target's frame (no LAME tag, so no
        // trim: sample n is in frame n / 1152). Its first frame after a seek is primed
        // differently from a decode from the start, so the whole decode is not the reference.
        let target = 90 * 44_100, frame = target / 1152
        let reference = Array(try TestAudioFiles.referencePCM(TestAudioFiles.url(.vbrSwingsNoHeader), startFrame: frame)
            .dropFirst((target - frame * 1152) * 4))
        // Sample-exact length; the same samples after the first frame, which each decoder primes
        // from where it began reading (the "within one frame for VBR").
        XCTAssertEqual(seek.afterSeek.count, reference.count, "the seek landed on the target sample")
        XCTAssertSamePCM(seek.afterSeek.dropFirst(1152 * 4), reference.dropFirst(1152 * 4), "after the seek to 90 s")
        XCTAssertEqual(seek.rangeStarts, Array(stride(from: 0, to: seek.fileSize, by: chunk)),
                       "one chunk after the other, never a jump")
    }
}
