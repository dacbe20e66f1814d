/// Scales samples in place, at the stream's own depth. 100 % leaves the bytes untouched
/// (bit-exact output at every depth); below it the gain follows a cubic curve, so equal steps
/// sound like equal steps (as cmus' soft volume).
enum SoftwareVolume {
    static func gain(percent: Int) -> Double {
        let fraction = Double(min(100, max(0, percent))) / 100
        return fraction * fraction * fraction
    }

    /// `encoding` says how `samples` are stored (S16_LE unless told).
    static func apply(percent: Int, to samples: UnsafeMutableRawBufferPointer, encoding: SampleEncoding = .signed16) {
        guard percent < 100 else { return }
        let gain = gain(percent: percent)
        // Integer samples are scaled by a 16.16 fixed-point factor in 64-bit arithmetic, so a
        // 32-bit sample times 65536 cannot overflow.
        let factor = Int64(gain * 65_536)
        switch encoding {
        case .signed8:
            for index in samples.indices {
                let sample = Int64(Int8(bitPattern: samples[index]))
                samples[index] = UInt8(bitPattern: Int8(truncatingIfNeeded: (sample * factor) >> 16))
            }
        case .signed16:
            let words = samples.bindMemory(to: Int16.self)
            for index in words.indices {
                let sample = Int64(Int16(littleEndian: words[index]))
                words[index] = Int16(truncatingIfNeeded: (sample * factor) >> 16).littleEndian
            }
        case .signed24Packed:
            var offset = 0
            while offset + 3 <= samples.count {
                // Sign-extend the 3 bytes through the top of an Int32.
                let raw = Int32(samples[offset]) << 8 | Int32(samples[offset + 1]) << 16 | Int32(samples[offset + 2]) << 24
                let scaled = (Int64(raw >> 8) * factor) >> 16
                samples[offset] = UInt8(truncatingIfNeeded: scaled)
                samples[offset + 1] = UInt8(truncatingIfNeeded: scaled >> 8)
                samples[offset + 2] = UInt8(truncatingIfNeeded: scaled >> 16)
                offset += 3
            }
        case .signed32(let bits):
            // The low (32 - bits) bits stay zero: the result is cut back to the source's depth.
            let mask = bits >= 32 ? Int32(-1) : ~((Int32(1) << Int32(32 - bits)) - 1)
            let words = samples.bindMemory(to: Int32.self)
            for index in words.indices {
                let sample = Int64(Int32(littleEndian: words[index]))
                words[index] = (Int32(truncatingIfNeeded: (sample * factor) >> 16) & mask).littleEndian
            }
        case .float32:
            let scale = Float(gain)
            let words = samples.bindMemory(to: UInt32.self)
            for index in words.indices {
                let sample = Float(bitPattern: UInt32(littleEndian: words[index]))
                words[index] = (sample * scale).bitPattern.littleEndian
            }
        }
    }
}
