import PlaybackCore

/// MP3 in the `DecoderRegistry`: `.mp3` (and the rarer MPEG audio extensions) files, or any
/// file that starts with an ID3v2 tag or an MPEG audio frame header.
public struct MPEGDecoderFactory: TrackDecoderFactory {
    public var replayGain: MPEGAudioDecoder.ReplayGain
    public var preampDecibels: Double
    public var seekPolicy: MPEGSeekPolicy

    public init(replayGain: MPEGAudioDecoder.ReplayGain = .off, preampDecibels: Double = 0,
                seekPolicy: MPEGSeekPolicy = MPEGSeekPolicy()) {
        self.replayGain = replayGain
        self.preampDecibels = preampDecibels
        self.seekPolicy = seekPolicy
    }

    public var formatName: String { "MP3" }
    public var fileExtensions: Set<String> { ["mp3", "mp2", "mp1", "mpga"] }

    /// "ID3" (an ID3v2 tag, ID3v2.4 §3.1) or a frame header (ISO/IEC 11172-3 2.4.1.3): the
    /// 11-bit sync, a version and layer that are not reserved, a bitrate index that is not
    /// the forbidden 15, a sample rate index that is not the reserved 3.
    public func recognizes(head: [UInt8]) -> Bool {
        if head.starts(with: Array("ID3".utf8)) { return true }
        guard head.count >= 4, head[0] == 0xFF, head[1] & 0xE0 == 0xE0 else { return false }
        let version = head[1] >> 3 & 0x3, layer = head[1] >> 1 & 0x3
        let bitrateIndex = head[2] >> 4, rateIndex = head[2] >> 2 & 0x3
        return version != 1 && layer != 0 && bitrateIndex != 15 && rateIndex != 3
    }

    public func makeDecoder(reading source: ByteSource) throws(PlaybackError) -> TrackDecoder {
        try MPEGAudioDecoder(reading: source, replayGain: replayGain, preampDecibels: preampDecibels,
                             seekPolicy: seekPolicy)
    }
}

/// How far a seek may read forward to land on the exact frame of a VBR stream (see
/// `MPEGAudioDecoder.seek(toSample:)`): always `exactSeekBytes`, or as many bytes as the source
/// delivers in `exactSeekSeconds` at its measured rate (a local file: always exact). Beyond
/// that the seek guesses by the Xing TOC with one new request. Documented in docs/configuration.md.
public struct MPEGSeekPolicy: Sendable {
    /// About 100 s of 320 kbps audio.
    public var exactSeekBytes: Int64 = 4 << 20
    public var exactSeekSeconds: Double = 1

    public init() {}
}
