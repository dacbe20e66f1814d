import PlaybackCore
/// Reads a file's leading ID3v2 tag without its pictures: the text and comment frames are read,
/// every other frame (APIC, GEOB, PRIV, …) is stepped over with a seek, so a 3 MB cover costs no
/// transfer. What is kept is rebuilt into a smaller tag of the same version for the decoder to
/// parse, as if the file had only those frames.
///
/// Tags this cannot walk safely are read whole: ID3v2.2 (other frame layout), whole-tag
/// unsynchronisation (the frame sizes are then of the unsynchronised bytes, read differently by
/// different writers), an extended header, or frame sizes that do not add up.
enum ID3v2TagSkimmer {
    struct Skimmed {
        /// Feed these to the decoder first, then the source from `resumeOffset`.
        var bytesToFeed: [UInt8]
        /// The source's read position now: the first file byte after those fed.
        var resumeOffset: Int64
        /// Where the leading tag ends in the file (0 without one).
        var tagEnd: Int64
        /// File bytes that will never be fed (the frames stepped over, the padding).
        var skippedBytes: Int64
    }

    static func skim(_ source: ByteSource) throws(ByteSourceError) -> Skimmed {
        let header = try source.read(exactly: 10)
        guard let tagBody = bodySize(header) else {
            return Skimmed(bytesToFeed: header, resumeOffset: Int64(header.count), tagEnd: 0, skippedBytes: 0)
        }
        let footer: Int64 = header[5] & 0x10 != 0 ? 10 : 0
        let tagEnd = 10 + tagBody + footer
        let walkable = (3...4).contains(header[3]) && header[5] & 0xC0 == 0
        if walkable, let kept = try keptFrames(source, syncsafeSizes: header[3] == 4, end: 10 + tagBody) {
            source.seek(to: tagEnd)
            // Same version and revision; no footer, no flags left that change the layout.
            let newHeader: [UInt8] = Array(header[0..<5]) + [0] + syncsafe(kept.count)
            return Skimmed(bytesToFeed: newHeader + kept, resumeOffset: tagEnd, tagEnd: tagEnd,
                           skippedBytes: tagEnd - Int64(10 + kept.count))
        }
        source.seek(to: 10)
        let whole = try source.read(exactly: Int(tagEnd - 10))
        return Skimmed(bytesToFeed: header + whole, resumeOffset: 10 + Int64(whole.count), tagEnd: tagEnd,
                       skippedBytes: 0)
    }

    /// The frames worth parsing for tags: text frames ("T…", TXXX included) and comments.
    static func keeps(_ id: [UInt8]) -> Bool {
        id.first == UInt8(ascii: "T") || id == Array("COMM".utf8)
    }

    /// "ID3", major version 2...4, revision, flags, then a 28-bit syncsafe size that excludes
    /// the header and the footer (id3v2.4.0-structure 3.1).
    static func bodySize(_ header: [UInt8]) -> Int64? {
        guard header.count == 10, header[0...2].elementsEqual("ID3".utf8), (2...4).contains(header[3]),
              header[6...9].allSatisfy({ $0 < 0x80 }) else { return nil }
        return header[6...9].reduce(Int64(0)) { $0 << 7 | Int64($1) }
    }

    /// Walks the frames from offset 10 to `end` (id3v2.3.0 3.3, id3v2.4.0-structure 4: a 4-byte
    /// id, a 4-byte size, plain in 2.3 and syncsafe in 2.4, 2 flag bytes). Padding (a zero
    /// byte where an id would start) ends the walk. Nil when a size runs past the tag.
    private static func keptFrames(_ source: ByteSource, syncsafeSizes: Bool, end: Int64)
        throws(ByteSourceError) -> [UInt8]? {
        var kept: [UInt8] = []
        var position: Int64 = 10
        while position + 10 <= end {
            let frameHeader = try source.read(exactly: 10)
            guard frameHeader.count == 10 else { return nil }
            let id = Array(frameHeader[0..<4])
            if id[0] == 0 { break }
            guard id.allSatisfy({ (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) }) else { return nil }
            let size = frameHeader[4..<8].reduce(Int64(0)) { syncsafeSizes ? $0 << 7 | Int64($1) : $0 << 8 | Int64($1) }
            let next = position + 10 + size
            guard next <= end else { return nil }
            if keeps(id) {
                let body = try source.read(exactly: Int(size))
                guard body.count == Int(size) else { return nil }
                kept += frameHeader + body
            } else {
                source.seek(to: next)
            }
            position = next
        }
        return kept
    }

    private static func syncsafe(_ value: Int) -> [UInt8] {
        [UInt8(value >> 21 & 0x7F), UInt8(value >> 14 & 0x7F), UInt8(value >> 7 & 0x7F), UInt8(value & 0x7F)]
    }
}
