/// Interleaved little-endian PCM in the stream's own sample encoding, rate and channel count:
/// the one description of audio between decoder and output. MP3 decodes to signed 16-bit
/// (bit-exact with `mpg123 -s`); lossless sources keep their depth (issue #14: a 24-bit FLAC
/// reaches the device as 24 bits, never truncated to 16).
public struct PCMFormat: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var sampleRate: Int
    public var channels: Int
    public var encoding: SampleEncoding

    public init(sampleRate: Int, channels: Int, encoding: SampleEncoding = .signed16) {
        self.sampleRate = sampleRate
        self.channels = channels
        self.encoding = encoding
    }

    public var bytesPerFrame: Int { encoding.bytesPerSample * channels }
    public var bytesPerSecond: Int { bytesPerFrame * sampleRate }

    public var description: String {
        let layout = channels == 1 ? "mono" : channels == 2 ? "stereo" : "\(channels) channels"
        let depth = encoding == .signed16 ? "" : " \(encoding)"
        return "\(sampleRate) Hz \(layout)\(depth)"
    }
}

/// How one sample is stored, little-endian throughout (ALSA's S16_LE, S24_3LE, S32_LE,
/// FLOAT_LE). `signed32` carries `significantBits` so a 24-bit source widened to 32 bits for a
/// device that takes no packed 24 still says it is 24-bit.
public enum SampleEncoding: Sendable, Equatable, Hashable, CustomStringConvertible {
    case signed8
    case signed16
    /// Three bytes per sample (S24_3LE).
    case signed24Packed
    /// Four bytes per sample; the low `32 - significantBits` bits are zero.
    case signed32(significantBits: Int)
    case float32

    public var bytesPerSample: Int {
        switch self {
        case .signed8: return 1
        case .signed16: return 2
        case .signed24Packed: return 3
        case .signed32, .float32: return 4
        }
    }

    /// The depth a person means by "24-bit": what the source holds, not the container.
    public var bitDepth: Int {
        switch self {
        case .signed8: return 8
        case .signed16: return 16
        case .signed24Packed: return 24
        case .signed32(let bits): return bits
        case .float32: return 32
        }
    }

    public var description: String {
        switch self {
        case .signed8: return "8-bit"
        case .signed16: return "16-bit"
        case .signed24Packed: return "24-bit"
        case .signed32(let bits): return "\(bits)-bit"
        case .float32: return "32-bit float"
        }
    }
}
