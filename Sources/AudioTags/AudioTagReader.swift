/// What the reader wants next.
public enum AudioTagReadStep: Equatable, Sendable {
    /// Fetch these bytes of the object (a ranged GET) and pass them to `read(_:at:)`.
    case needBytes(Range<Int64>)
    case finished(AudioTagSummary)
}

/// Reads an MP3 object's tags, format and duration from as few bytes as it can: the caller
/// fetches, this says what to fetch and parses. No I/O of its own. The scan and `info` both
/// read through it, so they agree on every field.
///
/// The first read is the first `firstRequestLength` bytes (or the whole object if smaller).
/// Then, only as needed:
/// - when the first frame after the ID3v2 tag cannot be decided inside what was read (a tag
///   longer than the first read, a cover picture, or junk before the frame): the bytes up to
///   `firstFrameWindow` past the tag, then, if still undecided, up to the end of the frame
///   search (`MPEGFrameSearch.searchLimit` past the tag). The answer depends only on the
///   object's bytes, never on how they were split into reads;
/// - for audio: the object's last `TrailingTags.tailLength` bytes, unless already read, for
///   ID3v1 (which fills the fields ID3v2 lacks) and the sizes of the tags after the audio.
/// So at most four reads; typically one (a file under 64 KiB) or two.
/// An ID3v2 tag claiming more bytes than the object holds is read as far as the first read
/// goes: fetching "the rest" would be the whole object.
public struct AudioTagReader: Sendable {
    /// 64 KiB: the ID3v2 header, typical text tags with a small picture, and the first frame.
    public static let firstRequestLength: Int64 = 65_536
    /// 16 KiB after the tag: the first frame, its Xing/LAME header and the frames confirming it
    /// (`MPEGFrameSearch.confirmationBytes`), with room for padding or junk before them.
    public static let firstFrameWindow: Int64 = 16_384

    public let objectSize: Int64
    /// The object's bytes from offset 0, as far as they have been read.
    private var head: [UInt8] = []
    private var pending: Pending
    private var summary = AudioTagSummary()
    private var headReads = 0
    private var tagEnd: Int64 = 0
    /// The first MPEG frame, kept until the duration can be worked out.
    private var firstFrame: (header: MPEGFrameHeader, offset: Int)?

    private enum Pending: Sendable {
        case head(Range<Int64>)
        case tail(Range<Int64>)
        case done(AudioTagSummary)
    }

    public init(objectSize: Int64) {
        self.objectSize = max(0, objectSize)
        pending = .head(0..<min(self.objectSize, Self.firstRequestLength))
    }

    /// The bytes the first `read` must be given: 0..<min(objectSize, firstRequestLength).
    /// Empty for an empty object: call `read([], at: 0)` without fetching.
    public var firstRequest: Range<Int64> { 0..<min(objectSize, Self.firstRequestLength) }

    /// Takes the bytes asked for last (the first time, `firstRequest`) and says what is next.
    /// Fewer bytes than asked (an object that shrank) are read as far as they go.
    public mutating func read(_ bytes: [UInt8], at offset: Int64) -> AudioTagReadStep {
        switch pending {
        case .done(let finished):
            return .finished(finished)
        case .head(let range):
            guard offset == range.lowerBound, offset == Int64(head.count) else {
                return finish(problem: "bytes arrived at offset \(offset), not at \(range.lowerBound) as asked")
            }
            let asked = Int(range.count)
            head += bytes.prefix(asked)
            headReads += 1
            if bytes.count < asked { summary.note("the object ended \(asked - bytes.count) bytes early") }
            return afterHead(complete: bytes.count >= asked)
        case .tail(let range):
            guard offset == range.lowerBound, bytes.count == range.count else {
                return finish(problem: "the object's last bytes did not arrive as asked")
            }
            return finish(tail: bytes, at: offset)
        }
    }

    /// Decides after each read of the head. `complete`: the read held all bytes asked for.
    private mutating func afterHead(complete: Bool) -> AudioTagReadStep {
        let headEnd = Int64(head.count)
        var header: ID3v2Header?
        tagEnd = 0
        switch ID3v2Header.read(head) {
        case .absent:
            break
        case .invalid(let reason):
            if headReads == 1 { summary.note(reason) }
        case .header(let found):
            header = found
            tagEnd = found.totalLength
        }
        let tagFitsObject = tagEnd <= objectSize
        if !tagFitsObject, headReads == 1 {
            summary.note("the ID3v2 tag claims \(tagEnd) bytes, more than the object's \(objectSize)")
        }

        // The first frame after the tag, if the head reaches it.
        var frame: (offset: Int, header: MPEGFrameHeader)?
        var undecided = tagEnd > headEnd
        if tagEnd <= headEnd {
            switch MPEGFrameSearch.search(in: head, from: Int(tagEnd), isEndOfObject: headEnd >= objectSize) {
            case .found(let offset, let found): frame = (offset, found)
            case .none: break
            case .needMoreBytes: undecided = true
            }
        }
        if undecided, complete, tagFitsObject, headReads < 3 {
            let windowEnds = [tagEnd + Self.firstFrameWindow,
                              tagEnd + Int64(MPEGFrameSearch.searchLimit + MPEGFrameSearch.confirmationBytes)]
            if let end = windowEnds.map({ min(objectSize, $0) }).first(where: { $0 > headEnd }) {
                pending = .head(headEnd..<end)
                return .needBytes(headEnd..<end)
            }
        }

        if let header {
            summary.tagBytes = min(tagEnd, objectSize)
            readID3v2(header)
        }
        guard let frame else {
            summary.note("not MPEG audio: no MPEG frame after byte \(tagEnd)")
            return finish()
        }
        describeAudio(frame.header, at: frame.offset)
        let tailRange = max(0, objectSize - TrailingTags.tailLength)..<objectSize
        if tailRange.upperBound <= headEnd {
            return finish(tail: Array(head[Int(tailRange.lowerBound)...]), at: tailRange.lowerBound)
        }
        pending = .tail(tailRange)
        return .needBytes(tailRange)
    }

    private mutating func readID3v2(_ header: ID3v2Header) {
        let parsed = ID3v2Frames(header: header, tag: head)
        parsed.problems.forEach { summary.note($0) }
        ID3v2Fields.read(parsed.frames, into: &summary)
        if let source = header.source { summary.tagSource = source }
    }

    /// ID3v1 fills only the fields ID3v2 left empty (a file with both usually says the same
    /// in both; one with an album only in ID3v1 keeps it).
    private mutating func readID3v1(_ block: [UInt8]) {
        var v1 = AudioTagSummary()
        guard ID3v1Tag.read(block, into: &v1) else { return }
        summary.title = summary.title ?? v1.title
        summary.artist = summary.artist ?? v1.artist
        summary.album = summary.album ?? v1.album
        if summary.year == nil {
            summary.year = v1.year
            summary.yearText = v1.yearText
        }
        if summary.trackNumber == nil {
            summary.trackNumber = v1.trackNumber
            summary.trackText = v1.trackText
        }
        summary.genre = summary.genre ?? v1.genre
        summary.comment = summary.comment ?? v1.comment
        if summary.tagSource == .noTag { summary.tagSource = .id3v1 }
    }

    private mutating func describeAudio(_ frame: MPEGFrameHeader, at offset: Int) {
        firstFrame = (frame, offset)
        summary.audioStart = Int64(offset)
        summary.sampleRate = frame.sampleRate
        summary.channels = frame.channels
        summary.channelMode = frame.channelMode
        summary.mpegVersion = frame.version
        summary.mpegLayer = frame.layer
        summary.bitrate = frame.bitrate
        summary.bitrateMode = .constant
    }

    /// The duration needs the audio's end, known once the object's last bytes have been read.
    private mutating func finish(tail: [UInt8]? = nil, at tailStart: Int64 = 0, problem: String? = nil)
        -> AudioTagReadStep {
        if let problem { summary.note(problem) }
        if let (frame, offset) = firstFrame {
            firstFrame = nil
            var audioEnd = objectSize
            if let tail {
                let trailing = TrailingTags.audioEnd(tail: tail, tailStart: tailStart)
                if let block = trailing.id3v1 { readID3v1(block) }
                // A footer whose size runs back into the audio's start is not believed.
                audioEnd = trailing.end > Int64(offset) ? trailing.end
                    : objectSize - (trailing.id3v1 == nil ? 0 : Int64(ID3v1Tag.length))
            }
            summary.audioEnd = audioEnd
            let audioBytes = max(0, audioEnd - Int64(offset))
            let lengthHeader = MPEGLengthHeader(head, frameStart: offset, frame: frame)
            if let duration = MPEGDuration.of(frame: frame, lengthHeader: lengthHeader, audioBytes: audioBytes) {
                summary.durationSeconds = duration.seconds
                summary.lengthInSamples = duration.samples
                summary.durationMethod = duration.method
                summary.bitrate = duration.bitrate
                summary.bitrateMode = duration.mode
                if let length = lengthHeader?.byteCount, duration.method != .bitrateEstimate,
                   Int64(length) > audioBytes + Int64(ID3v1Tag.length) {
                    summary.note("the audio is cut short: its Xing/VBRI header counts \(length) bytes, "
                        + "the object holds \(audioBytes)")
                }
            } else {
                summary.note("it holds no audio: its only MPEG frame is a Xing/Info header, or it counts none")
            }
        }
        pending = .done(summary)
        return .finished(summary)
    }
}
