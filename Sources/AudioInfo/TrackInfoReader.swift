import PlaybackCore
import AudioTags

/// Reads a `TrackInfo` with the catalog's tag reader (`AudioTagReader`), so `info` and the
/// catalog give the same fields for the same file. The leading ID3v2 tag is skimmed first
/// (`ID3v2TagSkimmer`: pictures stepped over with a seek), and the reader sees the file as if
/// it held only the kept frames: a 3 MB cover costs no transfer. The rest is the reader's own
/// few ranged reads (the first frames, the last 8 KiB): never the audio. libmpg123 is not
/// asked: nothing here is something only it knows.
public struct TrackInfoReader: Sendable {
    /// The reader asks for at most four ranges (`AudioTagReader`); the bound keeps a bad
    /// answer from looping.
    private let maximumReads = 16

    public init() {}

    public func read(_ source: ByteSource) throws(PlaybackError) -> TrackInfo {
        let summary: AudioTagSummary
        do { summary = try readSummary(source) } catch { throw .source(error) }
        let size = source.size ?? 0
        guard let container = summary.container, let sampleRate = summary.sampleRate, let channels = summary.channels,
              container != .mpeg || summary.mpegLayer != nil else {
            throw .notAudio(source.displayName)
        }
        guard summary.holdsAudio else {
            throw .decoder(source.displayName, reason: container == .mpeg
                ? "it holds no audio (its only MPEG frame is an Info header)"
                : "it holds no audio: \(summary.problem ?? "no samples")")
        }
        let isMPEG = container == .mpeg
        return TrackInfo(sizeBytes: size, lengthInSamples: summary.lengthInSamples,
                         lengthIsExact: summary.durationIsExact,
                         bitrateKbps: Int((Double(summary.bitrate ?? 0) / 1000).rounded()),
                         bitrateMode: Self.mode(summary.bitrateMode), sampleRate: sampleRate, channels: channels,
                         channelMode: isMPEG ? Self.channelMode(summary.channelMode) : nil,
                         mpegVersion: isMPEG ? Self.version(summary.mpegVersion) : nil,
                         layer: summary.mpegLayer, codec: container.rawValue, bitsPerSample: summary.bitsPerSample,
                         isFloatingPoint: summary.isFloatingPoint, tags: Self.tags(summary))
    }

    /// Runs the tag reader over the skimmed file: the kept tag bytes, then the file from the
    /// tag's end on.
    private func readSummary(_ source: ByteSource) throws(ByteSourceError) -> AudioTagSummary {
        let skimmed = try ID3v2TagSkimmer.skim(source)
        let prefix = skimmed.bytesToFeed
        let size = source.size ?? Int64(prefix.count)
        var reader = AudioTagReader(objectSize: max(0, size - skimmed.skippedBytes))
        var range = reader.firstRequest
        for _ in 0..<maximumReads {
            var bytes: [UInt8] = []
            if range.lowerBound < Int64(prefix.count) {
                bytes += prefix[Int(range.lowerBound)..<Int(min(range.upperBound, Int64(prefix.count)))]
            }
            if range.upperBound > Int64(prefix.count) {
                let from = max(range.lowerBound, Int64(prefix.count))
                source.seek(to: from + skimmed.skippedBytes)
                bytes += try source.read(exactly: Int(range.upperBound - from))
            }
            switch reader.read(bytes, at: range.lowerBound) {
            case .needBytes(let next): range = next
            case .finished(let summary): return summary
            }
        }
        return AudioTagSummary()
    }

    static func tags(_ summary: AudioTagSummary) -> TrackTags {
        TrackTags(title: summary.title, artist: summary.artist, album: summary.album,
                  albumArtist: summary.albumArtist, year: summary.yearText, genre: summary.genre,
                  track: summary.trackText, disc: summary.discText, comment: summary.comment)
    }

    private static func mode(_ mode: MPEGBitrateMode?) -> TrackInfo.BitrateMode {
        switch mode {
        case .average?: return .average
        case .variable?: return .variable
        case .constant?, nil: return .constant
        }
    }

    private static func channelMode(_ mode: MPEGChannelMode?) -> TrackInfo.ChannelMode {
        switch mode {
        case .jointStereo?: return .jointStereo
        case .dualChannel?: return .dualChannel
        case .mono?: return .mono
        case .stereo?, nil: return .stereo
        }
    }

    private static func version(_ version: AudioTags.MPEGVersion?) -> TrackInfo.MPEGVersion {
        switch version {
        case .mpeg2?: return .mpeg2
        case .mpeg2_5?: return .mpeg25
        case .mpeg1?, nil: return .mpeg1
        }
    }
}
