/// Walks an ID3v2 tag from its frame headers, so that a tag holding a 1 MB cover costs a few KiB:
/// the text frames the catalog uses (T***, COMM) are read; pictures and other binary frames
/// (APIC, GEOB, PRIV, USLT, …) are stepped over by their sizes, the next read starting past them.
/// Each step either asks for bytes or is done; the result is a tag of the kept frames only, read
/// by `ID3v2Frames` as any tag.
///
/// Tags whose frame headers are not where their sizes say in the stored bytes cannot be walked:
/// ID3v2.2/2.3 with tag-wide unsynchronisation (sizes count the bytes after 0x00 removal), and
/// an extended header whose size is not believable. Those are read whole, up to the tag's end,
/// as before. An extended header is kept as it is, in front of the kept frames.
struct ID3v2FrameWalk: Sendable {
    /// A read inside the tag asks for at least this much: the frame headers after a picture are
    /// usually a few short text frames. Also the distance to the tag's end below which one read
    /// takes the rest of the tag and the audio window together.
    static let walkChunk: Int64 = 4_096
    /// Text frames longer than this are not read (no title or artist is 64 KiB long).
    static let longestKeptFrame = 65_536
    /// Reads inside the tag at most; a tag of hundreds of small binary frames stops there.
    static let maximumReads = 8

    enum Step: Equatable {
        case need(Range<Int64>)
        case done
    }

    let header: ID3v2Header
    /// Where the audio window starts and how long it is: folded into the last read of the tag.
    let tagEnd: Int64
    let audioWindow: Int64
    let objectSize: Int64
    private(set) var walks: Bool
    private var position: Int64 = Int64(ID3v2Header.length)
    /// The extended header's bytes (id3v2.3.0 3.2, id3v2.4.0-structure 3.2), once read.
    private var extendedHeader: [UInt8]?
    private var kept: [UInt8] = []
    private var reads = 0
    private var finished = false
    private(set) var problems: [String] = []

    init(header: ID3v2Header, objectSize: Int64, audioWindow: Int64) {
        self.header = header
        self.objectSize = objectSize
        self.audioWindow = audioWindow
        tagEnd = header.totalLength
        walks = !(header.isUnsynchronised && header.majorVersion < 4) && (2...4).contains(header.majorVersion)
            && !(header.majorVersion == 2 && header.bit6)
    }

    private var bodyEnd: Int64 { Int64(ID3v2Header.length + header.bodyLength) }
    private var frameHeaderLength: Int64 { header.majorVersion == 2 ? 6 : 10 }

    /// What to read next, given what has been read.
    mutating func next(_ known: KnownBytes) -> Step {
        guard !finished else { return .done }
        guard walks else {
            // The whole tag, contiguous from its start, and the audio window with it.
            let have = Int64(known.contiguous(from: 0, upTo: tagEnd).count)
            if have >= tagEnd { return finish() }
            return ask(from: have, through: tagEnd)
        }
        if header.bit6, header.majorVersion > 2, extendedHeader == nil {
            let start = Int64(ID3v2Header.length)
            guard let sizeBytes = known.bytes(start..<(start + 4)) else { return ask(from: start, through: start + 4) }
            // ID3v2.3: a plain size that leaves out its own 4 bytes; ID3v2.4: a syncsafe size of it all.
            let length = header.majorVersion == 3 ? sizeBytes.bigEndian(at: 0, width: 4).map { Int64($0) + 4 }
                : syncsafeValue(sizeBytes[...]).map(Int64.init)
            guard let length, length >= 6, start + length <= bodyEnd else {
                walks = false
                return next(known)
            }
            guard let bytes = known.bytes(start..<(start + length)) else { return ask(from: start, through: start + length) }
            extendedHeader = bytes
            position = start + length
        }
        while position + frameHeaderLength <= bodyEnd {
            guard let head = known.bytes(position..<(position + frameHeaderLength)) else {
                return ask(from: position, through: position + frameHeaderLength)
            }
            // Padding (id3v2.4.0-structure 3.3): zero bytes up to the tag's end.
            if head[0] == 0 { return finish() }
            let idLength = header.majorVersion == 2 ? 3 : 4
            guard head.prefix(idLength).allSatisfy(Self.isIDCharacter) else {
                problems.append("the ID3v2 tag holds no valid frame at byte \(position)")
                return finish()
            }
            let id = String(decoding: head.prefix(idLength), as: UTF8.self)
            let size = frameSize(head, at: position, known: known)
            let frameEnd = position + frameHeaderLength + size
            guard frameEnd <= bodyEnd else {
                problems.append("the ID3v2 frame \(id) is longer than its tag")
                return finish()
            }
            if Self.isKept(id), size <= Self.longestKeptFrame {
                guard let frame = known.bytes(position..<frameEnd) else { return ask(from: position, through: frameEnd) }
                kept += frame
            }
            position = frameEnd
        }
        return finish()
    }

    /// The kept frames as a tag of their own (header first), with its header.
    func keptTag(_ known: KnownBytes) -> (header: ID3v2Header, tag: [UInt8]) {
        guard walks else { return (header, known.contiguous(from: 0, upTo: tagEnd)) }
        // No footer: the kept frames end the tag.
        let extended = extendedHeader ?? []
        let compacted = ID3v2Header(majorVersion: header.majorVersion, flags: header.flags & ~0x10,
                                    bodyLength: extended.count + kept.count)
        return (compacted, (known.bytes(0..<Int64(ID3v2Header.length)) ?? []) + extended + kept)
    }

    private mutating func finish() -> Step {
        finished = true
        return .done
    }

    /// A read from `start` that holds at least up to `end`, a walk chunk when the tag goes on,
    /// and the audio window after the tag when the tag's end is near.
    private mutating func ask(from start: Int64, through end: Int64) -> Step {
        reads += 1
        guard reads <= Self.maximumReads, start < objectSize else {
            if reads > Self.maximumReads { problems.append("the ID3v2 tag has too many large frames to step over") }
            return finish()
        }
        var upper = max(end, min(start + Self.walkChunk, tagEnd))
        if tagEnd - upper < Self.walkChunk { upper = max(upper, tagEnd + audioWindow) }
        return .need(start..<min(objectSize, upper))
    }

    /// 24-bit in ID3v2.2, 32-bit in ID3v2.3, syncsafe in ID3v2.4 (4.1). iTunes wrote ID3v2.4
    /// sizes as plain integers: as in `ID3v2Frames`, the plain size is taken when the syncsafe
    /// one lands where no frame starts and the plain one lands on a frame (when those bytes are known).
    private func frameSize(_ head: [UInt8], at position: Int64, known: KnownBytes) -> Int64 {
        if header.majorVersion == 2 { return Int64(head.bigEndian(at: 3, width: 3) ?? 0) }
        let plain = Int64(head.bigEndian(at: 4, width: 4) ?? 0)
        guard header.majorVersion == 4 else { return plain }
        guard let bytes = head.bytes(at: 4, count: 4), let syncsafe = syncsafeValue(bytes).map(Int64.init) else {
            return plain
        }
        let dataStart = position + 10
        if syncsafe != plain, isFrameBoundary(dataStart + syncsafe, known) == false,
           isFrameBoundary(dataStart + plain, known) == true {
            return plain
        }
        return syncsafe
    }

    /// Nil when the bytes there have not been read.
    private func isFrameBoundary(_ position: Int64, _ known: KnownBytes) -> Bool? {
        if position == bodyEnd { return true }
        guard position < bodyEnd else { return false }
        guard let first = known.bytes(position..<(position + 1)) else { return nil }
        if first[0] == 0 { return true }
        guard let id = known.bytes(position..<(position + 4)) else { return nil }
        return id.allSatisfy(Self.isIDCharacter)
    }

    /// The frames `ID3v2Fields` reads: text frames and comments (ID3v2.2: T??, COM).
    static func isKept(_ id: String) -> Bool {
        id.hasPrefix("T") || id == "COMM" || id == "COM"
    }

    private static func isIDCharacter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte)
    }
}
