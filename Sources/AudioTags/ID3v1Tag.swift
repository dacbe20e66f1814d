/// ID3v1 and ID3v1.1: the last 128 bytes of a file, "TAG", then fixed ISO-8859-1 fields padded
/// with NULs or spaces: title 30, artist 30, album 30, year 4, comment 30, genre 1. In v1.1 a
/// NUL at comment byte 28 makes byte 29 the track number.
enum ID3v1Tag {
    static let length = 128

    /// Fills `summary` from `block`; false when it is no ID3v1 tag.
    static func read(_ block: [UInt8], into summary: inout AudioTagSummary) -> Bool {
        guard block.count == length, block.hasASCII("TAG", at: 0) else { return false }
        func field(_ start: Int, _ count: Int) -> String? {
            guard let bytes = block.bytes(at: start, count: count) else { return nil }
            let value = ID3TextDecoding.latin1(bytes.prefix { $0 != 0 }).trimmingSpaces
            return value.isEmpty ? nil : value
        }
        summary.title = field(3, 30)
        summary.artist = field(33, 30)
        summary.album = field(63, 30)
        summary.year = field(93, 4).flatMap(ID3v2Fields.year)
        summary.yearText = summary.year.map(String.init)
        let isV1_1 = block[125] == 0 && block[126] != 0
        if isV1_1 {
            summary.trackNumber = Int(block[126])
            summary.trackText = String(block[126])
        }
        summary.comment = field(97, isV1_1 ? 28 : 30)
        summary.genre = ID3v1Genre.name(Int(block[127]))
        summary.tagSource = .id3v1
        return true
    }
}
