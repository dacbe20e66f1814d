/// The length a stream's first frames state, read from the bytes as a decoder is fed them (in
/// order, from the object's start): the leading ID3v2 tag is stepped over by its size, without
/// keeping it, and the first frame is found and its Xing/Info/VBRI header read as
/// `AudioTagReader` does. The player asks this, not libmpg123, whether a length is counted
/// (only then can a track be "cut short") and for VBRI lengths, which libmpg123 does not read.
public struct MPEGStreamHead: Sendable {
    public struct Length: Equatable, Sendable {
        /// Samples per channel, after LAME's gapless trim.
        public var samples: Int64
        /// Counted by a Xing/Info/VBRI header; else estimated from the bytes and the bitrate
        /// (with the tags at the start left out, those at the end not known here).
        public var isExact: Bool
    }

    private var header: [UInt8] = []
    private var bytesSeen: Int64 = 0
    private var tagEnd: Int64?
    /// Bytes from the tag's end on, while the first frame is looked for.
    private var window: [UInt8] = []
    private var decided = false
    private var frame: (offset: Int, header: MPEGFrameHeader)?
    /// Where the last undecided search stopped: the bytes before it hold no frame, so a byte
    /// fed at a time costs one scan of the window, not one per byte.
    private var resumeAt = 0

    private static let windowLength = MPEGFrameSearch.searchLimit + MPEGFrameSearch.confirmationBytes

    public init() {}

    /// Whether the first frame has been found or given up on: more bytes change nothing.
    public var isDecided: Bool { decided }

    /// Takes the next bytes of the stream.
    public mutating func feed(_ bytes: UnsafeRawBufferPointer) {
        guard !decided, !bytes.isEmpty else { return }
        var rest = bytes[...]
        if tagEnd == nil {
            let take = min(rest.count, ID3v2Header.length - header.count)
            header += rest.prefix(take)
            if header.count == ID3v2Header.length || !"ID3".utf8.starts(with: header.prefix(3)) {
                tagEnd = Self.tagLength(header)
            }
        }
        let start = bytesSeen
        bytesSeen += Int64(bytes.count)
        guard let tagEnd else { return }
        if tagEnd < start, window.isEmpty {
            // Bytes after the tag were fed before the tag's size was known: not kept.
            decided = true
            return
        }
        // The part of these bytes at or after the tag's end.
        let skip = Int(max(0, min(Int64(bytes.count), tagEnd - start)))
        rest = bytes[skip...]
        if !rest.isEmpty { window += rest.prefix(Self.windowLength - window.count) }
        if window.count >= Self.windowLength { decide(isEnd: false) } else if !window.isEmpty { decideIfFound() }
    }

    /// The input has ended: decide on what there is.
    public mutating func finish() {
        if !decided { decide(isEnd: true) }
    }

    /// Gives up (a seek before the first frame was found: the bytes that follow are elsewhere).
    public mutating func abandon() {
        decided = true
    }

    /// The stream's length for an object of `objectSize` bytes; nil until decided, or without a frame.
    public func length(objectSize: Int64) -> Length? {
        guard decided, let frame, let tagEnd else { return nil }
        let frameStart = tagEnd + Int64(frame.offset)
        let lengthHeader = MPEGLengthHeader(window, frameStart: frame.offset, frame: frame.header)
        guard let duration = MPEGDuration.of(frame: frame.header, lengthHeader: lengthHeader,
                                             audioBytes: max(0, objectSize - frameStart)) else { return nil }
        return Length(samples: duration.samples, isExact: duration.method != .bitrateEstimate)
    }

    /// Whether the first frame, once decided, is a Xing, Info or VBRI header: a frame that
    /// decoders skip, so a stream of that frame alone holds no audio.
    public var firstFrameIsLengthHeader: Bool {
        guard decided, let frame else { return false }
        return MPEGLengthHeader(window, frameStart: frame.offset, frame: frame.header) != nil
    }

    private mutating func decideIfFound() {
        switch MPEGFrameSearch.search(in: window, from: 0, resumingAt: resumeAt, isEndOfObject: false) {
        case .found(let offset, let found):
            frame = (offset, found)
            decided = true
        case .needMoreBytes(let offset):
            resumeAt = offset
        case .none:
            break
        }
    }

    private mutating func decide(isEnd: Bool) {
        decided = true
        if case .found(let offset, let found) = MPEGFrameSearch.search(in: window, from: 0, resumingAt: resumeAt,
                                                                       isEndOfObject: isEnd) {
            frame = (offset, found)
        }
    }

    /// The leading ID3v2 tag's length (header, body, footer), or 0 without one.
    private static func tagLength(_ header: [UInt8]) -> Int64 {
        if case .header(let found) = ID3v2Header.read(header) { return found.totalLength }
        return 0
    }
}
