/// A Vorbis comment list (Vorbis I spec 5.2.1; the same structure in FLAC's VORBIS_COMMENT
/// block and Opus' OpusTags, RFC 7845 5.2): a vendor string, then "NAME=value" fields, all
/// lengths 32-bit little-endian. Names are case-insensitive ASCII; a name may repeat (several
/// artists): the first value counts, as for ID3v2.4's several values.
enum VorbisComments {
    /// Fills `summary` from the list starting at `start`; false when no list is there. A list
    /// cut short (a bounded read of a very long one) gives the fields before the cut.
    @discardableResult
    static func read(_ bytes: [UInt8], from start: Int = 0, into summary: inout AudioTagSummary) -> Bool {
        guard let vendorLength = bytes.littleEndian(at: start, width: 4).map(Int.init),
              let count = bytes.littleEndian(at: start + 4 + vendorLength, width: 4) else { return false }
        var fields: [String: String] = [:]
        var position = start + 8 + vendorLength
        for _ in 0..<min(Int(count), 100_000) {
            guard let length = bytes.littleEndian(at: position, width: 4).map(Int.init),
                  let field = bytes.bytes(at: position + 4, count: length) else { break }
            position += 4 + length
            guard let equals = field.firstIndex(of: UInt8(ascii: "=")) else { continue }
            let name = String(decoding: field[field.startIndex..<equals], as: UTF8.self).uppercased()
            let value = String(decoding: field[(equals + 1)...], as: UTF8.self).trimmingSpaces
            if fields[name] == nil, !value.isEmpty { fields[name] = value }
        }
        apply(fields, to: &summary)
        if !fields.isEmpty { summary.tagSource = .vorbisComment }
        return true
    }

    /// The field names of the Xiph recommendation and of the common taggers (foobar2000,
    /// MusicBrainz Picard, mutagen): TRACKTOTAL/TOTALTRACKS, DISCTOTAL/TOTALDISCS, ALBUMARTIST.
    static func apply(_ fields: [String: String], to summary: inout AudioTagSummary) {
        summary.title = fields["TITLE"] ?? summary.title
        summary.artist = fields["ARTIST"] ?? summary.artist
        summary.album = fields["ALBUM"] ?? summary.album
        summary.albumArtist = fields["ALBUMARTIST"] ?? fields["ALBUM ARTIST"] ?? summary.albumArtist
        if let track = fields["TRACKNUMBER"] {
            summary.trackText = track
            let (number, total) = ID3v2Fields.numberAndTotal(track)
            summary.trackNumber = number
            summary.trackTotal = total
        }
        if let total = (fields["TRACKTOTAL"] ?? fields["TOTALTRACKS"]).flatMap({ $0.leadingNumber }) {
            summary.trackTotal = total
        }
        if let disc = fields["DISCNUMBER"] {
            summary.discText = disc
            let (number, total) = ID3v2Fields.numberAndTotal(disc)
            summary.discNumber = number
            summary.discTotal = total
        }
        if let total = (fields["DISCTOTAL"] ?? fields["TOTALDISCS"]).flatMap({ $0.leadingNumber }) {
            summary.discTotal = total
        }
        if let date = fields["DATE"] ?? fields["YEAR"], let year = ID3v2Fields.year(date) {
            summary.year = year
            summary.yearText = date
        }
        summary.genre = fields["GENRE"] ?? summary.genre
        summary.comment = fields["COMMENT"] ?? fields["DESCRIPTION"] ?? summary.comment
        if fields["COMPILATION"] == "1" { summary.isCompilation = true }
    }
}
