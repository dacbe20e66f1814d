/// What a container reader (FLAC, Ogg, WAV, AIFF) wants next.
enum ContainerStep: Equatable {
    case need(Range<Int64>)
    case done
}

/// A reader of one container's metadata, driven by `AudioTagReader`: each step asks for a range
/// or is done; `summary` holds what it found.
protocol ContainerTagReading: Sendable {
    mutating func next(_ known: KnownBytes) -> ContainerStep
    var summary: AudioTagSummary { get }
}

/// The reads one container walk may make, each a small range: metadata blocks and chunks are
/// stepped over by their sizes (a PICTURE block, a WAV's data chunk) with a new read past them.
struct WalkReads: Sendable {
    /// A read asks for at least this much: the block or chunk headers after a skipped one are
    /// usually a few short ones.
    static let chunk: Int64 = 4_096
    /// Reads at most; a file of hundreds of blocks or chunks stops there.
    static let maximum = 8
    /// Kept blocks and chunks longer than this are not read (tags are a few KiB; a picture
    /// stored in a comment is not wanted).
    static let longestKept: Int64 = 262_144

    let objectSize: Int64
    private(set) var count = 0
    private(set) var exhausted = false

    init(objectSize: Int64) {
        self.objectSize = objectSize
    }

    /// A read from `start` that holds at least up to `end`; nil when the budget is spent or
    /// `start` is past the object's end.
    mutating func ask(from start: Int64, through end: Int64) -> Range<Int64>? {
        count += 1
        guard count <= Self.maximum else {
            exhausted = true
            return nil
        }
        guard start < objectSize else { return nil }
        return start..<min(objectSize, max(end, start + Self.chunk))
    }
}

extension AudioTagSummary {
    /// The duration and average bitrate of `samples` frames at `sampleRate` over `audioBytes`.
    mutating func setExactLength(samples: Int64, sampleRate: Int, audioBytes: Int64) {
        guard sampleRate > 0, samples > 0 else { return }
        let seconds = Double(samples) / Double(sampleRate)
        durationSeconds = seconds
        lengthInSamples = samples
        durationMethod = .sampleCount
        if audioBytes > 0 { bitrate = Int((Double(audioBytes) * 8 / seconds).rounded()) }
    }

    /// An ID3v2 tag stored whole inside a container (a WAV `id3 ` chunk, an AIFF `ID3 ` chunk):
    /// its fields, and its version as the tag source.
    mutating func readEmbeddedID3v2(_ tag: [UInt8]) {
        guard case .header(let header) = ID3v2Header.read(tag) else { return }
        let parsed = ID3v2Frames(header: header, tag: tag)
        var found = AudioTagSummary()
        ID3v2Fields.read(parsed.frames, into: &found)
        fillMissing(from: found)
        if let source = header.source, tagSource == .noTag || found.title != nil { tagSource = source }
    }

    /// Copies the fields `other` has and this summary lacks.
    mutating func fillMissing(from other: AudioTagSummary) {
        title = title ?? other.title
        artist = artist ?? other.artist
        album = album ?? other.album
        albumArtist = albumArtist ?? other.albumArtist
        if trackNumber == nil {
            trackNumber = other.trackNumber
            trackTotal = trackTotal ?? other.trackTotal
            trackText = other.trackText
        }
        if discNumber == nil {
            discNumber = other.discNumber
            discTotal = discTotal ?? other.discTotal
            discText = other.discText
        }
        if year == nil {
            year = other.year
            yearText = other.yearText
        }
        genre = genre ?? other.genre
        comment = comment ?? other.comment
        isCompilation = isCompilation || other.isCompilation
    }
}
