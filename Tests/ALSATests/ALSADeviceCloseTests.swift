import ALSA
import XCTest

/// `close()` gives the device back at once, whoever still holds the object (issue #12 §2: the
/// player's runs held two descriptors each until the process ended).
final class ALSADeviceCloseTests: XCTestCase {
    private var openDescriptors: Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? -1
    }

    func testCloseReleasesTheDescriptorsWhileTheObjectStillLives() throws {
        let out = routeNextALSAOpen(toFileNamed: "close")
        let pcm = ALSATestSupport.countingPattern(frames: 4_410, channels: 2)
        let before = openDescriptors
        var devices: [ALSAPlaybackDevice] = []  // kept alive: only close() may release them
        for _ in 0..<50 {
            let device = try ALSAPlaybackDevice()
            try device.configure(sampleRate: 44_100, channels: 2, latencyMicroseconds: 200_000)
            try pcm.withUnsafeBytes { try device.write($0) }
            device.close()
            devices.append(device)
        }
        XCTAssertEqual(openDescriptors, before, "50 opened and closed devices")
        XCTAssertEqual(devices.count, 50)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.path), "the devices really wrote through the file plugin")
    }

    func testAClosedDeviceRefusesWritesWithAnErrorInsteadOfTouchingFreedMemory() throws {
        _ = routeNextALSAOpen(toFileNamed: "closed")
        let device = try ALSAPlaybackDevice()
        try device.configure(sampleRate: 44_100, channels: 2, latencyMicroseconds: 200_000)
        device.close()
        device.close()  // idempotent
        let pcm = ALSATestSupport.countingPattern(frames: 100, channels: 2)
        XCTAssertThrowsError(try pcm.withUnsafeBytes { try device.write($0) })
        XCTAssertThrowsError(try device.drain())
        XCTAssertEqual(device.delayFrames, 0)
        XCTAssertEqual(device.state, .disconnected)
    }
}

/// Issue #12 §7: a device behind a pipe whose reader goes away (the file plugin writing into a
/// FIFO here; a sound server's socket for a user) fails the write with an error, in bounded
/// time, instead of killing the process by SIGPIPE or re-preparing forever.
final class ALSAVanishedDeviceTests: XCTestCase {
    func testAWriteIntoAPipeWhoseReaderClosedThrowsInsteadOfLoopingOrDying() throws {
        signal(SIGPIPE, SIG_IGN)  // as the player does (PlayerUICommand, PlaybackSession)
        let fifo = routeNextALSAOpen(toFileNamed: "vanishing")
        XCTAssertEqual(mkfifo(fifo.path, 0o600), 0)
        let reader = open(fifo.path, O_RDONLY | O_NONBLOCK)
        XCTAssertGreaterThanOrEqual(reader, 0)
        let device = try ALSAPlaybackDevice()
        try device.configure(sampleRate: 44_100, channels: 2, latencyMicroseconds: 200_000)
        close(reader)  // the "device" goes away
        let second = ALSATestSupport.countingPattern(frames: 44_100, channels: 2)
        var failure: Error?
        for _ in 0..<5 where failure == nil {
            do { try second.withUnsafeBytes { try device.write($0) } } catch { failure = error }
        }
        let error = try XCTUnwrap(failure as? ALSAError, "five seconds written into a pipe nobody reads")
        // alsa-lib 1.2.8's file plugin reports its failed write(2) (EPIPE) as -EIO.
        XCTAssertTrue([-EPIPE, -EIO].contains(error.code), error.description)
        device.close()
    }
}
