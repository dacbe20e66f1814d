/// What the reader wants next.
public enum AudioTagReadStep: Equatable, Sendable {
    /// Fetch these bytes of the object (a ranged GET) and pass them to `read(_:at:)`.
    case needBytes(Range<Int64>)
    case finished(AudioTagSummary)
}

/// Reads an MP3 object's tags, format and duration from as few bytes as it can: the caller
/// fetches, this says what to fetch and parses. No I/O of its own.
///
/// The first read is the first `firstRequestLength` bytes (or the whole object if smaller). At
/// most one more read follows, and which one depends on the first:
/// - an ID3v2 tag longer than the first read (a cover picture): exactly the rest of the tag plus
///   `firstFrameWindow` bytes for the first frame and its Xing/LAME header;
/// - a tag that fits but whose first frame cannot be confirmed inside the first read: the bytes
///   up to `firstFrameWindow` past the tag;
/// - no ID3v2 tag: the last 128 bytes, for ID3v1, unless the first read already held them.
/// With an ID3v2 tag, ID3v1 is not read (a file with both says the same in ID3v2), so the two
/// cases never add up: the worst case is two reads, `tagBytes + firstFrameWindow` bytes in all
/// for a tag longer than the first read, `firstRequestLength + 128` otherwise.
/// An ID3v2 tag claiming more bytes than the object holds is read as far as the first read
/// goes: fetching "the rest" would be the whole object.
public struct AudioTagReader: Sendable {
    /// 64 KiB: the ID3v2 header, typical text tags with a small picture, and the first frame.
    public static let firstRequestLength: Int64 = 65_536
    /// 8 KiB after the tag: the largest frame (1,728 bytes, layer II at 384 kbps and 32 kHz),
    /// the one after it to confirm the sync, and room for padding or junk before them.
    public static let firstFrameWindow: Int64 = 8_192

    public let objectSize: Int64
    /// The object's bytes from offset 0, as far as they have been read.
    private var head: [UInt8] = []
    private var pending: Pending
    private var summary = AudioTagSummary()
    private var secondReadAsked = false
    /// The first MPEG frame, kept until the duration can be worked out.
    private var firstFrame: (header: MPEGFrameHeader, offset: Int)?
    /// Where the audio ends: the object's end, less an ID3v1 tag once one has been read.
    private var audioEnd: Int64 = 0

    private enum Pending: Sendable {
        case head(Range<Int64>)
        case id3v1(Range<Int64>)
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
            if bytes.count < asked { summary.note("the object ended \(asked - bytes.count) bytes early") }
            return afterHead(complete: bytes.count >= asked)
        case .id3v1(let range):
            guard offset == range.lowerBound, bytes.count == range.count else {
                return finish(problem: "the ID3v1 block did not arrive as asked")
            }
            readID3v1(bytes)
            return finish()
        }
    }

    /// Decides after each read of the head. `complete`: the read held all bytes asked for.
    private mutating func afterHead(complete: Bool) -> AudioTagReadStep {
        let headEnd = Int64(head.count)
        var tagEnd: Int64 = 0
        var header: ID3v2Header?
        switch ID3v2Header.read(head) {
        case .absent:
            break
        case .invalid(let reason):
            summary.note(reason)
        case .header(let found):
            header = found
            tagEnd = found.totalLength
        }
        let tagFitsObject = tagEnd <= objectSize
        if !tagFitsObject {
            summary.note("the ID3v2 tag claims \(tagEnd) bytes, more than the object's \(objectSize)")
        }

        // The first frame after the tag, if the head reaches it.
        let windowEnd = min(objectSize, tagEnd + Self.firstFrameWindow)
        let frame = tagEnd <= headEnd
            ? MPEGFrameSearch.firstFrame(in: head, from: Int(tagEnd), isEndOfObject: headEnd >= objectSize)
            : nil
        if frame == nil, complete, tagFitsObject, !secondReadAsked, headEnd < windowEnd {
            secondReadAsked = true
            let range = headEnd..<windowEnd
            pending = .head(range)
            return .needBytes(range)
        }

        if let header {
            summary.tagBytes = min(tagEnd, objectSize)
            readID3v2(header)
        }
        if let frame {
            describeAudio(frame.header, at: frame.offset)
        } else {
            summary.note("not MPEG audio: no MPEG frame after byte \(tagEnd)")
        }
        // ID3v1 only matters without ID3v2, and only for audio.
        guard header == nil, frame != nil, objectSize >= Int64(ID3v1Tag.length) else { return finish() }
        let v1Range = (objectSize - Int64(ID3v1Tag.length))..<objectSize
        if v1Range.upperBound <= headEnd {
            readID3v1(Array(head[Int(v1Range.lowerBound)..<Int(v1Range.upperBound)]))
            return finish()
        }
        guard !secondReadAsked else { return finish() }
        secondReadAsked = true
        pending = .id3v1(v1Range)
        return .needBytes(v1Range)
    }

    private mutating func readID3v2(_ header: ID3v2Header) {
        let parsed = ID3v2Frames(header: header, tag: head)
        parsed.problems.forEach { summary.note($0) }
        ID3v2Fields.read(parsed.frames, into: &summary)
        if let source = header.source { summary.tagSource = source }
    }

    private mutating func readID3v1(_ block: [UInt8]) {
        if ID3v1Tag.read(block, into: &summary) { audioEnd -= Int64(ID3v1Tag.length) }
    }

    private mutating func describeAudio(_ frame: MPEGFrameHeader, at offset: Int) {
        firstFrame = (frame, offset)
        audioEnd = objectSize
        summary.audioStart = Int64(offset)
        summary.sampleRate = frame.sampleRate
        summary.channels = frame.channels
        summary.mpegVersion = frame.version
        summary.mpegLayer = frame.layer
        summary.bitrate = frame.bitrate
    }

    /// The duration needs the audio's end, known once ID3v1 has been looked for.
    private mutating func finish(problem: String? = nil) -> AudioTagReadStep {
        if let problem { summary.note(problem) }
        if let (frame, offset) = firstFrame {
            firstFrame = nil
            let audioBytes = max(0, audioEnd - Int64(offset))
            let lengthHeader = MPEGLengthHeader(head, frameStart: offset, frame: frame)
            if let length = lengthHeader?.byteCount, Int64(length) > audioBytes + Int64(ID3v1Tag.length) {
                summary.note("the audio is cut short: its Xing/VBRI header counts \(length) bytes, "
                    + "the object holds \(audioBytes)")
            }
            if let duration = MPEGDuration.of(frame: frame, lengthHeader: lengthHeader, audioBytes: audioBytes) {
                summary.durationSeconds = duration.seconds
                summary.durationMethod = duration.method
                summary.bitrate = duration.bitrate
            }
        }
        pending = .done(summary)
        return .finished(summary)
    }
}
