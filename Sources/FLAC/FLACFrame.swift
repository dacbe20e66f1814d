/// The facts of a FLAC stream from its STREAMINFO block (RFC 9639 §8.2).
public struct FLACStreamInfo: Sendable, Equatable {
    public var sampleRate: Int
    public var channels: Int
    public var bitsPerSample: Int
    /// Samples per channel; nil when STREAMINFO says 0 ("unknown").
    public var totalSamples: Int64?
}

/// One decoded frame as libFLAC hands it over: one array of 32-bit samples per channel, valid
/// only during the handler it is passed to.
public struct FLACFrame {
    public let channels: Int
    /// Samples per channel in this frame.
    public let blockSize: Int
    public let bitsPerSample: Int
    /// The first sample's number in the stream (per channel).
    public let firstSample: Int64
    let planes: UnsafePointer<UnsafePointer<Int32>?>

    /// Channel `channel`'s samples, `blockSize` of them.
    public func samples(ofChannel channel: Int) -> UnsafeBufferPointer<Int32> {
        precondition(channel >= 0 && channel < channels)
        return UnsafeBufferPointer(start: planes[channel], count: blockSize)
    }
}
