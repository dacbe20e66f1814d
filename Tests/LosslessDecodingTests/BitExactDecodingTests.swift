import FLACDecoding
import Foundation
import PCMFileDecoding
import PlaybackCore
import S3
import S3Streaming
import TestSupport
import XCTest

/// Every lossless decoder hands out exactly the reference decoder's PCM, in the source's own
/// depth, from a local file and from SeaweedFS through the ranged reader.
final class BitExactDecodingTests: XCTestCase {
    private func decoder(_ kind: LosslessTestFiles.Kind, over source: ByteSource) throws -> TrackDecoder {
        switch kind.fileExtension {
        case "flac": return try FLACTrackDecoderFactory().makeDecoder(reading: source)
        case "aiff": return try AIFFTrackDecoderFactory().makeDecoder(reading: source)
        default: return try WAVTrackDecoderFactory().makeDecoder(reading: source)
        }
    }

    private let expectedFormats: [LosslessTestFiles.Kind: PCMFormat] = [
        .wav16x44: PCMFormat(sampleRate: 44100, channels: 2, encoding: .signed16),
        .flac24x96: PCMFormat(sampleRate: 96000, channels: 2, encoding: .signed24Packed),
        .aiff24x48: PCMFormat(sampleRate: 48000, channels: 2, encoding: .signed24Packed),
        .wavFloat32: PCMFormat(sampleRate: 48000, channels: 2, encoding: .float32),
    ]

    func testEachFormatFromAFolderEqualsTheReferenceDecoderAtItsOwnDepth() throws {

        try TestRequirement.requireTime(4, for: "decodes every format in full in a debug build")
        for (kind, expectedFormat) in expectedFormats {
            let source = try localSource(kind)
            defer { source.close() }
            let decoder = try decoder(kind, over: source)
            defer { decoder.close() }
            let decoded = try decodeToEnd(decoder)
            let reference = try LosslessTestFiles.referencePCM(try LosslessTestFiles.url(kind))
            XCTAssertEqual(decoded.format, expectedFormat, "\(kind)")
            XCTAssertTrue(decoded.pcm == reference, "\(kind): \(firstDifference(decoded.pcm, reference))")
            XCTAssertEqual(decoder.lengthInSamples, Int64(reference.count / expectedFormat.bytesPerFrame), "\(kind)")
            XCTAssertTrue(decoder.lengthIsExact, "\(kind)")
        }
    }

    func testEachFormatFromSeaweedFSEqualsTheReferenceDecoderWithOneGETPerMebibyte() throws {
        let client = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(client)
        for kind in expectedFormats.keys {
            let file = try LosslessTestFiles.url(kind)
            let body = [UInt8](try Data(contentsOf: file))
            try client.putObject(bucket: bucket, key: file.lastPathComponent, body: body)
            let transport = RangeRecordingTransport(SeaweedFS.transport)
            let counted = S3Client(settings: try SeaweedFS.settings(), transport: transport, sleep: { _ in })
            let reader = RangedObjectReader(client: counted, bucket: bucket, key: file.lastPathComponent,
                                            configuration: .playback)
            defer { reader.close() }
            let decoder = try decoder(kind, over: reader)
            defer { decoder.close() }
            let decoded = try decodeToEnd(decoder)
            XCTAssertTrue(decoded.pcm == (try LosslessTestFiles.referencePCM(file)), "\(kind)")
            // Read in order, the file costs one GET per 1 MiB chunk and nothing twice.
            let chunks = (body.count + (1 << 20) - 1) >> 20
            XCTAssertEqual(transport.ranges.count, chunks, "\(kind): \(transport.ranges)")
        }
    }

    func testTwoFLACTracksCutFromOneTakeDecodeToTheTakesExactSamples() throws {
        var joined: [UInt8] = []
        for part in [LosslessTestFiles.Kind.takeFirstPart, .takeSecondPart] {
            let source = try localSource(part)
            defer { source.close() }
            let decoder = try FLACTrackDecoder(source: source)
            defer { decoder.close() }
            joined += try decodeToEnd(decoder).pcm
            if part == .takeFirstPart {
                XCTAssertEqual(decoder.lengthInSamples, Int64(LosslessTestFiles.takeCutSample))
            }
        }
        let take = try LosslessTestFiles.referencePCM(try LosslessTestFiles.url(.take))
        XCTAssertTrue(joined == take, firstDifference(joined, take))
    }
}
