/// Scales S16 samples in place. 100 % leaves the bytes untouched (bit-exact output); below it
/// the gain follows a cubic curve, so equal steps sound like equal steps (as cmus' soft volume).
enum SoftwareVolume {
    static func gain(percent: Int) -> Double {
        let fraction = Double(min(100, max(0, percent))) / 100
        return fraction * fraction * fraction
    }

    static func apply(percent: Int, to samples: UnsafeMutableRawBufferPointer) {
        guard percent < 100 else { return }
        let factor = Int32(gain(percent: percent) * 65_536)
        let words = samples.bindMemory(to: Int16.self)
        for index in words.indices {
            let sample = Int32(Int16(littleEndian: words[index]))
            words[index] = Int16(truncatingIfNeeded: (sample * factor) >> 16).littleEndian
        }
    }
}
