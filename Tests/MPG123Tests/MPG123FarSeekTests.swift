import Foundation
import MPG123
import TestAssertions
import TestSupport
import XCTest

/// Seeks far past the parsed frames, where the player jumps with one new range instead of
/// reading every byte in between: frame-exact in CBR streams (the index extended by
/// arithmetic), within a measured bound by the Xing TOC in VBR streams.
final class MPG123FarSeekTests: XCTestCase {
    private let sampleRate: Int64 = 44100
    private let bytesPerFrame = 4

    private func decoderPastTheStart(_ kind: TestAudioFiles.Kind) throws -> (FeedingDecoder, [UInt8]) {
        try FeedingDecoder.pastTheStart(of: kind)
    }

    /// Seeks to `target` after extending the index, then checks the PCM against
    /// `mpg123 -k FRAME` from the target's frame, sample for sample.
    private func assertFarSeekIsExact(_ kind: TestAudioFiles.Kind, toSample target: Int64,
                                      file: StaticString = #filePath, line: UInt = #line) throws {
        var (feeding, bytes) = try decoderPastTheStart(kind)
        let decoder = feeding.decoder
        XCTAssertTrue(decoder.extendIndexByConstantBitrate(fileSize: Int64(bytes.count)), file: file, line: line)
        let seek = try XCTUnwrap(try decoder.seek(toSample: target), file: file, line: line)
        XCTAssertEqual(seek.sample, target, file: file, line: line)
        XCTAssertTrue(decoder.positionsAreAccurate, file: file, line: line)
        let length = try XCTUnwrap(decoder.lengthInSamples)
        // One jump to (a few frames before) the target, not a read from the parsed frames on.
        let share = Double(seek.inputOffset) / Double(bytes.count), wanted = Double(target) / Double(length)
        XCTAssertEqual(share, wanted, accuracy: 0.01, "jumped near the target", file: file, line: line)
        try feeding.feed(bytes, from: Int(seek.inputOffset))

        let decodedSample = target + Int64(try XCTUnwrap(decoder.gaplessTrim).leadingSamples)
        let frame = decodedSample / 1152
        let reference = try TestAudioFiles.referencePCM(TestAudioFiles.url(kind), startFrame: Int(frame))
        let samplesIntoFrame = Int(decodedSample - frame * 1152)
        XCTAssertSamePCM(feeding.pcm, Array(reference.dropFirst(samplesIntoFrame * bytesPerFrame)),
                         "after a far seek to sample \(target)", file: file, line: line)
    }

    func testFarSeeksInA128kCBRStreamLandOnTheExactSample() throws {
        try assertFarSeekIsExact(.fiveMinutes, toSample: 150 * sampleRate + 777)
        try assertFarSeekIsExact(.fiveMinutes, toSample: 299 * sampleRate)
        // The first sample of a frame (frame 9000, before the 1105 trimmed samples).
        try assertFarSeekIsExact(.fiveMinutes, toSample: 9000 * 1152 - 1105)
    }

    func testFarSeekInA320kCBRStreamLandsOnTheExactSample() throws {
        try assertFarSeekIsExact(.cbr320, toSample: 17 * sampleRate + 5)
    }

    func testTheConstantBitrateIndexIsRefusedForAVBRStream() throws {
        let (feeding, bytes) = try decoderPastTheStart(.vbrLAME)
        XCTAssertFalse(feeding.decoder.extendIndexByConstantBitrate(fileSize: Int64(bytes.count)))
    }

    /// A VBR stream has no computable frame offsets: the guess jumps by the LAME TOC (byte
    /// offsets of each whole percent of the duration, rounded down to 1/256 of the file) and
    /// counts frames from that percent. The frame found at the rounded-down offset is up to
    /// 1/256 of the file earlier than the count says; the PCM then runs that far behind the
    /// reported position. Measured here on 300 s at -V 2: at most `bound` samples (see
    /// docs/performance.md, "Seek accuracy").
    func testFarSeekInAVBRStreamLandsWithinTheTOCsRoundingOfTheTarget() throws {
        let reference = try TestAudioFiles.referencePCM(TestAudioFiles.url(.fiveMinutesVBR))
        let bound = Int64(sampleRate) * 300 / 256 + 1152
        for seconds: Int64 in [60, 150, 240] {
            var (feeding, bytes) = try decoderPastTheStart(.fiveMinutesVBR)
            let decoder = feeding.decoder
            XCTAssertFalse(decoder.extendIndexByConstantBitrate(fileSize: Int64(bytes.count)))
            let target = seconds * sampleRate
            let seek = try XCTUnwrap(try decoder.seek(toSample: target, guessing: true))
            XCTAssertGreaterThan(seek.inputOffset, 1 << 16, "a jump, not a read through the middle")
            try feeding.feed(bytes, from: Int(seek.inputOffset), finish: false)
            let actual = try XCTUnwrap(Self.position(of: feeding.pcm, in: reference, near: seek.sample,
                                                     within: 4 * sampleRate, bytesPerFrame: bytesPerFrame),
                                       "the PCM after the seek is found in the full decode")
            print("far seek to \(seconds) s (VBR): reported \(seek.sample - target) samples from the target, "
                  + "played from \(actual - target)")
            XCTAssertEqual(Double(seek.sample), Double(target), accuracy: 1152, "the TOC gives the whole-percent frame")
            XCTAssertEqual(Double(actual), Double(seek.sample), accuracy: Double(bound), "within the TOC's rounding")
        }
    }

    /// The sample offset in `reference` where `pcm` (from its second frame on, clear of any
    /// start-up effect) begins, searched `within` samples either side of `near`.
    static func position(of pcm: [UInt8], in reference: [UInt8], near: Int64, within: Int64,
                         bytesPerFrame: Int) -> Int64? {
        let skip = 2 * 1152, probe = 64
        guard pcm.count >= (skip + probe) * bytesPerFrame else { return nil }
        let needle = Array(pcm[(skip * bytesPerFrame)..<((skip + probe) * bytesPerFrame)])
        let total = reference.count / bytesPerFrame
        let low = max(0, Int(near - within) + skip), high = min(total - probe, Int(near + within) + skip)
        guard low <= high else { return nil }
        return reference.withUnsafeBytes { haystack -> Int64? in
            needle.withUnsafeBytes { probeBytes -> Int64? in
                for sample in low...high
                where memcmp(haystack.baseAddress! + sample * bytesPerFrame, probeBytes.baseAddress!, needle.count) == 0 {
                    return Int64(sample - skip)
                }
                return nil
            }
        }
    }
}
