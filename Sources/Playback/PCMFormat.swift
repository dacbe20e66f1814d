/// Interleaved signed 16-bit little-endian PCM at a rate and channel count: the one sample
/// format between decoder and output (default output stays bit-exact with `mpg123 -s`).
public struct PCMFormat: Sendable, Equatable, CustomStringConvertible {
    public var sampleRate: Int
    public var channels: Int

    public init(sampleRate: Int, channels: Int) {
        self.sampleRate = sampleRate
        self.channels = channels
    }

    public var bytesPerFrame: Int { 2 * channels }
    public var bytesPerSecond: Int { bytesPerFrame * sampleRate }

    public var description: String {
        let layout = channels == 1 ? "mono" : channels == 2 ? "stereo" : "\(channels) channels"
        return "\(sampleRate) Hz \(layout)"
    }
}
