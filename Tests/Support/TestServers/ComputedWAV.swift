/// A WAV of any length whose every byte is computed from its offset: 24-bit, 96 kHz, stereo, a
/// 44-byte canonical header, then samples that are a function of (frame, channel). A 2-hour file
/// is 4,147,200,044 bytes, more than a test may write to disk or keep in memory; served by
/// `ComputedObjectS3StandIn`, and checked by a test that computes any frame's samples itself.
public struct ComputedWAV: ComputedObject {
    public static let sampleRate = 96_000
    public static let channels = 2
    public static let bytesPerSample = 3
    public static let bytesPerFrame = channels * bytesPerSample
    /// RIFF header, "fmt " chunk (16 bytes of WAVEFORMATEX) and the "data" chunk's head.
    public static let headerBytes: Int64 = 44

    public let frames: Int64

    public init(seconds: Int) {
        frames = Int64(seconds) * Int64(Self.sampleRate)
        // A plain RIFF file counts in 32 bits; past 4 GiB it would have to be RF64.
        precondition(36 + frames * Int64(Self.bytesPerFrame) <= Int64(UInt32.max), "too long for RIFF")
    }

    public var dataBytes: Int64 { frames * Int64(Self.bytesPerFrame) }
    public var size: Int64 { Self.headerBytes + dataBytes }

    /// The byte offset of `frame`'s first sample.
    public static func offset(ofFrame frame: Int64) -> Int64 { headerBytes + frame * Int64(bytesPerFrame) }

    /// The sample of `channel` in `frame`, in -2^23 ..< 2^23: the top 24 bits of splitmix64's
    /// finalizer over the pair, so no two neighbouring samples are alike and PCM that is one
    /// frame (or one byte) off differs from the first sample on.
    public static func sample(frame: Int64, channel: Int) -> Int32 {
        var mixed = UInt64(bitPattern: frame) &* 2 &+ UInt64(channel) &+ 0x9E37_79B9_7F4A_7C15
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        mixed ^= mixed >> 31
        return (Int32(truncatingIfNeeded: mixed >> 40) << 8) >> 8
    }

    public var header: [UInt8] {
        var bytes: [UInt8] = []
        func text(_ value: String) { bytes += Array(value.utf8) }
        func little(_ value: Int64, _ count: Int) {
            for index in 0..<count { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * index))) }
        }
        text("RIFF"); little(36 + dataBytes, 4); text("WAVE")
        text("fmt "); little(16, 4)
        little(1, 2)  // WAVE_FORMAT_PCM
        little(Int64(Self.channels), 2)
        little(Int64(Self.sampleRate), 4)
        little(Int64(Self.sampleRate * Self.bytesPerFrame), 4)  // bytes per second
        little(Int64(Self.bytesPerFrame), 2)  // block align
        little(Int64(Self.bytesPerSample * 8), 2)
        text("data"); little(dataBytes, 4)
        return bytes
    }

    public func bytes(at offset: Int64, count: Int) -> [UInt8] {
        let end = min(size, offset + Int64(count))
        guard offset >= 0, offset < end else { return [] }
        var result: [UInt8] = []
        result.reserveCapacity(Int(end - offset))
        var position = offset
        if position < Self.headerBytes {
            let last = min(end, Self.headerBytes)
            result += header[Int(position)..<Int(last)]
            position = last
        }
        guard position < end else { return result }
        let firstFrame = (position - Self.headerBytes) / Int64(Self.bytesPerFrame)
        let lastFrame = (end - 1 - Self.headerBytes) / Int64(Self.bytesPerFrame)
        let frameCount = Int(lastFrame - firstFrame + 1)
        let pcm = [UInt8](unsafeUninitializedCapacity: frameCount * Self.bytesPerFrame) { buffer, initialized in
            var index = 0
            for frame in firstFrame...lastFrame {
                for channel in 0..<Self.channels {
                    let sample = UInt32(bitPattern: Self.sample(frame: frame, channel: channel))
                    buffer[index] = UInt8(truncatingIfNeeded: sample)
                    buffer[index + 1] = UInt8(truncatingIfNeeded: sample >> 8)
                    buffer[index + 2] = UInt8(truncatingIfNeeded: sample >> 16)
                    index += 3
                }
            }
            initialized = index
        }
        let skip = Int(position - Self.offset(ofFrame: firstFrame))
        result += pcm[skip..<skip + Int(end - position)]
        return result
    }
}
