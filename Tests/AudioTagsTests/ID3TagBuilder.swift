/// Writes ID3v2.2, 2.3 and 2.4 tags byte by byte as the specifications lay them out
/// (id3v2-00, id3v2.3.0, id3v2.4.0-structure), independently of the reader under test.
struct ID3TagBuilder {
    enum Version: UInt8 { case v2_2 = 2, v2_3 = 3, v2_4 = 4 }

    enum TextEncoding {
        case latin1
        case utf16LittleEndianBOM
        case utf16BigEndianBOM
        case utf16BigEndian
        case utf8

        var byte: UInt8 {
            switch self {
            case .latin1: return 0
            case .utf16LittleEndianBOM, .utf16BigEndianBOM: return 1
            case .utf16BigEndian: return 2
            case .utf8: return 3
            }
        }

        func encode(_ text: String) -> [UInt8] {
            switch self {
            case .latin1: return text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
            case .utf8: return Array(text.utf8)
            case .utf16BigEndian: return text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
            case .utf16BigEndianBOM: return [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
            case .utf16LittleEndianBOM: return [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
            }
        }

        var terminator: [UInt8] {
            switch self {
            case .latin1, .utf8: return [0]
            default: return [0, 0]
            }
        }
    }

    var version: Version
    /// Tag-level unsynchronisation; in ID3v2.4 also each frame's flag.
    var unsynchronise = false
    var extendedHeader = false
    /// ID3v2.4 only.
    var footer = false
    var paddingLength = 0
    /// ID3v2.4 frame sizes as plain 32-bit integers, as iTunes wrote them.
    var plainFrameSizesInV24 = false
    private(set) var frames: [(id: String, body: [UInt8])] = []

    init(_ version: Version) {
        self.version = version
    }

    /// A text frame with one value or several (NUL-separated, ID3v2.4 4.2). `id` is the
    /// ID3v2.3/2.4 id; ID3v2.2 tags get the 3-character one.
    mutating func text(_ id: String, _ values: String..., encoding: TextEncoding = .latin1) {
        var body: [UInt8] = [encoding.byte]
        for (index, value) in values.enumerated() {
            if index > 0 { body += encoding.terminator }
            body += encoding.encode(value)
        }
        frame(id, body)
    }

    /// An attached picture (APIC, 4.14; PIC in ID3v2.2) of `length` bytes of image data that
    /// contains 0xFF 0xE0-style false syncs, so unsynchronisation has work to do.
    mutating func picture(length: Int) {
        var body: [UInt8] = [0]
        if version == .v2_2 {
            body += Array("PNG".utf8)
        } else {
            body += Array("image/png".utf8) + [0]
        }
        body += [3] + Array("cover".utf8) + [0]
        body += (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ ($0 >> 8)) }
        frame(version == .v2_2 ? "PIC" : "APIC", body)
    }

    mutating func frame(_ id: String, _ body: [UInt8]) {
        frames.append((version == .v2_2 ? Self.v22IDs[id] ?? id : id, body))
    }

    func build() -> [UInt8] {
        var body: [UInt8] = []
        if extendedHeader {
            switch version {
            case .v2_2: break
            // id3v2.3.0 3.2: size 6 (excluding itself), flags, padding size.
            case .v2_3: body += [0, 0, 0, 6, 0, 0] + Self.bigEndian32(paddingLength)
            // id3v2.4.0-structure 3.2: syncsafe size 6 (including itself), one flag byte, no flags.
            case .v2_4: body += Self.syncsafe(6) + [1, 0]
            }
        }
        for frame in frames {
            var data = frame.body
            if version == .v2_4 && unsynchronise { data = Self.unsynchronised(data) }
            body += Array(frame.id.utf8)
            switch version {
            case .v2_2: body += Array(Self.bigEndian32(data.count).dropFirst())
            case .v2_3: body += Self.bigEndian32(data.count) + [0, 0]
            case .v2_4:
                body += plainFrameSizesInV24 ? Self.bigEndian32(data.count) : Self.syncsafe(data.count)
                body += [0, unsynchronise ? 0x02 : 0]
            }
            body += data
        }
        body += [UInt8](repeating: 0, count: paddingLength)
        if version != .v2_4 && unsynchronise { body = Self.unsynchronised(body) }

        var flags: UInt8 = 0
        if unsynchronise { flags |= 0x80 }
        if extendedHeader && version != .v2_2 { flags |= 0x40 }
        if footer && version == .v2_4 { flags |= 0x10 }
        let header = Array("ID3".utf8) + [version.rawValue, 0, flags] + Self.syncsafe(body.count)
        let trailer = footer && version == .v2_4 ? Array("3DI".utf8) + header.dropFirst(3) : []
        return header + body + trailer
    }

    /// id3v2.4.0-structure 6.1: a 0x00 after each 0xFF followed by %111xxxxx or 0x00, or ending the data.
    static func unsynchronised(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        for (index, byte) in bytes.enumerated() {
            output.append(byte)
            guard byte == 0xFF else { continue }
            let next = index + 1 < bytes.count ? bytes[index + 1] : nil
            if next == nil || next! >= 0xE0 || next! == 0 { output.append(0) }
        }
        return output
    }

    static func syncsafe(_ value: Int) -> [UInt8] {
        [UInt8(value >> 21 & 0x7F), UInt8(value >> 14 & 0x7F), UInt8(value >> 7 & 0x7F), UInt8(value & 0x7F)]
    }

    static func bigEndian32(_ value: Int) -> [UInt8] {
        [UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    private static let v22IDs = ["TIT2": "TT2", "TPE1": "TP1", "TPE2": "TP2", "TALB": "TAL", "TRCK": "TRK",
                                 "TPOS": "TPA", "TYER": "TYE", "TCON": "TCO", "TCMP": "TCP"]
}

/// The last 128 bytes of an ID3v1 (or, with a track, v1.1) tagged file.
func id3v1Block(title: String, artist: String, album: String, year: String, comment: String,
                track: UInt8?, genre: UInt8) -> [UInt8] {
    func field(_ text: String, _ length: Int) -> [UInt8] {
        let bytes = text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }.prefix(length)
        return Array(bytes) + [UInt8](repeating: 0, count: length - bytes.count)
    }
    var commentField = field(comment, 30)
    if let track {
        commentField[28] = 0
        commentField[29] = track
    }
    return Array("TAG".utf8) + field(title, 30) + field(artist, 30) + field(album, 30) + field(year, 4)
        + commentField + [genre]
}
