/// The 10-byte header that starts an ID3v2 tag (id3v2.4.0-structure 3.1; id3v2.3.0 3.1):
/// "ID3", major version, revision, flags, and the tag's size as a 28-bit syncsafe integer
/// that counts neither the header nor the footer.
struct ID3v2Header: Equatable {
    static let length = 10

    let majorVersion: Int
    let flags: UInt8
    /// The tag's bytes after the header (extended header, frames, padding), footer excluded.
    let bodyLength: Int

    enum Reading: Equatable {
        /// The bytes do not start with "ID3".
        case absent
        /// "ID3" with a header that cannot be one: the reason in words.
        case invalid(String)
        case header(ID3v2Header)
    }

    static func read(_ bytes: [UInt8]) -> Reading {
        guard bytes.hasASCII("ID3", at: 0) else { return .absent }
        guard let major = bytes.byte(at: 3), let revision = bytes.byte(at: 4), let flags = bytes.byte(at: 5),
              let sizeBytes = bytes.bytes(at: 6, count: 4) else {
            return .invalid("the ID3v2 header is cut short")
        }
        // Version and revision bytes are never 0xFF (3.1), so a false "ID3" shows there.
        guard major != 0xFF, revision != 0xFF else { return .invalid("the ID3v2 header has no valid version") }
        guard let size = syncsafeValue(sizeBytes) else {
            return .invalid("the ID3v2 tag size is not a syncsafe integer")
        }
        return .header(ID3v2Header(majorVersion: Int(major), flags: flags, bodyLength: size))
    }

    /// Flag bit 7 in every version: unsynchronisation applied.
    var isUnsynchronised: Bool { flags & 0x80 != 0 }
    /// Bit 6: ID3v2.2 compression (never defined, so such a tag is unreadable); ID3v2.3/2.4
    /// extended header.
    var bit6: Bool { flags & 0x40 != 0 }
    /// Bit 4, ID3v2.4 only: a 10-byte footer ("3DI") after the tag (id3v2.4.0-structure 3.4).
    var hasFooter: Bool { majorVersion == 4 && flags & 0x10 != 0 }

    /// The whole tag: header, body and footer.
    var totalLength: Int64 { Int64(Self.length) + Int64(bodyLength) + (hasFooter ? 10 : 0) }

    var source: AudioTagSource? {
        switch majorVersion {
        case 2: return .id3v2_2
        case 3: return .id3v2_3
        case 4: return .id3v2_4
        default: return nil
        }
    }
}
