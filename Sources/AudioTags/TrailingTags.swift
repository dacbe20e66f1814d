/// The tags writers append after the audio, found from the object's end backwards: ID3v1 (the
/// last 128 bytes), and before it, in any order, APEv2, Lyrics3 (v1 and v2) and an appended
/// ID3v2 tag with a footer. Only their sizes matter here (and ID3v1's fields): a duration
/// estimated from the byte count must not count them as audio.
enum TrailingTags {
    /// The object's last bytes read for them: ID3v1 (128), an APEv2 footer (32) or a Lyrics3v2
    /// end (15) before it, and room for a whole Lyrics3v1 tag (at most 5,100 bytes of lyrics
    /// between "LYRICSBEGIN" and "LYRICSEND", per its spec) and a short APEv2 tag.
    static let tailLength: Int64 = 8_192
    /// Tags stacked before one another that are looked for, at most.
    private static let maximumTags = 4

    /// Where the audio ends, given the object's last bytes `tail` (which start at `tailStart`)
    /// and the object's size: the offset of the first trailing tag, or the object's end.
    /// `id3v1` is the ID3v1 block when there is one.
    static func audioEnd(tail: [UInt8], tailStart: Int64) -> (end: Int64, id3v1: [UInt8]?) {
        var end = tailStart + Int64(tail.count)
        var id3v1: [UInt8]?
        func local(_ offset: Int64) -> Int { Int(offset - tailStart) }
        for _ in 0..<maximumTags {
            // A footer further back than the bytes read is not looked for.
            guard end > tailStart else { break }
            // ID3v1 is usually last, but an appended ID3v2 tag may follow it (Audacious).
            if id3v1 == nil, local(end) >= ID3v1Tag.length, tail.hasASCII("TAG", at: local(end) - ID3v1Tag.length) {
                id3v1 = Array(tail[(local(end) - ID3v1Tag.length)..<local(end)])
                end -= Int64(ID3v1Tag.length)
                continue
            }
            guard let size = tagSize(endingAt: local(end), in: tail), size > 0 else { break }
            end -= Int64(size)
        }
        return (max(0, end), id3v1)
    }

    /// The size of the tag that ends at `end` in `bytes`, from its footer; nil when none does.
    private static func tagSize(endingAt end: Int, in bytes: [UInt8]) -> Int? {
        // APEv2 footer (32 bytes): "APETAGEX", version, the tag's size without the header
        // (footer and items), item count, flags (bit 31: the tag has a 32-byte header too).
        if bytes.hasASCII("APETAGEX", at: end - 32), let size = bytes.littleEndian(at: end - 20),
           let flags = bytes.littleEndian(at: end - 12) {
            let total = Int64(size) + (flags & 0x8000_0000 != 0 ? 32 : 0)
            return total >= 32 && total <= Int64(Int32.max) ? Int(total) : nil
        }
        // Lyrics3v2: the tag's size in 6 ASCII digits (without these 15 bytes), then "LYRICS200".
        if bytes.hasASCII("LYRICS200", at: end - 9), let digits = bytes.bytes(at: end - 15, count: 6),
           digits.allSatisfy({ (0x30...0x39).contains($0) }) {
            return Int(String(decoding: digits, as: UTF8.self)).map { $0 + 15 }
        }
        // Lyrics3v1: "LYRICSBEGIN", at most 5,100 bytes, "LYRICSEND"; no size, so found by search.
        if bytes.hasASCII("LYRICSEND", at: end - 9) {
            let earliest = max(0, end - 9 - 5_100 - 11)
            var start = end - 9 - 11
            while start >= earliest {
                if bytes.hasASCII("LYRICSBEGIN", at: start) { return end - start }
                start -= 1
            }
            return nil
        }
        // An appended ID3v2.4 tag ends in a 10-byte footer, "3DI" and the header's fields
        // (id3v2.4.0-structure 3.4): the tag is the body plus header and footer.
        if bytes.hasASCII("3DI", at: end - 10), let sizeBytes = bytes.bytes(at: end - 4, count: 4),
           let size = syncsafeValue(sizeBytes) {
            return size + 20
        }
        // An appended ID3v2.3 tag has no footer: an "ID3" header whose size ends exactly here.
        var start = end - ID3v2Header.length
        while start >= 0 {
            if bytes.hasASCII("ID3", at: start), case .header(let header) = ID3v2Header.read(Array(bytes[start...])),
               Int64(start) + header.totalLength == Int64(end) {
                return end - start
            }
            start -= 1
        }
        return nil
    }
}

extension Array where Element == UInt8 {
    /// A little-endian 32-bit unsigned integer (APEv2 is little-endian throughout).
    func littleEndian(at start: Int) -> UInt32? {
        bytes(at: start, count: 4).map { $0.reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) } }
    }
}
