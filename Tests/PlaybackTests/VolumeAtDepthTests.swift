@testable import PlaybackCore
import XCTest

/// Software volume at every depth a lossless source has: 100 % leaves every byte as it was,
/// 50 % is the cubic curve's eighth in the sample's own encoding.
final class VolumeAtDepthTests: XCTestCase {
    private func scaled(_ bytes: [UInt8], _ encoding: SampleEncoding, percent: Int) -> [UInt8] {
        var copy = bytes
        copy.withUnsafeMutableBytes { SoftwareVolume.apply(percent: percent, to: $0, encoding: encoding) }
        return copy
    }

    private func packed24(_ values: [Int32]) -> [UInt8] {
        values.flatMap { value in (0..<3).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
    }

    private func words32(_ values: [UInt32]) -> [UInt8] {
        values.flatMap { value in (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
    }

    func testFullVolumeIsBitExactAtEveryDepth() {
        let bytes = (0..<96).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        for encoding in [SampleEncoding.signed8, .signed16, .signed24Packed, .signed32(significantBits: 24),
                         .signed32(significantBits: 32), .float32] {
            XCTAssertEqual(scaled(bytes, encoding, percent: 100), bytes, "\(encoding)")
        }
    }

    func testHalfVolumeIsAnEighthInPacked24Bit() {
        // 8 388 607 (full scale) / 8 = 1 048 575 (rounded down); -8 388 608 / 8 = -1 048 576.
        XCTAssertEqual(scaled(packed24([8_388_607, -8_388_608, 800, -1]), .signed24Packed, percent: 50),
                       packed24([1_048_575, -1_048_576, 100, -1]))
    }

    func testHalfVolumeKeepsA24BitSampleIn32BitsTo24Bits() {
        // 0x7FFFFF00 / 8 = 0x0FFFFFE0: the low byte is cut back to zero, as a 24-bit source has it.
        XCTAssertEqual(scaled(words32([0x7FFF_FF00, 0x8000_0000]), .signed32(significantBits: 24), percent: 50),
                       words32([0x0FFF_FF00, 0xF000_0000]))
    }

    func testHalfVolumeIsAnEighthInFloatAndIn8Bit() {
        XCTAssertEqual(scaled(words32([Float(0.5).bitPattern, Float(-1).bitPattern]), .float32, percent: 50),
                       words32([Float(0.0625).bitPattern, Float(-0.125).bitPattern]))
        XCTAssertEqual(scaled([UInt8(bitPattern: 127), UInt8(bitPattern: -128), 16], .signed8, percent: 50),
                       [15, UInt8(bitPattern: -16), 2])
    }
}
