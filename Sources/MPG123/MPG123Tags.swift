import CMPG123

/// The tags of one stream, from ID3v2 (libmpg123 converts every text encoding to UTF-8) with
/// ID3v1 filling the fields ID3v2 lacks. Multi-valued ID3v2.4 fields (NUL-separated) give
/// their first value. Empty fields are nil.
public struct MPG123Tags: Equatable, Sendable {
    public var title: String?
    public var artist: String?
    public var album: String?
    /// TPE2 ("band/orchestra", used by players as the album artist).
    public var albumArtist: String?
    /// TYER (ID3v2.3), TDRC (ID3v2.4, may be a full date) or the ID3v1 year.
    public var year: String?
    /// A name: ID3v2.3 "(17)" references and ID3v1 indices are looked up in the ID3v1 list.
    public var genre: String?
    /// TRCK as written, e.g. "3/12", or the ID3v1.1 track number.
    public var track: String?
    /// TPOS as written, e.g. "1/2".
    public var disc: String?
    /// The comment without a description (COMM), or the ID3v1 comment.
    public var comment: String?

    public init(title: String? = nil, artist: String? = nil, album: String? = nil,
                albumArtist: String? = nil, year: String? = nil, genre: String? = nil,
                track: String? = nil, disc: String? = nil, comment: String? = nil) {
        self.title = title
        self.artist = artist
        self.album = album
        self.albumArtist = albumArtist
        self.year = year
        self.genre = genre
        self.track = track
        self.disc = disc
        self.comment = comment
    }

    /// Copies everything out of libmpg123's structures, which live only until the next decode call.
    init(v1: mpg123_id3v1?, v2: mpg123_id3v2?) {
        if let v2 {
            let texts = Array(UnsafeBufferPointer(start: v2.text, count: v2.text == nil ? 0 : v2.texts))
            // The last frame with the id wins, as for libmpg123's own title/artist/... pointers.
            func frame(_ id: String) -> String? {
                texts.last { Self.frameID($0) == id }.flatMap { Self.firstValue($0.text) }
            }
            title = Self.firstValue(v2.title?.pointee)
            artist = Self.firstValue(v2.artist?.pointee)
            album = Self.firstValue(v2.album?.pointee)
            albumArtist = frame("TPE2")
            year = Self.firstValue(v2.year?.pointee) ?? frame("TDRC")
            genre = Self.firstValue(v2.genre?.pointee).map(Self.genreName)
            track = frame("TRCK")
            disc = frame("TPOS")
            comment = Self.firstValue(v2.comment?.pointee)
        }
        if let v1, Self.latin1(v1.tag) == "TAG" {
            title = title ?? Self.latin1(v1.title)
            artist = artist ?? Self.latin1(v1.artist)
            album = album ?? Self.latin1(v1.album)
            year = year ?? Self.latin1(v1.year)
            genre = genre ?? ID3v1Genre.name(Int(v1.genre))
            comment = comment ?? Self.latin1(v1.comment)
            // ID3v1.1: a zero byte at comment[28] makes comment[29] the track number.
            let commentBytes = withUnsafeBytes(of: v1.comment) { Array($0) }
            if track == nil, commentBytes[28] == 0, commentBytes[29] != 0 {
                track = String(commentBytes[29])
            }
        }
    }

    /// The tags of a file's last 128 bytes when they are an ID3v1 tag ("TAG" first), for a
    /// reader that fetches them on their own: in feed mode libmpg123 sees ID3v1 only once the
    /// whole file has been fed. Nil when the block is no ID3v1 tag or holds no field.
    public init?(id3v1Block block: [UInt8]) {
        var v1 = mpg123_id3v1()
        // mpg123_id3v1 is the tag's own layout: byte arrays of 3, 30, 30, 30, 4 and 30, and the
        // genre byte, 128 bytes without padding.
        guard block.count == MemoryLayout<mpg123_id3v1>.size else { return nil }
        withUnsafeMutableBytes(of: &v1) { $0.copyBytes(from: block) }
        self.init(v1: v1, v2: nil)
        if self == MPG123Tags() { return nil }
    }

    /// The text up to the first NUL; `fill` counts the terminating NUL.
    private static func firstValue(_ string: mpg123_string?) -> String? {
        guard let string, let bytes = string.p, string.fill > 0 else { return nil }
        let buffer = UnsafeRawBufferPointer(start: bytes, count: string.fill)
        let value = String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
        return value.isEmpty ? nil : value
    }

    private static func frameID(_ text: mpg123_text) -> String {
        withUnsafeBytes(of: text.id) { String(decoding: $0, as: UTF8.self) }
    }

    /// ID3v1 fields: fixed-size ISO-8859-1, not terminated, padded with NULs or spaces.
    private static func latin1<Field>(_ field: Field) -> String? {
        withUnsafeBytes(of: field) { raw in
            let bytes = raw.prefix { $0 != 0 }
            var value = String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
            while value.last == " " { value.removeLast() }
            return value.isEmpty ? nil : value
        }
    }

    /// "(17)" → "Rock", "(17)Rock" → "Rock", "17" → "Rock" (ID3v2.3 TCON, section 4.2.1);
    /// anything else as written.
    static func genreName(_ genre: String) -> String {
        if let index = Int(genre), let name = ID3v1Genre.name(index) { return name }
        guard genre.first == "(", let close = genre.firstIndex(of: ")") else { return genre }
        let rest = genre[genre.index(after: close)...]
        if !rest.isEmpty { return String(rest) }
        switch genre[genre.index(after: genre.startIndex)..<close] {
        case "RX": return "Remix"
        case "CR": return "Cover"
        case let number: return Int(number).flatMap(ID3v1Genre.name) ?? genre
        }
    }
}
