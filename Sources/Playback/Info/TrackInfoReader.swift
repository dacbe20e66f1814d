/// Reads a `TrackInfo` from the start of an MP3 (its ID3v2 tag, pictures stepped over, and its
/// first frames) and its last 128 bytes (ID3v1): a few hundred KiB at most, whatever the file's
/// length. libmpg123 parses: it is fed until it reports the first frame's format, which comes
/// after the Info/Xing frame, so the counted length is known by then too.
public struct TrackInfoReader: Sendable {
    /// Bytes per read after the tag. Small: the first frames are a few KiB, and when they are
    /// missing the decoder gives up 64 KiB past the tag (see MPG123's FirstFrameSearch).
    private let readSize = 16 << 10
    /// How far ahead the ID3v1 block may be for the reader to read on to it rather than seek:
    /// one S3 chunk, which the GET in flight brings anyway, where a seek would start another.
    private let readThroughLimit: Int64 = 256 << 10

    public init() {}

    /// A source that fetches only what this reader asks for: small ranged GETs and no
    /// read-ahead, so a skipped cover picture is never downloaded.
    public static let s3ReaderConfiguration: RangedObjectReaderConfiguration = {
        var configuration = RangedObjectReaderConfiguration()
        configuration.chunkBytes = 256 << 10
        // The reader fetches while fewer than this many bytes wait unread: 1 means only
        // when a read finds nothing buffered.
        configuration.readAheadBytes = 1
        return configuration
    }()

    public func read(_ source: ByteSource) throws(PlaybackError) -> TrackInfo {
        do {
            return try readInfo(source)
        } catch .notAudio {
            throw .notAudio(source.displayName)
        } catch .decoder(_, let reason) {
            throw .decoder(source.displayName, reason: reason)
        }
    }

    private func readInfo(_ source: ByteSource) throws(PlaybackError) -> TrackInfo {
        let skimmed: ID3v2TagSkimmer.Skimmed
        do { skimmed = try ID3v2TagSkimmer.skim(source) } catch { throw .source(error) }
        let size = source.size ?? 0
        guard size > 0 else { throw .notAudio("") }

        let decoder = try MPEGAudioDecoder()
        // The decoder sees the file without the skipped bytes; its size estimate must agree.
        decoder.setFileSize(size - skimmed.skippedBytes)
        try decoder.feed(skimmed.bytesToFeed)
        var position = skimmed.resumeOffset
        let format = try firstFormat(decoder, source: source, position: &position)
        guard let facts = decoder.streamFacts else { throw .notAudio("") }

        var tags = decoder.tags ?? TrackTags()
        var tailTagBytes: Int64 = 0
        if size >= skimmed.tagEnd + 128 {
            let block: [UInt8]
            do {
                let gap = size - 128 - position
                if gap >= 0 && gap <= readThroughLimit {
                    _ = try source.read(exactly: Int(gap))
                } else {
                    source.seek(to: size - 128)
                }
                block = try source.read(exactly: 128)
            } catch {
                throw .source(error)
            }
            if let v1 = MPEGAudioDecoder.tags(id3v1Block: block) {
                tags = tags.filling(from: v1)
                tailTagBytes = 128
            } else if block.starts(with: "TAG".utf8) {
                tailTagBytes = 128
            }
        }

        let length = decoder.lengthInSamples
        var kbps = facts.frameBitrateKbps
        if facts.bitrateMode != .constant {
            let audioBytes = size - skimmed.tagEnd - tailTagBytes
            if let length, length > 0 {
                let seconds = Double(length) / Double(format.sampleRate)
                kbps = Int((Double(audioBytes) * 8 / seconds / 1000).rounded())
            } else if let average = facts.averageBitrateKbps {
                kbps = average
            }
        }
        return TrackInfo(sizeBytes: size, lengthInSamples: length, lengthIsExact: facts.lengthIsCounted,
                         bitrateKbps: kbps, bitrateMode: facts.bitrateMode, sampleRate: format.sampleRate,
                         channels: format.channels, channelMode: facts.channelMode,
                         mpegVersion: facts.version, layer: facts.layer, tags: tags)
    }

    /// Feeds until the first audio frame's format is known; throws `.notAudio` when the data
    /// ends first or the decoder's first-frame search gives up.
    private func firstFormat(_ decoder: MPEGAudioDecoder, source: ByteSource,
                             position: inout Int64) throws(PlaybackError) -> PCMFormat {
        // A zero-size buffer: libmpg123 parses headers and decodes nothing.
        let noOutput = UnsafeMutableRawBufferPointer(start: nil, count: 0)
        while true {
            switch try decoder.decode(into: noOutput) {
            case .newFormat(let format):
                return format
            case .pcm:
                continue
            case .needMore, .done:
                let bytes: [UInt8]?
                do { bytes = try source.read(maxBytes: readSize) } catch { throw .source(error) }
                guard let bytes else {
                    try decoder.finishInput()
                    throw .notAudio("")
                }
                position += Int64(bytes.count)
                try decoder.feed(bytes)
            }
        }
    }
}
