import ALSA
import PlaybackCore

/// How the stream's samples become the device's when it does not take them as they are: a
/// device without packed 24-bit gets each sample widened to four bytes (S32_LE, or S24_LE in the
/// low three), a device without float gets float as S32_LE, one without S8 gets S16_LE. The
/// widened integers keep every bit of the source.
enum DeviceSampleConversion: Equatable {
    case none
    case packed24ToS32
    case packed24ToS24In4
    case floatToS32
    case s8ToS16

    /// The device formats to try for `encoding`, best first, each with its conversion.
    static func candidates(for encoding: SampleEncoding) -> [(ALSAPlaybackDevice.SampleFormat, DeviceSampleConversion)] {
        switch encoding {
        case .signed8: return [(.s8, .none), (.s16LE, .s8ToS16)]
        case .signed16: return [(.s16LE, .none)]
        case .signed24Packed: return [(.s24Packed3LE, .none), (.s32LE, .packed24ToS32), (.s24LE, .packed24ToS24In4)]
        case .signed32: return [(.s32LE, .none)]
        case .float32: return [(.floatLE, .none), (.s32LE, .floatToS32)]
        }
    }

    /// Output bytes per input byte.
    var growth: (numerator: Int, denominator: Int) {
        switch self {
        case .none, .floatToS32: return (1, 1)
        case .packed24ToS32, .packed24ToS24In4: return (4, 3)
        case .s8ToS16: return (2, 1)
        }
    }

    /// Converts `input` into `output`, which holds `input.count * growth` bytes.
    func convert(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) {
        switch self {
        case .none:
            output.copyMemory(from: input)
        case .packed24ToS32, .packed24ToS24In4:
            let low = self == .packed24ToS24In4
            var source = 0, target = 0
            while source + 3 <= input.count {
                if low {
                    // S24_LE: the sample in the low three bytes, sign-extended into the fourth.
                    output[target] = input[source]
                    output[target + 1] = input[source + 1]
                    output[target + 2] = input[source + 2]
                    output[target + 3] = input[source + 2] & 0x80 == 0 ? 0 : 0xFF
                } else {
                    output[target] = 0
                    output[target + 1] = input[source]
                    output[target + 2] = input[source + 1]
                    output[target + 3] = input[source + 2]
                }
                source += 3
                target += 4
            }
        case .floatToS32:
            var offset = 0
            while offset + 4 <= input.count {
                let value = Float(bitPattern: input.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian)
                // Clipped to [-1, 1): 2^31 itself does not fit an Int32.
                let clipped = Double(max(-1, min(value, 1)))
                let sample = Int32(max(Double(Int32.min), min(clipped * 2_147_483_648, Double(Int32.max))))
                output.storeBytes(of: sample.littleEndian, toByteOffset: offset, as: Int32.self)
                offset += 4
            }
        case .s8ToS16:
            for index in 0..<input.count {
                output[2 * index] = 0
                output[2 * index + 1] = input[index]
            }
        }
    }
}
