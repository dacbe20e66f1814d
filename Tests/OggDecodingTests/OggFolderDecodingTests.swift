import Foundation
import OggDecoding
import PlaybackCore
import Storage
import XCTest

/// Vorbis and Opus decoded from local files, compared with `oggdec` and `opusdec --no-dither`.
final class OggFolderDecodingTests: XCTestCase {
    private func decoder(_ kind: OggFixtures.Kind) throws -> (TrackDecoder, LocalFileSource) {
        let source = try LocalFileSource(path: try OggFixtures.url(kind).path)
        let factory: TrackDecoderFactory = kind.rawValue.hasSuffix(".opus") ? OpusDecoderFactory() : VorbisDecoderFactory()
        return (try factory.makeDecoder(reading: source), source)
    }

    func testVorbisEqualsOggdecBitForBitWithItsExactLength() throws {
        let (decoder, source) = try decoder(.vorbis)
        defer { decoder.close(); source.close() }
        let track = try decodeToEnd(decoder, bufferBytes: 4_099)
        XCTAssertEqual(track.formats.map(\.format), [PCMFormat(sampleRate: 44_100, channels: 2, encoding: .signed16)])
        XCTAssertPCMWithin(track.pcm, try OggFixtures.referencePCM(.vorbis), tolerance: OggFixtures.vorbisTolerance, "vs oggdec")
        XCTAssertEqual(decoder.lengthInSamples, 20 * 44_100)
        XCTAssertTrue(decoder.lengthIsExact)
        XCTAssertEqual(track.pcm.count, 20 * 44_100 * 4)
    }

    /// 20 s at 48 kHz is 960 000 samples exactly: opusenc's pre-skip (312 samples) and the
    /// padding of the last packet are cut, as RFC 7845 §4.2 and §4.4 say.
    func testOpusIsWithinToleranceOfOpusdecWithPreSkipAndEndTrimmingHonoured() throws {
        let (decoder, source) = try decoder(.opus)
        defer { decoder.close(); source.close() }
        let track = try decodeToEnd(decoder)
        XCTAssertEqual(track.formats.map(\.format), [PCMFormat(sampleRate: 48_000, channels: 2, encoding: .signed16)])
        let reference = try OggFixtures.referencePCM(.opus)
        XCTAssertPCMWithin(track.pcm, reference, tolerance: OggFixtures.opusTolerance, "vs opusdec --no-dither")
        XCTAssertEqual(decoder.lengthInSamples, 960_000)
        XCTAssertEqual(track.pcm.count, 960_000 * 4)
        print("Opus vs opusdec --no-dither: largest sample difference \(maxSampleDifference(track.pcm, reference) ?? -1)")
    }

    func testAChainedVorbisReportsEachLinksFormatBeforeItsPCM() throws {
        let (decoder, source) = try decoder(.chainedVorbis)
        defer { decoder.close(); source.close() }
        let track = try decodeToEnd(decoder)
        XCTAssertEqual(track.formats.map(\.offset), [0, 3 * 44_100 * 4])
        XCTAssertEqual(track.formats.map(\.format), [PCMFormat(sampleRate: 44_100, channels: 2),
                                                     PCMFormat(sampleRate: 22_050, channels: 1)])
        XCTAssertPCMWithin(track.pcm, try OggFixtures.referencePCM(.chainedVorbis), tolerance: 0, "vs oggdec per link")
        XCTAssertEqual(decoder.lengthInSamples, 3 * 44_100 + 2 * 22_050)
    }

    func testAChainedOpusReportsTheChannelChangeBeforeTheMonoLink() throws {
        let (decoder, source) = try decoder(.chainedOpus)
        defer { decoder.close(); source.close() }
        let track = try decodeToEnd(decoder)
        XCTAssertEqual(track.formats.map(\.offset), [0, 3 * 48_000 * 4])
        XCTAssertEqual(track.formats.map(\.format), [PCMFormat(sampleRate: 48_000, channels: 2),
                                                     PCMFormat(sampleRate: 48_000, channels: 1)])
        XCTAssertPCMWithin(track.pcm, try OggFixtures.referencePCM(.chainedOpus), tolerance: OggFixtures.opusTolerance,
                           "vs opusdec per link")
        XCTAssertEqual(decoder.lengthInSamples, 5 * 48_000)
    }

    func testAVorbisSeekIsSampleExact() throws {
        let (decoder, source) = try decoder(.vorbis)
        defer { decoder.close(); source.close() }
        let target: Int64 = 330_751   // 7.5 s and one sample: not on a packet boundary
        XCTAssertEqual(try decoder.seek(toSample: target), target)
        let track = try decodeToEnd(decoder)
        let reference = try OggFixtures.referencePCM(.vorbis)
        XCTAssertPCMWithin(track.pcm, Array(reference[(Int(target) * 4)...]), tolerance: 0, "from the seek target")
    }

    func testAnOpusSeekLandsOnTheExactSample() throws {
        let (decoder, source) = try decoder(.opus)
        defer { decoder.close(); source.close() }
        _ = try decodeToEnd(decoder)   // to the end, then back
        let target: Int64 = 480_017
        XCTAssertEqual(try decoder.seek(toSample: target), target)
        let track = try decodeToEnd(decoder)
        let reference = try OggFixtures.referencePCM(.opus)
        XCTAssertEqual(track.pcm.count, reference.count - Int(target) * 4, "the rest of the track, to the sample")
        XCTAssertOpusAfterSeek(track.pcm, reference, target: target)
    }

    func testASeekToOrPastTheEndEndsTheTrackAndASeekBackPlaysAgain() throws {
        for kind in [OggFixtures.Kind.vorbis, .opus] {
            let (decoder, source) = try decoder(kind)
            defer { decoder.close(); source.close() }
            let length = try XCTUnwrap(try decoder.seek(toSample: 0) == 0 ? decoder.lengthInSamples : nil)
            XCTAssertEqual(try decoder.seek(toSample: length), length, "\(kind)")
            XCTAssertEqual(try decodeToEnd(decoder).pcm.count, 0, "\(kind)")
            XCTAssertEqual(try decoder.seek(toSample: length + 1_000), length, "\(kind)")
            XCTAssertEqual(try decodeToEnd(decoder).pcm.count, 0, "\(kind)")
            XCTAssertEqual(try decoder.seek(toSample: length - 100), length - 100, "\(kind)")
            XCTAssertEqual(try decodeToEnd(decoder).pcm.count, 100 * 4, "\(kind): the last 100 samples")
        }
    }

    /// Two tracks cut from one recording: each decodes to exactly its own length, with no
    /// pre-skip or padding left over, so played in a row they add no silence.
    func testTracksCutFromOneRecordingDecodeToTheirExactLengths() throws {
        for (first, second, rate) in [(OggFixtures.Kind.firstHalfOpus, OggFixtures.Kind.secondHalfOpus, 48_000),
                                      (.firstHalfVorbis, .secondHalfVorbis, 48_000)] {
            let (one, oneSource) = try decoder(first)
            let (two, twoSource) = try decoder(second)
            defer { one.close(); two.close(); oneSource.close(); twoSource.close() }
            let pcm = try decodeToEnd(one).pcm + decodeToEnd(two).pcm
            XCTAssertEqual(pcm.count, 10 * rate * 4, "\(first) + \(second)")
            let tolerance = first == .firstHalfOpus ? OggFixtures.opusTolerance : 0
            XCTAssertPCMWithin(pcm, try OggFixtures.referencePCM(first) + OggFixtures.referencePCM(second),
                               tolerance: tolerance, "\(first) + \(second)")
        }
    }

    func testAFileThatIsNotOggSaysSoInOneLine() throws {
        let junk = FileManager.default.temporaryDirectory.appendingPathComponent("not-ogg-\(getpid()).ogg")
        try Data(repeating: 0x41, count: 10_000).write(to: junk)
        defer { try? FileManager.default.removeItem(at: junk) }
        let source = try LocalFileSource(path: junk.path)
        defer { source.close() }
        let decoder = try VorbisDecoderFactory().makeDecoder(reading: source)
        XCTAssertThrowsError(try decodeToEnd(decoder)) { error in
            let line = (error as? PlaybackError)?.description ?? ""
            XCTAssertTrue(line.contains("is not Ogg Vorbis"), line)
            XCTAssertFalse(line.contains("\n"))
        }
    }

    func testTheFactoriesTellVorbisFromOpusByTheFirstPacket() throws {
        let vorbis = Array(try OggFixtures.bytes(.vorbis).prefix(64)), opus = Array(try OggFixtures.bytes(.opus).prefix(64))
        XCTAssertTrue(VorbisDecoderFactory().recognizes(head: vorbis))
        XCTAssertFalse(VorbisDecoderFactory().recognizes(head: opus))
        XCTAssertTrue(OpusDecoderFactory().recognizes(head: opus))
        XCTAssertFalse(OpusDecoderFactory().recognizes(head: vorbis))
        XCTAssertFalse(OpusDecoderFactory().recognizes(head: Array(opus.prefix(12))), "too short to tell")
    }
}
