/// The frames of one ID3v2 tag, read per its version's structure, with their bodies decoded
/// back to the frame data (unsynchronisation removed, added flag bytes dropped). Frames this
/// reader cannot decode (compressed, encrypted) are skipped; a broken frame ends the reading
/// and says why in `problems`, keeping the frames before it.
struct ID3v2Frames {
    struct Frame: Equatable {
        /// The ID3v2.3/2.4 id, also for ID3v2.2's 3-character ids ("TT2" is "TIT2").
        let id: String
        let body: [UInt8]
    }

    private(set) var frames: [Frame] = []
    private(set) var problems: [String] = []

    /// `tag` starts at the tag's header; it may end before the tag does (a cut-short object).
    init(header: ID3v2Header, tag: [UInt8]) {
        let bodyEnd = min(tag.count, ID3v2Header.length + header.bodyLength)
        guard bodyEnd >= ID3v2Header.length else { return }
        if bodyEnd < ID3v2Header.length + header.bodyLength { problems.append("the ID3v2 tag is cut short") }
        var body = Array(tag[ID3v2Header.length..<bodyEnd])
        switch header.majorVersion {
        case 2:
            // id3v2-00 3.1: no compression scheme was ever defined, so the tag cannot be read.
            guard !header.bit6 else {
                problems.append("the ID3v2.2 tag is compressed")
                return
            }
            if header.isUnsynchronised { body = removingUnsynchronisation(body[...]) }
            readFrames(body, idLength: 3, start: 0, version: 2, tagUnsynchronised: false)
        case 3:
            // id3v2.3.0 3.1: unsynchronisation covers the whole tag after the header, the
            // extended header included, so it is undone first.
            if header.isUnsynchronised { body = removingUnsynchronisation(body[...]) }
            var start = 0
            if header.bit6 {
                // 3.2: the extended header's size (6 or 10) excludes its own 4 size bytes.
                guard let size = body.bigEndian(at: 0, width: 4), Int(size) <= body.count - 4 else {
                    problems.append("the ID3v2.3 extended header is broken")
                    return
                }
                start = 4 + Int(size)
            }
            readFrames(body, idLength: 4, start: start, version: 3, tagUnsynchronised: false)
        case 4:
            var start = 0
            if header.bit6 {
                // id3v2.4.0-structure 3.2: a syncsafe size that counts the whole extended header.
                guard let sizeBytes = body.bytes(at: 0, count: 4), let size = syncsafeValue(sizeBytes),
                      size >= 6, size <= body.count else {
                    problems.append("the ID3v2.4 extended header is broken")
                    return
                }
                start = size
            }
            // In ID3v2.4 unsynchronisation is per frame (6.1); the tag flag says all frames have it.
            readFrames(body, idLength: 4, start: start, version: 4, tagUnsynchronised: header.isUnsynchronised)
        default:
            problems.append("ID3v2.\(header.majorVersion) tags are not read")
        }
    }

    private mutating func readFrames(_ body: [UInt8], idLength: Int, start: Int, version: Int,
                                     tagUnsynchronised: Bool) {
        let headerLength = version == 2 ? 6 : 10
        var position = start
        while position + headerLength <= body.count {
            // Padding (id3v2.4.0-structure 3.3): zero bytes up to the tag's end.
            if body[position] == 0 { return }
            guard let idBytes = body.bytes(at: position, count: idLength), idBytes.allSatisfy(Self.isIDCharacter) else {
                return problems.append("the ID3v2 tag holds no valid frame at byte \(ID3v2Header.length + position)")
            }
            let id = String(decoding: idBytes, as: UTF8.self)
            guard let size = frameSize(body, at: position, version: version) else {
                return problems.append("the ID3v2 frame \(id) is longer than its tag")
            }
            let dataStart = position + headerLength
            guard size <= body.count - dataStart else {
                return problems.append("the ID3v2 frame \(id) is longer than its tag")
            }
            let flags = version == 2 ? 0 : Int(body[position + 9])
            let data = body[dataStart..<(dataStart + size)]
            if let decoded = Self.frameData(data, flags: flags, version: version,
                                            tagUnsynchronised: tagUnsynchronised) {
                frames.append(Frame(id: version == 2 ? Self.id3v23ID(id) : id, body: decoded))
            }
            position = dataStart + size
        }
    }

    /// The frame's size: 24-bit in ID3v2.2, 32-bit in ID3v2.3, syncsafe in ID3v2.4 (4.1).
    /// iTunes wrote ID3v2.4 sizes as plain 32-bit integers; when the syncsafe reading of a size
    /// of 128 or more lands where no frame starts and the plain one lands on a frame, padding or
    /// the tag's end, the plain one is taken.
    private func frameSize(_ body: [UInt8], at position: Int, version: Int) -> Int? {
        if version == 2 { return body.bigEndian(at: position + 3, width: 3).map(Int.init) }
        guard let plain = body.bigEndian(at: position + 4, width: 4).map(Int.init) else { return nil }
        guard version == 4 else { return plain }
        guard let sizeBytes = body.bytes(at: position + 4, count: 4), let syncsafe = syncsafeValue(sizeBytes) else {
            return plain
        }
        let dataStart = position + 10
        if syncsafe != plain, !isFrameBoundary(body, dataStart + syncsafe), isFrameBoundary(body, dataStart + plain) {
            return plain
        }
        return syncsafe
    }

    private func isFrameBoundary(_ body: [UInt8], _ position: Int) -> Bool {
        if position == body.count { return true }
        guard position >= 0, position < body.count else { return false }
        if body[position] == 0 { return true }
        return body.bytes(at: position, count: 4)?.allSatisfy(Self.isIDCharacter) ?? false
    }

    /// Frame flags, second byte: ID3v2.3 (3.3.1) %ijk00000 compression, encryption, grouping;
    /// ID3v2.4 (4.1.2) %0h00kmnp grouping, compression, encryption, unsynchronisation, data length
    /// indicator. Bytes added by flags precede the data in the flags' order. Nil: not decodable.
    private static func frameData(_ data: ArraySlice<UInt8>, flags: Int, version: Int,
                                  tagUnsynchronised: Bool) -> [UInt8]? {
        switch version {
        case 3:
            if flags & 0x80 != 0 || flags & 0x40 != 0 { return nil }
            return Array(data.dropFirst(flags & 0x20 != 0 ? 1 : 0))
        case 4:
            if flags & 0x08 != 0 || flags & 0x04 != 0 { return nil }
            var bytes = tagUnsynchronised || flags & 0x02 != 0 ? removingUnsynchronisation(data) : Array(data)
            let added = (flags & 0x40 != 0 ? 1 : 0) + (flags & 0x01 != 0 ? 4 : 0)
            guard added <= bytes.count else { return nil }
            bytes.removeFirst(added)
            return bytes
        default:
            return Array(data)
        }
    }

    /// Frame ids are capitals A-Z and digits 0-9 (id3v2.4.0-structure 4).
    private static func isIDCharacter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte)
    }

    /// The ID3v2.2 text frames this reader uses (id3v2-00 4.2), by their ID3v2.3 names.
    /// TCP is iTunes' own, as TCMP is in ID3v2.3/2.4.
    private static func id3v23ID(_ id: String) -> String {
        let names = ["TT2": "TIT2", "TP1": "TPE1", "TP2": "TPE2", "TAL": "TALB", "TRK": "TRCK",
                     "TPA": "TPOS", "TYE": "TYER", "TCO": "TCON", "TCP": "TCMP"]
        return names[id] ?? id
    }
}
