import Foundation
import MPG123
import TestAssertions
import TestSupport
import XCTest

/// Whole-file decoding through the feed API against the reference decoder, byte for byte.
final class MPG123DecodeTests: XCTestCase {
    /// The fixtures the player must decode exactly, with the format they must come out in.
    private let decodable: [(kind: TestAudioFiles.Kind, format: MPG123Decoder.Format)] = [
        (.cbr320, .init(sampleRate: 44100, channels: 2)),
        (.vbrLAME, .init(sampleRate: 44100, channels: 2)),
        (.mono22k, .init(sampleRate: 22050, channels: 1)),
        (.mpeg25_8k, .init(sampleRate: 8000, channels: 2)),
        (.bigPicture, .init(sampleRate: 44100, channels: 2)),
    ]

    func testEachFixtureFedIn64KiBPiecesDecodesToTheReferencePCMInItsOwnFormat() throws {
        for (kind, format) in decodable {
            let decoded = try Fixture.decode(kind)
            let reference = try TestAudioFiles.referencePCM(TestAudioFiles.url(kind))
            XCTAssertFalse(reference.isEmpty, "\(kind)")
            XCTAssertSamePCM(decoded.pcm, reference, "for \(kind)")
            XCTAssertEqual(decoded.formats, [format], "\(kind)")
            XCTAssertEqual(decoded.decoder.format, format, "\(kind)")
        }
    }

    func testOneBytePiecesForTheFirst10KiBThen7777ByteOnesGiveTheSameBytes() throws {
        for (kind, _) in decodable {
            let decoded = try Fixture.decode(kind) { offset in offset < 10 * 1024 ? 1 : 7_777 }
            XCTAssertSamePCM(decoded.pcm, try TestAudioFiles.referencePCM(TestAudioFiles.url(kind)),
                             "for \(kind)")
        }
    }

    func testLengthInSamplesFromTheLAMEInfoFrameMatchesTheDecodedPCM() throws {
        for (kind, format) in decodable {
            let decoded = try Fixture.decode(kind)
            let length = try XCTUnwrap(decoded.decoder.lengthInSamples, "\(kind)")
            XCTAssertEqual(Int(length) * format.bytesPerFrame, decoded.pcm.count, "\(kind)")
            XCTAssertNotNil(decoded.decoder.gaplessTrim, "\(kind) has a LAME Info frame")
        }
    }

    func testFrameInfoReportsVersionLayerRateBitrateModeAndChannelMode() throws {
        let cbr = try XCTUnwrap(try Fixture.decode(.cbr320).decoder.frameInfo)
        XCTAssertEqual(cbr.version, .mpeg1)
        XCTAssertEqual(cbr.layer, 3)
        XCTAssertEqual(cbr.sampleRate, 44100)
        XCTAssertEqual(cbr.bitrateKbps, 320)
        XCTAssertEqual(cbr.bitrateMode, .constant)
        XCTAssertEqual(cbr.samplesPerFrame, 1152)
        XCTAssertNotEqual(cbr.channelMode, .mono)

        let vbr = try XCTUnwrap(try Fixture.decode(.vbrLAME).decoder.frameInfo)
        XCTAssertEqual(vbr.bitrateMode, .variable)

        let mono = try XCTUnwrap(try Fixture.decode(.mono22k).decoder.frameInfo)
        XCTAssertEqual(mono.version, .mpeg2)
        XCTAssertEqual(mono.channelMode, .mono)
        XCTAssertEqual(mono.samplesPerFrame, 576)

        let low = try XCTUnwrap(try Fixture.decode(.mpeg25_8k).decoder.frameInfo)
        XCTAssertEqual(low.version, .mpeg25)
        XCTAssertEqual(low.sampleRate, 8000)
        XCTAssertEqual(low.bitrateKbps, 32)
    }

    /// Two files back to back ("Frankenstein" stream): the PCM of the first format comes out
    /// before the second format is announced, and the bytes match mpg123's.
    func testAFormatChangeMidStreamIsAnnouncedAfterThePCMOfTheOldFormat() throws {
        let joined = try Fixture.bytes(.cbr320) + Fixture.bytes(.mono22k)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("s3play-joined-\(getpid()).mp3")
        try Data(joined).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }

        let decoded = try Fixture.decode(joined)
        XCTAssertEqual(decoded.formats, [.init(sampleRate: 44100, channels: 2), .init(sampleRate: 22050, channels: 1)])
        XCTAssertSamePCM(decoded.pcm, try TestAudioFiles.referencePCM(url))
        // The first file's 20 s of stereo (without its end trim: the Info frame's count no
        // longer holds) come before the mono format is announced.
        let stereoBytes = 20 * 44100 * 4
        XCTAssertEqual(decoded.formatOffsets.first, 0)
        XCTAssertEqual(Double(decoded.formatOffsets.last ?? 0), Double(stereoBytes), accuracy: 2 * 1152 * 4)
    }

    func testTruncatedFileDecodesToAPrefixOfTheFullDecode() throws {
        let decoded = try Fixture.decode(.truncated)
        let full = try TestAudioFiles.referencePCM(TestAudioFiles.url(.cbr320))
        XCTAssertGreaterThan(decoded.pcm.count, full.count / 2)
        XCTAssertLessThan(decoded.pcm.count, full.count * 6 / 10)
        XCTAssertSamePCM(decoded.pcm, Array(full.prefix(decoded.pcm.count)))
    }

    func testDamageOverAFrameHeaderIsSkippedByResyncAsTheReferenceDecoderDoes() throws {
        // 32 kbps at 8 kHz: 288-byte frames, so the next header is within the 1024-byte resync limit.
        let damaged = try damage(.mpeg25_8k, bytes: 200)
        defer { try? FileManager.default.removeItem(at: damaged.url) }

        let decoded = try Fixture.decode(damaged.file)
        let full = try TestAudioFiles.referencePCM(TestAudioFiles.url(.mpeg25_8k))
        XCTAssertLessThan(decoded.pcm.count, full.count, "the damaged frames are dropped")
        XCTAssertGreaterThan(decoded.pcm.count, full.count * 9 / 10)
        XCTAssertSamePCM(decoded.pcm, try TestAudioFiles.referencePCM(damaged.url))
    }

    func testDamageLongerThanTheResyncLimitThrowsCorruptStreamAfterThePCMBeforeIt() throws {
        for kind in [TestAudioFiles.Kind.mpeg25_8k, .cbr320] {
            let count = 3000
            let damaged = try damage(kind, bytes: count)
            defer { try? FileManager.default.removeItem(at: damaged.url) }

            var feeding = FeedingDecoder(try MPG123Decoder())
            XCTAssertThrowsError(try feeding.feed(damaged.file)) { error in
                XCTAssertEqual((error as? MPG123Error)?.kind, .corruptStream, "\(kind): \(error)")
            }
            // mpg123 gives up at the same place ("Giving up resync after 1024 bytes") and stops.
            let reference = try TestAudioFiles.referencePCM(damaged.url)
            XCTAssertGreaterThan(reference.count, 0)
            XCTAssertSamePCM(feeding.pcm, reference, "for \(kind)")
        }
    }

    /// The default resync limit (1024 bytes) is less than one 320 kbps frame (1044 bytes), so
    /// there a damaged header can end the stream unless a false sync in the damaged frame's
    /// body happens to lead on. With a larger limit the damage is skipped.
    func testALargerResyncLimitSkipsDamageAcrossA320kbpsHeaderAsMpg123WithTheSameLimitDoes() throws {
        let damaged = try damage(.cbr320, bytes: 2000)
        defer { try? FileManager.default.removeItem(at: damaged.url) }

        let decoded = try Fixture.decode(damaged.file, decoder: MPG123Decoder(resyncLimit: 4096))
        let reference = try TestAudioFiles.referencePCM(damaged.url, arguments: ["--resync-limit", "4096"])
        XCTAssertGreaterThan(reference.count, 3_528_000 * 9 / 10)
        XCTAssertLessThan(reference.count, 3_528_000, "the damaged frames are dropped")
        XCTAssertSamePCM(decoded.pcm, reference)
    }

    /// The fixture with `bytes` bytes of a pattern that holds no frame sync (all below 0x60),
    /// from 100 bytes before the first frame header after 40 % of the file. A header is a
    /// match of the first audio frame's first 22 bits (sync, version, layer, CRC, bitrate, rate).
    private func damage(_ kind: TestAudioFiles.Kind, bytes count: Int) throws -> (file: [UInt8], url: URL) {
        var file = try Fixture.bytes(kind)
        let first = try XCTUnwrap(file.indices.first { file[$0] == 0xFF && file[$0 + 1] & 0xE0 == 0xE0 })
        let signature = [file[first], file[first + 1], file[first + 2] & 0xFC]
        var header = file.count * 4 / 10
        while [file[header], file[header + 1], file[header + 2] & 0xFC] != signature { header += 1 }
        for index in (header - 100)..<(header - 100 + count) { file[index] = UInt8(index % 0x60) }
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("s3play-damaged-\(kind)-\(count)-\(getpid()).mp3")
        try Data(file).write(to: url)
        return (file, url)
    }
}
