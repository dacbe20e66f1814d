import ALSA
import XCTest

/// Every sample format s3play writes reaches ALSA's file plugin byte for byte (no conversion
/// to 16 bits anywhere on the way), and a change of depth between tracks appends both parts.
final class ALSASampleFormatTests: XCTestCase {
    private let latency = 200_000

    /// Bytes whose every sample differs: a lost, doubled or reordered byte shows.
    private func pattern(bytes: Int) -> [UInt8] {
        (0..<bytes).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 8) }
    }

    func testEachDepthIsWrittenAsItIs() throws {
        let formats: [(ALSAPlaybackDevice.SampleFormat, rate: Int)] = [
            (.s8, 22_050), (.s16LE, 44_100), (.s24Packed3LE, 96_000), (.s24LE, 48_000), (.s32LE, 192_000),
            (.floatLE, 48_000),
        ]
        for (format, rate) in formats {
            let out = routeNextALSAOpen(toFileNamed: "depth")
            let frames = rate / 2
            let pcm = pattern(bytes: frames * 2 * format.bytesPerSample)
            do {
                let device = try ALSAPlaybackDevice()
                defer { device.close() }
                try device.configure(sampleRate: rate, channels: 2, format: format, latencyMicroseconds: latency)
                XCTAssertEqual(device.sampleFormat, format)
                XCTAssertEqual(device.bytesPerFrame, 2 * format.bytesPerSample)
                try pcm.withUnsafeBytes { try device.write($0) }
            }
            try assertFile(out, equals: pcm)
        }
    }

    func testChangingDepthBetweenTracksAppendsBothWithoutLoss() throws {
        let out = routeNextALSAOpen(toFileNamed: "depth-change")
        let first = pattern(bytes: 44_100 * 4)
        let second = pattern(bytes: 96_000 * 6).reversed().map { $0 }
        do {
            let device = try ALSAPlaybackDevice()
            defer { device.close() }
            try device.configure(sampleRate: 44_100, channels: 2, latencyMicroseconds: latency)
            try first.withUnsafeBytes { try device.write($0) }
            try device.reconfigure(sampleRate: 96_000, channels: 2, format: .s24Packed3LE, latencyMicroseconds: latency)
            try second.withUnsafeBytes { try device.write($0) }
        }
        try assertFile(out, equals: first + second)
    }
}
