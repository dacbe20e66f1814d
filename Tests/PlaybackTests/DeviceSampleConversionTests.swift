@testable import ALSAOutput
import PlaybackCore
import ALSA
import XCTest

/// A device that refuses the stream's own sample format gets the nearest it takes, with every
/// bit of the source kept (issue #14: 24-bit is never cut to 16).
final class DeviceSampleConversionTests: XCTestCase {
    private func converted(_ input: [UInt8], _ conversion: DeviceSampleConversion) -> [UInt8] {
        let growth = conversion.growth
        var output = [UInt8](repeating: 0xAA, count: input.count * growth.numerator / growth.denominator)
        input.withUnsafeBytes { source in output.withUnsafeMutableBytes { conversion.convert(source, into: $0) } }
        return output
    }

    func testPacked24IsTriedFirstThenWidenedTo32ThenToS24In4() {
        XCTAssertEqual(DeviceSampleConversion.candidates(for: .signed24Packed).map(\.0), [.s24Packed3LE, .s32LE, .s24LE])
        XCTAssertEqual(DeviceSampleConversion.candidates(for: .float32).map(\.0), [.floatLE, .s32LE])
        XCTAssertEqual(DeviceSampleConversion.candidates(for: .signed16).map(\.0), [.s16LE])
    }

    func testPacked24WidensTo32BitsKeepingEveryBit() {
        // 0x123456 and -1 (0xFFFFFF) as S24_3LE.
        XCTAssertEqual(converted([0x56, 0x34, 0x12, 0xFF, 0xFF, 0xFF], .packed24ToS32),
                       [0x00, 0x56, 0x34, 0x12, 0x00, 0xFF, 0xFF, 0xFF])
        XCTAssertEqual(converted([0x56, 0x34, 0x12, 0x00, 0x00, 0x80], .packed24ToS24In4),
                       [0x56, 0x34, 0x12, 0x00, 0x00, 0x00, 0x80, 0xFF])
    }

    func testFloatBecomesFullScale32BitAndClips() {
        let floats: [Float] = [0.5, -1, 2, 0]
        let bytes = floats.flatMap { value in (0..<4).map { UInt8(truncatingIfNeeded: value.bitPattern >> (8 * $0)) } }
        let words = stride(from: 0, to: 16, by: 4).map { offset in
            converted(bytes, .floatToS32)[offset..<(offset + 4)].enumerated()
                .reduce(UInt32(0)) { $0 | UInt32($1.element) << (8 * $1.offset) }
        }
        XCTAssertEqual(words.map { Int32(bitPattern: $0) }, [1 << 30, Int32.min, Int32.max, 0])
    }
}
