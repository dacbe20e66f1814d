@testable import PlaybackCore
import NullOutput
import XCTest

/// The software volume curve and the paced null output's clock, in exact numbers.
final class OutputAndVolumeTests: XCTestCase {
    func testVolumeFollowsTheCubicCurveOnExactSamples() {
        XCTAssertEqual(scaled([1_000, -1_000, 32_767, -32_768, 7, -1, 0], percent: 50),
                       [125, -125, 4_095, -4_096, 0, -1, 0], "0.5³ = 1/8, rounding down")
        // 0.2³ = 0.008: factor Int(0.008 × 65536) = 524, so 10000 → 10000 × 524 >> 16 = 79.
        XCTAssertEqual(scaled([10_000, -10_000], percent: 20), [79, -80])
        XCTAssertEqual(scaled([12_345, -32_768], percent: 100), [12_345, -32_768], "100 % is untouched")
        XCTAssertEqual(scaled([12_345, -32_768], percent: 0), [0, 0])
    }

    func testPausedNullOutputHoldsItsDelayUntilResumed() throws {
        var now = 0.0
        let output = PacedNullOutput(latency: 0.2, now: { now }, sleep: { now += $0 })
        try output.start(format: PCMFormat(sampleRate: 44_100, channels: 2))
        let second = [UInt8](repeating: 0, count: 44_100 * 4)
        try second.withUnsafeBytes { try output.write($0) }
        XCTAssertEqual(now, 0.8, accuracy: 1e-9, "writes run ahead of the clock by the latency")
        XCTAssertEqual(Double(output.delayFrames), 8_820, accuracy: 1)
        try output.pause(true)
        now += 5
        XCTAssertEqual(Double(output.delayFrames), 8_820, accuracy: 1, "a paused device plays nothing")
        try output.pause(false)
        now += 0.1
        XCTAssertEqual(Double(output.delayFrames), 4_410, accuracy: 1)
    }

    private func scaled(_ samples: [Int16], percent: Int) -> [Int16] {
        var words = samples.map(\.littleEndian)
        words.withUnsafeMutableBytes { SoftwareVolume.apply(percent: percent, to: $0) }
        return words.map { Int16(littleEndian: $0) }
    }
}
