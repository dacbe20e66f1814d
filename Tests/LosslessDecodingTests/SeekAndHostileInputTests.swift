import FLACDecoding
import Foundation
import PCMFileDecoding
import PlaybackCore
import Storage
import S3
import S3Streaming
import TestSupport
import XCTest

/// Seeks land on the exact sample at a bounded cost in GETs; cut and lying files play what
/// they hold and say they were cut short; outages lose no sample.
final class SeekAndHostileInputTests: XCTestCase {
    /// Uploads `body` and opens a counted ranged reader over it.
    private func countedReader(_ body: [UInt8], key: String, bucketName: String = #function,
                               configuration: RangedObjectReaderConfiguration = .playback)
        throws -> (RangedObjectReader, RangeRecordingTransport) {
        let client = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(client, name: bucketName)
        try client.putObject(bucket: bucket, key: key, body: body)
        let transport = RangeRecordingTransport(SeaweedFS.transport)
        let counted = S3Client(settings: try SeaweedFS.settings(), transport: transport, sleep: { _ in })
        return (RangedObjectReader(client: counted, bucket: bucket, key: key, configuration: configuration), transport)
    }

    private func firstPCM(_ decoder: TrackDecoder) throws -> (format: PCMFormat?, pcm: [UInt8]) {
        var buffer = [UInt8](repeating: 0, count: 48 << 10)
        var format: PCMFormat?
        while true {
            switch try buffer.withUnsafeMutableBytes({ try decoder.read(into: $0) }) {
            case .newFormat(let new): format = new
            case .pcm(let bytes): return (format, Array(buffer[..<bytes]))
            case .done, .needMore: return (format, [])
            }
        }
    }

    func testFarFLACSeekOverSeaweedFSIsSampleExactAndCostsFewGETs() throws {
        let file = try LosslessTestFiles.url(.flac24x96)
        let body = [UInt8](try Data(contentsOf: file))
        let reference = try LosslessTestFiles.referencePCM(file)
        let (reader, transport) = try countedReader(body, key: "take.flac")
        defer { reader.close() }
        let decoder = try FLACTrackDecoder(source: reader)
        defer { decoder.close() }
        let start = try firstPCM(decoder)
        XCTAssertEqual(start.format?.encoding, .signed24Packed)
        let bytesPerFrame = 6
        let getsBeforeSeek = transport.ranges.count
        // 26.3 s in, past the last seek point (20 s) and between two FLAC blocks.
        let target: Int64 = 26 * 96000 + 28_817
        XCTAssertEqual(try decoder.seek(toSample: target), target)
        let afterSeek = try firstPCM(decoder)
        let expected = Array(reference[Int(target) * bytesPerFrame..<(Int(target) * bytesPerFrame + afterSeek.pcm.count)])
        XCTAssertFalse(afterSeek.pcm.isEmpty)
        XCTAssertTrue(afterSeek.pcm == expected, firstDifference(afterSeek.pcm, expected))
        // libFLAC jumps by the SEEKTABLE, then bisects inside the 10 s between seek points;
        // its probes fall inside the 1 MiB the first new GET fetches (measured: 1 GET,
        // "bytes=6771618-7820193"). 3 allows the bisection a path across a chunk boundary; a
        // decoder that read forward from the start would need 6 or more 1 MiB GETs.
        let seekGETs = transport.ranges.count - getsBeforeSeek
        XCTAssertLessThanOrEqual(seekGETs, 3, "\(transport.ranges)")
        XCTAssertGreaterThanOrEqual(seekGETs, 1)
    }

    func testWAVSeekIsArithmeticAndCostsOneGET() throws {
        let file = try LosslessTestFiles.url(.wavFloat32)
        let body = [UInt8](try Data(contentsOf: file))
        // Padded past the first chunk so the target is outside what the first GET fetched.
        let reference = try LosslessTestFiles.referencePCM(file)
        // Fetching only when a read finds nothing buffered: with read-ahead on, whether the
        // window's second GET has started when the count is taken is a race, not the seek's cost.
        var fetchOnDemand = RangedObjectReaderConfiguration.playback
        fetchOnDemand.readAheadBytes = 1
        let (reader, transport) = try countedReader(body, key: "float.wav", configuration: fetchOnDemand)
        defer { reader.close() }
        let decoder = try WAVTrackDecoderFactory().makeDecoder(reading: reader)
        defer { decoder.close() }
        _ = try firstPCM(decoder)
        let getsBeforeSeek = transport.ranges.count
        let target: Int64 = 4 * 48000 + 7
        XCTAssertEqual(try decoder.seek(toSample: target), target)
        let afterSeek = try firstPCM(decoder)
        let expected = Array(reference[Int(target) * 8..<(Int(target) * 8 + afterSeek.pcm.count)])
        XCTAssertTrue(afterSeek.pcm == expected, firstDifference(afterSeek.pcm, expected))
        XCTAssertEqual(transport.ranges.count - getsBeforeSeek, 1, "\(transport.ranges)")
        // Straight to the target's byte (after the header), not reading on from the first chunk.
        let seekRange = try XCTUnwrap(transport.ranges.last ?? nil)
        let start = try XCTUnwrap(Int(seekRange.dropFirst("bytes=".count).prefix { $0 != "-" }), seekRange)
        let headerBytes = body.count - reference.count
        XCTAssertGreaterThan(start, 1 << 20, seekRange)
        XCTAssertLessThanOrEqual(start, Int(target) * 8 + headerBytes, seekRange)
    }

    func testTruncatedFLACPlaysWhatItHoldsAndIsCountedShort() throws {
        let whole = try LosslessTestFiles.url(.takeFirstPart)
        let size = try Data(contentsOf: whole).count
        let cut = try LosslessTestFiles.truncated(.takeFirstPart, toBytes: size * 2 / 3)
        let (reader, _) = try countedReader(cut, key: "cut.flac")
        defer { reader.close() }
        let decoder = try FLACTrackDecoder(source: reader)
        defer { decoder.close() }
        let decoded = try decodeToEnd(decoder)
        let reference = try LosslessTestFiles.referencePCM(whole)
        let frames = decoded.pcm.count / 4
        XCTAssertTrue(decoder.lengthIsExact)
        XCTAssertEqual(decoder.lengthInSamples, Int64(LosslessTestFiles.takeCutSample))
        // Everything up to the cut frame plays, unchanged; the engine reports the rest missing.
        XCTAssertGreaterThan(frames, LosslessTestFiles.takeCutSample / 2)
        XCTAssertLessThan(frames, LosslessTestFiles.takeCutSample)
        XCTAssertTrue(decoded.pcm == Array(reference.prefix(decoded.pcm.count)))
    }

    func testWAVWhoseDataChunkClaimsMoreThanTheObjectHoldsPlaysWhatIsThere() throws {
        var body = [UInt8](try Data(contentsOf: try LosslessTestFiles.url(.wav16x44)))
        let reference = try LosslessTestFiles.referencePCM(try LosslessTestFiles.url(.wav16x44))
        let dataAt = try XCTUnwrap(body.indices.first { body[$0..<min($0 + 4, body.count)].elementsEqual(Array("data".utf8)) })
        let claimed = UInt32(reference.count * 3)
        for byte in 0..<4 { body[dataAt + 4 + byte] = UInt8(truncatingIfNeeded: claimed >> (8 * byte)) }
        let (reader, _) = try countedReader(body, key: "lying.wav")
        defer { reader.close() }
        let decoder = try WAVTrackDecoderFactory().makeDecoder(reading: reader)
        defer { decoder.close() }
        let decoded = try decodeToEnd(decoder)
        XCTAssertTrue(decoded.pcm == reference, firstDifference(decoded.pcm, reference))
        XCTAssertTrue(decoder.lengthIsExact)
        XCTAssertEqual(decoder.lengthInSamples, Int64(claimed / 4))
    }

    func testOutagesInTheMiddleOfAFLACLoseAndRepeatNoSample() throws {

        try TestRequirement.requireTime(4, for: "decodes a 24/96 FLAC in full in a debug build")
        let file = try LosslessTestFiles.url(.flac24x96)
        let local = try LocalFileSource(path: file.path)
        defer { local.close() }
        // Read 1 is the header; later ones fall inside frames (libFLAC reads 64 KiB at a time).
        let source = OutageSource(local, failingReads: [1, 5, 6, 40, 77])
        let decoder = try FLACTrackDecoder(source: source)
        defer { decoder.close() }
        let decoded = try decodeToEnd(decoder, patience: 10)
        XCTAssertEqual(source.outages, 5)
        let reference = try LosslessTestFiles.referencePCM(file)
        XCTAssertTrue(decoded.pcm == reference, firstDifference(decoded.pcm, reference))
    }

    func testOutagesDuringAFLACSeekAreRetriedByTheNextRead() throws {

        try TestRequirement.requireTime(2, for: "decodes a 24/96 FLAC in a debug build")
        let file = try LosslessTestFiles.url(.flac24x96)
        let local = try LocalFileSource(path: file.path)
        defer { local.close() }
        let source = OutageSource(local, failingReads: [4, 5])
        let decoder = try FLACTrackDecoder(source: source)
        defer { decoder.close() }
        _ = try firstPCM(decoder)
        let target: Int64 = 17 * 96000 + 5
        XCTAssertEqual(try decoder.seek(toSample: target), target)
        let decoded = try decodeToEnd(decoder, patience: 10)
        XCTAssertEqual(source.outages, 2)
        let reference = try LosslessTestFiles.referencePCM(file)
        XCTAssertTrue(decoded.pcm == Array(reference[(Int(target) * 6)...]))
    }

    func testOutagesInTheMiddleOfAnAIFFLoseAndRepeatNoSample() throws {
        let file = try LosslessTestFiles.url(.aiff24x48)
        let local = try LocalFileSource(path: file.path)
        defer { local.close() }
        let source = OutageSource(local, failingReads: [1, 3, 9, 10])
        let decoder = try AIFFTrackDecoderFactory().makeDecoder(reading: source)
        defer { decoder.close() }
        // A buffer of an odd size: reads end in the middle of frames.
        let decoded = try decodeToEnd(decoder, patience: 10, bufferBytes: 10_007)
        XCTAssertEqual(source.outages, 4)
        let reference = try LosslessTestFiles.referencePCM(file)
        XCTAssertTrue(decoded.pcm == reference, firstDifference(decoded.pcm, reference))
    }

    func testFilesThatAreNotTheirFormatSayWhatTheyAre() throws {
        let mp3 = try LocalFileSource(path: try TestAudioFiles.url(.cbr320).path)
        defer { mp3.close() }
        XCTAssertThrowsError(try decodeToEnd(try FLACTrackDecoder(source: mp3))) { error in
            XCTAssertEqual("\(error)", "\(mp3.displayName) could not be decoded: it is not a FLAC file (no STREAMINFO found)")
        }
        mp3.seek(to: 0)
        XCTAssertThrowsError(try decodeToEnd(try WAVTrackDecoderFactory().makeDecoder(reading: mp3))) { error in
            XCTAssertEqual("\(error)", "\(mp3.displayName) could not be decoded: it is not a WAV file")
        }
    }
}
