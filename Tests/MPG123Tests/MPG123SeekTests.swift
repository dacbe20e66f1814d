import Foundation
import MPG123
import TestAssertions
import TestSupport
import XCTest

/// Seeking in feed mode on the 300 s CBR 128 kbps fixture (MPEG-1 layer III: 1152 samples a
/// frame), against `mpg123 -k FRAMES`, which starts its output at the first sample of MPEG
/// frame FRAMES, counted before the gapless trim.
final class MPG123SeekTests: XCTestCase {
    private let sampleRate: Int64 = 44100
    private let bytesPerFrame = 4

    private func decoderPastTheStart() throws -> (FeedingDecoder, [UInt8]) {
        try FeedingDecoder.pastTheStart(of: .fiveMinutes)
    }

    func testSeekBeforeTheFirstFrameIsParsedAsksForData() throws {
        XCTAssertNil(try MPG123Decoder().seek(toSample: 1000))
    }

    func testSeekToSixtySecondsStartsAtThatSampleOfMpg123sOutputFromItsFrame() throws {
        var (feeding, file) = try decoderPastTheStart()
        let decoder = feeding.decoder
        let target = 60 * sampleRate
        let seek = try XCTUnwrap(try decoder.seek(toSample: target))
        XCTAssertEqual(seek.sample, target)
        // Beyond the parsed frames (and without guessing) libmpg123 keeps reading where the
        // input is and skips frames up to the target.
        XCTAssertEqual(seek.inputOffset, 1 << 16)
        XCTAssertTrue(decoder.positionsAreAccurate)
        try feeding.feed(file, from: Int(seek.inputOffset))

        // Output sample n is decoded sample n + leadingSamples (LAME delay 576 + decoder delay 529).
        let trim = try XCTUnwrap(decoder.gaplessTrim)
        XCTAssertEqual(trim.leadingSamples, 1105)
        let decodedSample = target + Int64(trim.leadingSamples)
        let frame = decodedSample / 1152
        let reference = try TestAudioFiles.referencePCM(TestAudioFiles.url(.fiveMinutes), startFrame: Int(frame))
        let samplesIntoFrame = Int(decodedSample - frame * 1152)
        XCTAssertEqual(frame, 2297)
        XCTAssertSamePCM(feeding.pcm, Array(reference.dropFirst(samplesIntoFrame * bytesPerFrame)))
        XCTAssertEqual(decoder.currentSample, decoder.lengthInSamples)
    }

    func testSeekToTheFirstSampleOfAFrameGivesExactlyMpg123sOutputFromThatFrame() throws {
        var (feeding, file) = try decoderPastTheStart()
        let decoder = feeding.decoder
        let frame: Int64 = 2297
        let target = frame * 1152 - Int64(try XCTUnwrap(decoder.gaplessTrim).leadingSamples)
        let seek = try XCTUnwrap(try decoder.seek(toSample: target))
        XCTAssertEqual(seek.sample, target)
        try feeding.feed(file, from: Int(seek.inputOffset))
        XCTAssertSamePCM(feeding.pcm,
                         try TestAudioFiles.referencePCM(TestAudioFiles.url(.fiveMinutes), startFrame: Int(frame)))
    }

    func testSeekBackIntoParsedFramesUsesTheIndexAndMatchesTheFullDecode() throws {
        let file = try Fixture.bytes(.fiveMinutes)
        var feeding = try Fixture.decode(file)
        let decoder = feeding.decoder
        let target = 250 * sampleRate + 123
        let seek = try XCTUnwrap(try decoder.seek(toSample: target))
        XCTAssertEqual(seek.sample, target)
        XCTAssertGreaterThan(seek.inputOffset, Int64(file.count) * 8 / 10, "straight to an indexed frame")
        XCTAssertTrue(decoder.positionsAreAccurate)
        feeding.discardPCM()
        try feeding.feed(file, from: Int(seek.inputOffset))
        let full = try TestAudioFiles.referencePCM(TestAudioFiles.url(.fiveMinutes))
        XCTAssertSamePCM(feeding.pcm, Array(full.dropFirst(Int(target) * bytesPerFrame)))
    }

    /// The LAME TOC gives the byte position, in 1/256 of the file, of each whole percent of the
    /// duration. libmpg123 jumps to the entry at or before the target and counts frames from
    /// that percent; the rounding of the entry makes the count wrong by up to 1/256 of the
    /// duration (here 20 frames, 0.5 s; at most 1.2 s), while positions are reported as exact.
    func testGuessingSeekJumpsByTheXingTOCAndSaysPositionsAreNotAccurate() throws {
        var (feeding, file) = try decoderPastTheStart()
        let decoder = feeding.decoder
        let target = 150 * sampleRate
        let seek = try XCTUnwrap(try decoder.seek(toSample: target, guessing: true))
        XCTAssertEqual(Double(seek.inputOffset), Double(file.count) / 2,
                       accuracy: Double(file.count) / 100 + Double(file.count) / 256)
        XCTAssertGreaterThan(seek.inputOffset, 1 << 16, "a jump, not a read through the middle")
        XCTAssertEqual(Double(seek.sample), Double(target), accuracy: 1152)
        XCTAssertFalse(decoder.positionsAreAccurate)
        try feeding.feed(file, from: Int(seek.inputOffset))
        let length = try XCTUnwrap(decoder.lengthInSamples)
        XCTAssertEqual(Double(feeding.pcm.count / bytesPerFrame), Double(length - seek.sample),
                       accuracy: Double(length) / 256 + 1152)
    }
}
