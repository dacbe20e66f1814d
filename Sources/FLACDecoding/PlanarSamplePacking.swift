import PlaybackCore

/// libFLAC's planar 32-bit samples as interleaved little-endian PCM in the container that
/// holds the stream's depth (`flac -d` writes the same bytes into its WAV/raw output).
enum PlanarSamplePacking {
    /// The container for `bitsPerSample` bits: the smallest of 8, 16, packed 24 and 32 that
    /// holds it; depths between are left-justified (a 20-bit sample is shifted up by 4).
    static func encoding(bitsPerSample bits: Int) -> SampleEncoding {
        switch bits {
        case ...8: return .signed8
        case ...16: return .signed16
        case ...24: return .signed24Packed
        default: return .signed32(significantBits: bits)
        }
    }

    /// Appends the frame's samples, interleaved, to `bytes`.
    static func append(_ planes: [UnsafeBufferPointer<Int32>], bitsPerSample bits: Int, to bytes: inout [UInt8]) {
        guard let blockSize = planes.first?.count else { return }
        let encoding = encoding(bitsPerSample: bits)
        let width = encoding.bytesPerSample
        let shift = Int32(width * 8 - bits)
        let start = bytes.count
        let count = blockSize * planes.count * width
        bytes.append(contentsOf: repeatElement(0, count: count))
        bytes.withUnsafeMutableBytes { raw in
            // storeBytes(of:as:) takes unaligned addresses (SE-0349).
            var out = raw.baseAddress! + start
            for index in 0..<blockSize {
                for plane in planes {
                    let sample = UInt32(bitPattern: plane[index] << shift)
                    switch width {
                    case 1: out.storeBytes(of: UInt8(truncatingIfNeeded: sample), as: UInt8.self)
                    case 2: out.storeBytes(of: UInt16(truncatingIfNeeded: sample).littleEndian, as: UInt16.self)
                    case 3:
                        out.storeBytes(of: UInt8(truncatingIfNeeded: sample), as: UInt8.self)
                        out.storeBytes(of: UInt8(truncatingIfNeeded: sample >> 8), toByteOffset: 1, as: UInt8.self)
                        out.storeBytes(of: UInt8(truncatingIfNeeded: sample >> 16), toByteOffset: 2, as: UInt8.self)
                    default: out.storeBytes(of: sample.littleEndian, as: UInt32.self)
                    }
                    out += width
                }
            }
        }
    }
}
