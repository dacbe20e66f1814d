import Foundation
import TestSupport
import XCTest

/// Issue #14: "No resampling when the device takes the rate; when it does not, open through
/// ALSA's `plug` and say so once." Played by the real binary into a device that takes 48 kHz
/// only (`ALSAFixedRateDevice`, an ALSA I/O plugin built for the test), which records what
/// reached it.
final class RateFallbackPlayCommandTests: XCTestCase {
    private func device() throws -> ALSAFixedRateDevice {
        try TestRequirement.requireTool("sox")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("s3play-rate-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        return try ALSAFixedRateDevice.make(rate: 48_000, in: directory)
    }

    private func play(_ files: [URL], on device: ALSAFixedRateDevice) throws -> S3PlayProcess.Outcome {
        try S3PlayProcess.run(["play", "--output", "alsa:\(device.name)"] + files.map(\.path),
                              environment: ["ALSA_CONFIG_PATH": device.alsaConfigPath])
    }

    func testTwo44kSongsOnA48kDevicePlayThroughPlugConvertedWithOneNotice() throws {
        let device = try device()
        let songs = [try LosslessTestFiles.url(.wav16x44), try LosslessTestFiles.url(.take)]
        let outcome = try play(songs, on: device)
        XCTAssertEqual(outcome.status, 0, outcome.standardError)
        let notices = outcome.standardError.split(separator: "\n").filter { $0.contains("plug") }
        XCTAssertEqual(notices.count, 1, "said once, not again for the second 44.1 kHz song: \(outcome.standardError)")
        XCTAssertEqual(notices.first, "s3play: ALSA \(device.name) does not take 44100 Hz stereo as it is; "
                       + "playing through ALSA's plug, which converts it")

        // 16-bit stereo both sides (the device takes S16_LE): 4 bytes a frame.
        let sourceFrames = try songs.reduce(0) { $0 + (try LosslessTestFiles.referencePCM($1)).count / 4 }
        let played = device.playedPCM()
        XCTAssertEqual(played.count % 4, 0)
        let expected = Double(sourceFrames) * 48_000 / 44_100
        // Measured: exactly source × 48000/44100 with alsa-lib 1.2.8's built-in linear converter.
        // A converter plugin (libasound2-plugins' samplerate) works in periods and may cut or pad
        // the last one: 50 ms at 48 kHz (2400 frames) allows that and is far below the 8.8 % a
        // missing conversion would leave.
        XCTAssertEqual(Double(played.count / 4), expected, accuracy: 2_400,
                       "\(played.count / 4) frames reached the device for \(sourceFrames) at 44.1 kHz")
        // Converted, not silence: the level (RMS) is the source's within 1 dB.
        let sourceLevel = try rms(songs.flatMap { try LosslessTestFiles.referencePCM($0) })
        XCTAssertEqual(20 * log10(rms(played) / sourceLevel), 0, accuracy: 1)
    }

    func testA48kSongGoesStraightThroughBitExactWithoutANotice() throws {
        let device = try device()
        let song = try LosslessTestFiles.url(.aiff24x48)
        let outcome = try play([song], on: device)
        XCTAssertEqual(outcome.status, 0, outcome.standardError)
        XCTAssertFalse(outcome.standardError.contains("plug"), outcome.standardError)
        let reference = try LosslessTestFiles.referencePCM(song)
        let played = device.playedPCM()
        XCTAssertEqual(played.count, reference.count, "24-bit packed, as the file holds it")
        XCTAssertTrue(played == reference, "no conversion: the device got the file's samples")
    }

    /// Root mean square of little-endian S16 samples, in [0, 1].
    private func rms(_ pcm: [UInt8]) -> Double {
        var sum = 0.0
        var index = 0
        while index + 1 < pcm.count {
            let sample = Double(Int16(bitPattern: UInt16(pcm[index]) | UInt16(pcm[index + 1]) << 8)) / 32_768
            sum += sample * sample
            index += 2
        }
        return (sum / Double(max(1, pcm.count / 2))).squareRoot()
    }
}
