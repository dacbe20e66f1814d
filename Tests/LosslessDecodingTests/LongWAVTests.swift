import Foundation
import PCMFileDecoding
import PlaybackCore
import S3
import S3Streaming
import Storage
import TestSupport
import XCTest

/// Issue #14: a 2-hour 24/96 WAV (4,147,200,044 bytes) plays and seeks without reading what it
/// skips, and the read-ahead window is sized in seconds of audio, not bytes. The object is
/// computed from each byte's offset by a loopback S3 stand-in (nothing is written to disk) and
/// played through the real path: the S3 client over curl, the ranged reader as the player opens
/// it (`ByteSourceOpener`, `.playback`), the WAV decoder and the engine.
final class LongWAVTests: XCTestCase {
    private static let wav = ComputedWAV(seconds: 7200)
    /// 96,000 frames of two 3-byte samples: 576,000 B/s.
    private static let bytesPerSecond = Int64(ComputedWAV.sampleRate * ComputedWAV.bytesPerFrame)
    private static let reader = RangedObjectReaderConfiguration.playback
    private static let location = StorageLocation.s3(bucket: "music", key: "long.wav")
    private static let startSeconds = 7195
    private static let startFrame = Int64(startSeconds * ComputedWAV.sampleRate)
    private var standIn: ComputedObjectS3StandIn!

    override func setUpWithError() throws {
        standIn = try ComputedObjectS3StandIn(bucket: "music", key: "long.wav", object: Self.wav)
    }

    override func tearDown() { standIn?.stop() }

    // MARK: cases

    /// Started at 7195 s: the header's GET, then the last 5 s (2.88 MB) in GETs of 1 MiB from the
    /// seek's byte on; none of the 4.1 GB between is asked for, and every sample is the file's.
    /// Measured: 4 GETs, 3.7 MB (0.09 % of the object), the header's GET cut after 768 KiB.
    func testTheLastFiveSecondsOfATwoHourWAVPlaySampleExactFromAFewGETs() throws {
        let output = HoldingCapturingOutput()
        let (engine, _) = try engine(output: output, readAheadSeconds: 30)
        engine.start(startSeconds: Double(Self.startSeconds))
        engine.waitUntilFinished()

        XCTAssertEqual(output.formats, [PCMFormat(sampleRate: 96_000, channels: 2, encoding: .signed24Packed)])
        let expected = expectedPCM(frames: Self.startFrame..<Self.wav.frames)
        let played = output.pcm
        XCTAssertEqual(played.count, expected.count, "the last 5 s are 480,000 frames")
        XCTAssertTrue(played == expected, "PCM: \(firstDifference(played, expected))")

        assertNothingSkippedIsFetched()
        // The header's GET, at most one more of the reader's opening read-ahead, and
        // ceil(2,880,000 / 1 MiB) = 3 for the last 5 s.
        XCTAssertLessThanOrEqual(gets.count, 6, getsText)
        XCTAssertLessThan(Double(bytesFetched) / Double(Self.wav.size), 0.01, getsText)
        print("LongWAVTests: from 7195 s: \(gets.count) GETs, \(bytesFetched) B fetched, "
              + "\(percentOfObject(bytesFetched)) % of the object: \(getsText)")
    }

    /// The engine sizes the window (30 s) once the start seek has moved the reader, not when the
    /// format is known: WAV's seek is placed by the decoder's next read, and a window widened
    /// before it filled from byte 0 for as long as the audio thread was elsewhere. Here the
    /// `trackStarted` handler takes 0.2 s (as the Player's can, waiting for its lock): before the
    /// fix 4 to 5 GETs (over 4 MB) went to the file's first bytes, now at most the reader's opening
    /// read-ahead (1.2 MB, two GETs of 1 MiB).
    func testTheWindowIsWidenedOnlyOnceTheStartSeekHasMovedTheReader() throws {
        let output = HoldingCapturingOutput(keepsPCM: false)
        let (engine, _) = try engine(output: output, readAheadSeconds: 30, onTrackStarted: {
            Thread.sleep(forTimeInterval: 0.2)
        })
        engine.start(startSeconds: Double(Self.startSeconds))
        engine.waitUntilFinished()
        XCTAssertEqual(Int64(output.bytesWritten), Self.wav.size - ComputedWAV.offset(ofFrame: Self.startFrame))
        assertNothingSkippedIsFetched()
        print("LongWAVTests: from 7195 s, slow handler: \(gets.count) GETs, \(bytesFetched) B fetched: \(getsText)")
    }

    /// Played from the start into an output that stops taking PCM after 10 s (a full sound card):
    /// the engine asks for exactly 30 s of audio ahead (30 × 576,000 B), the reader fills that
    /// window and stops, so the bytes fetched are where the decoder reads plus 30 s, plus at most
    /// the rest of the last 1 MiB GET: 23 MB, not 4.1 GB. Measured: 22 GETs, 23,068,672 B.
    func testTheReadAheadWindowIsThirtySecondsOfAudioNotTheObject() throws {
        try TestRequirement.requireTime(2, for: "computes and serves 23 MB of a 4.1 GB WAV")
        let output = HoldingCapturingOutput(holdAfterBytes: Int(10 * Self.bytesPerSecond), keepsPCM: false)
        let (engine, opened) = try engine(output: output, readAheadSeconds: 30)
        engine.start()
        defer {
            engine.send(.stop)
            output.release()
            engine.waitUntilFinished()
        }
        XCTAssertTrue(output.waitUntilHolding(seconds: 30), "10 s of audio never reached the output")
        let source = try XCTUnwrap(opened.value)
        let window = 30 * Self.bytesPerSecond
        // size / duration × 30 s: the 44-byte header adds 0.18 B, dropped by the conversion.
        XCTAssertEqual(source.asked.value, [window], "the engine asks once, for 30 s of audio")

        let position = source.readPosition.value
        let deadline = Date(timeIntervalSinceNow: 20)
        while bytesFetched < position + window, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        XCTAssertGreaterThanOrEqual(bytesFetched, position + window,
                                    "the reader fills 30 s ahead of where the decoder reads (at \(position))")
        // Filled: nothing more may be asked for while the decoder does not move.
        Thread.sleep(forTimeInterval: 0.3)
        let fetched = bytesFetched
        XCTAssertLessThan(fetched, position + window + Self.reader.chunkBytes,
                          "the window and at most one GET's worth beyond it: \(getsText)")
        print("LongWAVTests: window: asked \(source.asked.value) B, read position \(position), "
              + "\(gets.count) GETs, \(fetched) B fetched (\(percentOfObject(fetched)) % of the object)")
    }

    // MARK: helpers

    /// An engine that plays the long WAV once into `output`; `source` is the track's byte source,
    /// once the engine has opened it.
    private func engine(output: HoldingCapturingOutput, readAheadSeconds: Double,
                        onTrackStarted: @escaping @Sendable () -> Void = {}) throws
        -> (engine: PlaybackEngine, source: LockedBox<ReadAheadRecordingSource?>) {
        let client = S3Client(settings: try SeaweedFS.settings(endpoint: standIn.endpoint),
                              transport: SeaweedFS.transport, sleep: { _ in })
        let opener = ByteSourceOpener(client: client)
        let opened = LockedBox<ReadAheadRecordingSource?>(nil)
        let track = PlaybackTrack(title: Self.location.description) { () throws(ByteSourceError) -> ByteSource in
            let source = ReadAheadRecordingSource(try opener.open(Self.location))
            opened.mutate { $0 = source }
            return source
        }
        let handed = LockedBox(false)
        var configuration = PlaybackEngine.Configuration()
        configuration.readAheadSeconds = readAheadSeconds
        let engine = PlaybackEngine(
            output: output, configuration: configuration, decoders: DecoderRegistry([WAVTrackDecoderFactory()]),
            nextTrack: {
                var first = false
                handed.mutate { first = !$0; $0 = true }
                return first ? track : nil
            },
            onEvent: { event in
                if case .trackStarted = event { onTrackStarted() }
            })
        return (engine, opened)
    }

    /// Before the start seek's byte, only what the reader fetches from its opening GET on before
    /// the engine has placed the seek: its default read-ahead (1.2 MB, GETs of 1 MiB from byte 0).
    /// After it, the bytes from the seek's byte to the end, once: at most one GET's worth beyond.
    private func assertNothingSkippedIsFetched(line: UInt = #line) {
        let seekByte = ComputedWAV.offset(ofFrame: Self.startFrame)
        let gets = self.gets
        XCTAssertEqual(gets.first.map(firstByte), 0, "the header is read first: \(getsText)", line: line)
        let beforeSeek = gets.filter { firstByte($0) < seekByte }
        XCTAssertEqual(beforeSeek.filter { firstByte($0) >= Self.reader.readAheadBytes }.count, 0,
                       "before the seek's byte only the opening read-ahead: \(getsText)", line: line)
        XCTAssertLessThanOrEqual(beforeSeek.reduce(0) { $0 + $1.bodyBytesSent },
                                 Self.reader.readAheadBytes + Self.reader.chunkBytes, getsText, line: line)
        XCTAssertEqual(gets.filter { firstByte($0) >= seekByte }.first.map(firstByte), seekByte,
                       "the reader moves to the seek's exact byte: \(getsText)", line: line)
        XCTAssertLessThanOrEqual(gets.filter { firstByte($0) >= seekByte }.reduce(0) { $0 + $1.bodyBytesSent },
                                 Self.wav.size - seekByte, "the last 5 s once: \(getsText)", line: line)
    }

    private var gets: [ComputedObjectS3StandIn.Request] { standIn.requests.filter { $0.method == "GET" } }
    private var bytesFetched: Int64 { gets.reduce(0) { $0 + $1.bodyBytesSent } }
    private var getsText: String { gets.map { "\($0.range ?? "whole"): \($0.bodyBytesSent) B" }.joined(separator: ", ") }

    private func percentOfObject(_ bytes: Int64) -> String {
        String(format: "%.3f", Double(bytes) / Double(Self.wav.size) * 100)
    }

    /// The first byte a GET asked for (0 for a whole-object GET).
    private func firstByte(_ request: ComputedObjectS3StandIn.Request) -> Int64 {
        guard let range = request.range, range.hasPrefix("bytes=") else { return 0 }
        return Int64(range.dropFirst("bytes=".count).prefix { $0 != "-" }) ?? 0
    }

    /// The samples of `frames` as the output gets them (S24_3LE, channels interleaved): WAV's
    /// data bytes for those frames, as the object holds them. `ComputedObjectS3StandInTests`
    /// checks their encoding against `ComputedWAV.sample` (frame 1, left) on its own.
    private func expectedPCM(frames: Range<Int64>) -> [UInt8] {
        Self.wav.bytes(at: ComputedWAV.offset(ofFrame: frames.lowerBound), count: frames.count * ComputedWAV.bytesPerFrame)
    }
}
