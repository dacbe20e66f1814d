import ALSA
import XCTest

/// Against ALSA's real file plugin over `null` (see ALSATestSupport): the raw output file holds
/// exactly the bytes the device was given, so every test compares PCM byte for byte.
final class ALSAPlaybackDeviceTests: XCTestCase {
    private let latency = 200_000
    /// 3 s at 44.1 kHz stereo: 132 300 frames, 529 200 bytes.
    private let threeSeconds = 3 * 44_100

    private func write(_ device: ALSAPlaybackDevice, _ bytes: ArraySlice<UInt8>) throws {
        try bytes.withUnsafeBytes { try device.write($0) }
    }

    func testThreeSecondsWrittenAtOnceReachTheFileByteIdentical() throws {
        let out = routeNextALSAOpen(toFileNamed: "whole")
        let pcm = ALSATestSupport.countingPattern(frames: threeSeconds, channels: 2)
        do {
            let device = try ALSAPlaybackDevice()
            try device.configure(sampleRate: 44_100, channels: 2, latencyMicroseconds: latency)
            XCTAssertEqual(device.bytesPerFrame, 4)
            try write(device, pcm[...])
        }
        try assertFile(out, equals: pcm)
    }

    func testWritesOfOddSizesNotMultiplesOfThePeriodReachTheFileUnchanged() throws {
        let out = routeNextALSAOpen(toFileNamed: "odd")
        let pcm = ALSATestSupport.countingPattern(frames: threeSeconds, channels: 2)
        // The period is 2205 frames at 44.1 kHz and 200 ms; none of these is a multiple of it.
        let frameCounts = [12_347, 1, 2_204, 9_001]
        do {
            let device = try ALSAPlaybackDevice(name: "s3play_test")
            try device.configure(sampleRate: 44_100, channels: 2, latencyMicroseconds: latency)
            var offset = 0
            for frames in frameCounts {
                try write(device, pcm[offset..<(offset + frames * 4)])
                offset += frames * 4
            }
            try write(device, pcm[offset...])
        }
        try assertFile(out, equals: pcm)
    }

    func testPauseAndResumeMidStreamLoseAndRepeatNoSamples() throws {
        let out = routeNextALSAOpen(toFileNamed: "pause")
        let pcm = ALSATestSupport.countingPattern(frames: threeSeconds, channels: 2)
        let half = pcm.count / 2
        do {
            let device = try ALSAPlaybackDevice()
            try device.configure(sampleRate: 44_100, channels: 2, latencyMicroseconds: latency)
            XCTAssertTrue(device.canPause, "null reports can_pause; the drop+rewrite fallback is not needed here")
            // One write of more than a buffer (8820 frames) starts null (pcm_null.c).
            try write(device, pcm[..<half])
            XCTAssertEqual(device.state, .running)
            try device.pause(true)
            XCTAssertEqual(device.state, .paused)
            try device.pause(true)
            XCTAssertEqual(device.state, .paused, "a second pause is a no-op")
            try device.pause(false)
            XCTAssertEqual(device.state, .running)
            try write(device, pcm[half...])
        }
        try assertFile(out, equals: pcm)
    }

    func testPauseBeforeTheStreamStartedDoesNothingAndLosesNothing() throws {
        let out = routeNextALSAOpen(toFileNamed: "pause-prepared")
        let pcm = ALSATestSupport.countingPattern(frames: 4_000, channels: 2)
        do {
            let device = try ALSAPlaybackDevice()
            try device.configure(sampleRate: 44_100, channels: 2, latencyMicroseconds: latency)
            try write(device, pcm[..<4_000])
            XCTAssertEqual(device.state, .prepared, "1000 frames are below the start threshold")
            try device.pause(true)
            try device.pause(false)
            XCTAssertEqual(device.state, .prepared)
            try write(device, pcm[4_000...])
        }
        try assertFile(out, equals: pcm)
    }

    func testReconfigureFrom44kStereoTo22kMonoAfterPlayingOutAppendsBothPartsToTheFile() throws {
        try assertReconfigureAppendsBothParts(pending: .play)
    }

    /// The file plugin flushes on drop as well as drain, so even `.discard` leaves the stereo
    /// part whole in the file.
    func testReconfigureFrom44kStereoTo22kMonoAfterDiscardingAppendsBothPartsToTheFile() throws {
        try assertReconfigureAppendsBothParts(pending: .discard)
    }

    private func assertReconfigureAppendsBothParts(pending: ALSAPlaybackDevice.PendingFrames,
                                                   line: UInt = #line) throws {
        let out = routeNextALSAOpen(toFileNamed: "reconfigure-\(pending)")
        let stereo = ALSATestSupport.countingPattern(frames: 44_100, channels: 2)
        let mono = ALSATestSupport.countingPattern(frames: 22_050, channels: 1, start: 7)
        do {
            let device = try ALSAPlaybackDevice()
            try device.configure(sampleRate: 44_100, channels: 2, latencyMicroseconds: latency)
            try write(device, stereo[...])
            try device.reconfigure(sampleRate: 22_050, channels: 1, latencyMicroseconds: latency, pending: pending)
            XCTAssertEqual(device.sampleRate, 22_050, line: line)
            XCTAssertEqual(device.channels, 1, line: line)
            XCTAssertEqual(device.bytesPerFrame, 2, line: line)
            XCTAssertEqual(device.state, .prepared, line: line)
            try write(device, mono[...])
        }
        // The file plugin opens its file at the first hw_params and keeps it: the mono bytes
        // follow the stereo ones in the same raw file, with nothing between them.
        try assertFile(out, equals: stereo + mono, line: line)
    }

    func testReconfigureToTheSameFormatKeepsTheStreamRunning() throws {
        let out = routeNextALSAOpen(toFileNamed: "same-format")
        let pcm = ALSATestSupport.countingPattern(frames: threeSeconds, channels: 2)
        let half = pcm.count / 2
        do {
            let device = try ALSAPlaybackDevice()
            try device.configure(sampleRate: 44_100, channels: 2, latencyMicroseconds: latency)
            try write(device, pcm[..<half])
            XCTAssertEqual(device.state, .running)
            try device.reconfigure(sampleRate: 44_100, channels: 2, latencyMicroseconds: latency)
            XCTAssertEqual(device.state, .running, "no drain between same-format tracks")
            try write(device, pcm[half...])
        }
        try assertFile(out, equals: pcm)
    }

    func testDropPendingLeavesTheDeviceWritableAndTheFilePluginKeepsTheDroppedFrames() throws {
        let out = routeNextALSAOpen(toFileNamed: "drop")
        let pcm = ALSATestSupport.countingPattern(frames: 20_000, channels: 2)
        let cut = 3_000 * 4
        do {
            let device = try ALSAPlaybackDevice()
            try device.configure(sampleRate: 44_100, channels: 2, latencyMicroseconds: latency)
            try write(device, pcm[..<cut])
            try device.dropPending()
            XCTAssertEqual(device.state, .prepared)
            try write(device, pcm[cut...])
        }
        // snd_pcm_file_drop writes its buffer out: the file is not a record of what was heard.
        try assertFile(out, equals: pcm)
    }

    func testDrainLeavesTheDeviceReadyForMoreWrites() throws {
        let out = routeNextALSAOpen(toFileNamed: "drain")
        let pcm = ALSATestSupport.countingPattern(frames: 20_000, channels: 2)
        let cut = 15_000 * 4
        do {
            let device = try ALSAPlaybackDevice()
            try device.configure(sampleRate: 44_100, channels: 2, latencyMicroseconds: latency)
            try write(device, pcm[..<cut])
            try device.drain()
            XCTAssertEqual(device.state, .prepared)
            try device.drain()
            try write(device, pcm[cut...])
        }
        try assertFile(out, equals: pcm)
    }

    func testDelayIsZeroOnTheNullSlave() throws {
        _ = routeNextALSAOpen(toFileNamed: "delay")
        let pcm = ALSATestSupport.countingPattern(frames: threeSeconds, channels: 2)
        let device = try ALSAPlaybackDevice()
        try device.configure(sampleRate: 44_100, channels: 2, latencyMicroseconds: latency)
        XCTAssertEqual(device.delayFrames, 0)
        try write(device, pcm[..<4_000])
        XCTAssertEqual(device.delayFrames, 0, "prepared")
        try write(device, pcm[4_000...])
        XCTAssertEqual(device.state, .running)
        XCTAssertEqual(device.delayFrames, 0, "running: pcm_null.c reports 0")
    }

    func testWriteBeforeConfigureThrowsInsteadOfWriting() throws {
        _ = routeNextALSAOpen(toFileNamed: "unconfigured")
        let device = try ALSAPlaybackDevice()
        XCTAssertEqual(device.sampleRate, 0)
        XCTAssertThrowsError(try write(device, [0, 0, 0, 0][...])) { error in
            XCTAssertEqual((error as? ALSAError)?.code, -EBADFD)
        }
    }

    func testOpeningAnUnknownDeviceThrowsOneLineAndPrintsNothing() throws {
        _ = routeNextALSAOpen(toFileNamed: "bogus")
        var thrown: ALSAError?
        let printed = try ALSATestSupport.capturingStandardError {
            do {
                _ = try ALSAPlaybackDevice(name: "s3play_no_such_device")
            } catch {
                thrown = error as? ALSAError
            }
        }
        // Without the silent handler alsa-lib 1.2.8 prints
        // "ALSA lib pcm.c:2666:(snd_pcm_open_noupdate) Unknown PCM s3play_no_such_device".
        XCTAssertEqual(printed, "")
        let error = try XCTUnwrap(thrown)
        XCTAssertEqual(error.code, -ENOENT)
        XCTAssertEqual(error.description,
                       "cannot open ALSA device 's3play_no_such_device': No such file or directory")
        XCTAssertFalse(error.description.contains("\n"))
    }
}
