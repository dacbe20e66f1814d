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
/// - an ID3v2 tag longer than the first read is walked frame by frame (`ID3v2FrameWalk`): text
///   frames are read, pictures and other binary frames are stepped over by their sizes, never
///   fetched. The read that reaches the tag's end also takes the `firstFrameWindow` after it;
/// - when the first frame after the tag cannot be decided inside what was read: the bytes up to
///   `firstFrameWindow` past the tag, then, if still undecided, up to the end of the frame
///   search (`MPEGFrameSearch.searchLimit` past the tag). The answer depends only on the
///   object's bytes, never on how they were split into reads;
/// - for audio: the object's last `TrailingTags.tailLength` bytes, unless already read, for
///   ID3v1 (which fills the fields ID3v2 lacks) and the sizes of the tags after the audio, so
///   a CBR duration without an Info header is the audio's bytes over the bitrate.
/// A file with a 1 MB cover thus takes three reads and about 30 KiB: the first 16 KiB, the
/// window after the tag (6 KiB, with any text frames after the picture), the tail (8 KiB)
/// (issue #16's budget: ≤ 32 KiB and ≤ 3 requests a song).
/// An ID3v2 tag claiming more bytes than the object holds is read as far as the first read
/// goes: fetching "the rest" would be the whole object.
public struct AudioTagReader: Sendable {
    /// 16 KiB: the ID3v2 header, typical text tags, and the first frames of a file without a
    /// picture (issue #16: ≤ 32 KiB a song when every file carries a 1 MB cover).
    public static let firstRequestLength: Int64 = 16_384
    /// 6 KiB after the tag: the first frame, its Xing/LAME header and the two frames confirming
    /// it (3 × 1,044 bytes at 320 kbps; longer frames make the search ask for more). With the
    /// first read and the 8 KiB tail that is 30 KiB, leaving room for text frames after a picture.
    public static let firstFrameWindow: Int64 = 6_144

    public let objectSize: Int64
    /// What has been read of the object.
    private var known = KnownBytes()
    private var pending: Pending
    private var summary = AudioTagSummary()
    private var walk: ID3v2FrameWalk?
    private var headerRead = false
    private var tagEnd: Int64 = 0
    private var audioReads = 0
    private var lastReadComplete = true
    /// The bytes after the tag, and the first MPEG frame in them (offset into `audio`), kept
    /// until the duration can be worked out.
    private var audio: [UInt8] = []
    private var firstFrame: (header: MPEGFrameHeader, offset: Int)?
    /// FLAC, Ogg, WAV or AIFF, recognised by their first bytes (or FLAC after an ID3v2 tag).
    private var containerReader: (any ContainerTagReading)?

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
            guard offset == range.lowerBound else {
                return finish(problem: "bytes arrived at offset \(offset), not at \(range.lowerBound) as asked")
            }
            let asked = Int(range.count)
            known.add(Array(bytes.prefix(asked)), at: offset)
            lastReadComplete = bytes.count >= asked
            if bytes.count < asked { summary.note("the object ended \(asked - bytes.count) bytes early") }
            return advance()
        case .tail(let range):
            guard offset == range.lowerBound, bytes.count == range.count else {
                return finish(problem: "the object's last bytes did not arrive as asked")
            }
            return finish(tail: bytes, at: offset)
        }
    }

    private mutating func ask(_ range: Range<Int64>) -> AudioTagReadStep {
        pending = .head(range)
        return .needBytes(range)
    }

    /// Decides after each read before the tail: the tag header, the walk, the first frame.
    private mutating func advance() -> AudioTagReadStep {
        if !headerRead, let form = known.bytes(0..<min(objectSize, 12)) {
            if form.hasASCII("fLaC", at: 0) {
                containerReader = FLACTagReader(objectSize: objectSize, start: 0)
            } else if form.hasASCII("OggS", at: 0) {
                containerReader = OggTagReader(objectSize: objectSize)
            } else if let pcm = PCMFileTagReader(form: form, objectSize: objectSize) {
                containerReader = pcm
            }
        }
        if var reader = containerReader {
            headerRead = true
            let step = reader.next(known)
            containerReader = reader
            if case .need(let range) = step { return ask(range) }
            return finishContainer(reader.summary)
        }
        if !headerRead {
            headerRead = true
            switch ID3v2Header.read(known.contiguous(from: 0, upTo: Int64(ID3v2Header.length))) {
            case .absent:
                break
            case .invalid(let reason):
                summary.note(reason)
            case .header(let found):
                tagEnd = found.totalLength
                guard tagEnd <= objectSize else {
                    summary.note("the ID3v2 tag claims \(tagEnd) bytes, more than the object's \(objectSize)")
                    summary.tagBytes = objectSize
                    readID3v2(found, tag: known.contiguous(from: 0))
                    summary.note("not MPEG audio: no MPEG frame after byte \(tagEnd)")
                    return finish()
                }
                walk = ID3v2FrameWalk(header: found, objectSize: objectSize, audioWindow: Self.firstFrameWindow)
            }
        }
        if var tagWalk = walk {
            let step = lastReadComplete ? tagWalk.next(known) : .done
            walk = tagWalk
            if case .need(let range) = step { return ask(range) }
            walk = nil
            tagWalk.problems.forEach { summary.note($0) }
            summary.tagBytes = tagEnd
            let kept = tagWalk.keptTag(known)
            readID3v2(kept.header, tag: kept.tag)
        }

        // The first frame after the tag; or a FLAC stream behind an ID3v2 tag (some taggers).
        audio = known.contiguous(from: tagEnd)
        if tagEnd > 0, audio.hasASCII("fLaC", at: 0) {
            containerReader = FLACTagReader(objectSize: objectSize, start: tagEnd)
            return advance()
        }
        let audioEnd = tagEnd + Int64(audio.count)
        var frame: (offset: Int, header: MPEGFrameHeader)?
        var undecided = false
        switch MPEGFrameSearch.search(in: audio, from: 0, isEndOfObject: audioEnd >= objectSize) {
        case .found(let offset, let found): frame = (offset, found)
        case .none: break
        case .needMoreBytes: undecided = true
        }
        if undecided, lastReadComplete, audioReads < 2 {
            let windowEnds = [tagEnd + Self.firstFrameWindow,
                              tagEnd + Int64(MPEGFrameSearch.searchLimit + MPEGFrameSearch.confirmationBytes)]
            if let end = windowEnds.map({ min(objectSize, $0) }).first(where: { $0 > audioEnd }) {
                audioReads += 1
                return ask(audioEnd..<end)
            }
        }
        guard let frame else {
            summary.note("not MPEG audio: no MPEG frame after byte \(tagEnd)")
            return finish()
        }
        describeAudio(frame.header, at: frame.offset)
        let tailRange = max(0, objectSize - TrailingTags.tailLength)..<objectSize
        if let tail = known.bytes(tailRange) { return finish(tail: tail, at: tailRange.lowerBound) }
        pending = .tail(tailRange)
        return .needBytes(tailRange)
    }

    /// A container's summary, with what an ID3v2 tag before it said filling the gaps, and the
    /// problems noted on the way.
    private mutating func finishContainer(_ found: AudioTagSummary) -> AudioTagReadStep {
        var result = found
        result.fillMissing(from: summary)
        if result.tagSource == .noTag { result.tagSource = summary.tagSource }
        result.tagBytes = summary.tagBytes
        if let earlier = summary.problem {
            result.problem = found.problem.map { "\(earlier); \($0)" } ?? earlier
        }
        pending = .done(result)
        return .finished(result)
    }

    private mutating func readID3v2(_ header: ID3v2Header, tag: [UInt8]) {
        let parsed = ID3v2Frames(header: header, tag: tag)
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
        summary.audioStart = tagEnd + Int64(offset)
        summary.sampleRate = frame.sampleRate
        summary.channels = frame.channels
        summary.channelMode = frame.channelMode
        summary.mpegVersion = frame.version
        summary.container = .mpeg
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
                audioEnd = trailing.end > tagEnd + Int64(offset) ? trailing.end
                    : objectSize - (trailing.id3v1 == nil ? 0 : Int64(ID3v1Tag.length))
            }
            summary.audioEnd = audioEnd
            let audioBytes = max(0, audioEnd - tagEnd - Int64(offset))
            let lengthHeader = MPEGLengthHeader(audio, frameStart: offset, frame: frame)
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
