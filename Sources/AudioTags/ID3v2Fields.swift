/// Fills a summary from an ID3v2 tag's text frames. When a frame appears more than once the
/// first counts; of an ID3v2.4 frame's several values the first counts.
enum ID3v2Fields {
    static func read(_ frames: [ID3v2Frames.Frame], into summary: inout AudioTagSummary) {
        func text(_ id: String) -> String? {
            guard let frame = frames.first(where: { $0.id == id }) else { return nil }
            return ID3TextDecoding.values(ofTextFrame: frame.body[...]).first?.trimmingSpaces.nonEmpty
        }
        let trackText = text("TRCK"), discText = text("TPOS"), yearText = text("TDRC") ?? text("TYER")
        summary.trackText = trackText
        summary.discText = discText
        summary.yearText = yearText.flatMap { year($0) == nil ? nil : $0 }
        summary.comment = comment(frames)
        summary.title = text("TIT2")
        summary.artist = text("TPE1")
        summary.album = text("TALB")
        summary.albumArtist = text("TPE2")
        (summary.trackNumber, summary.trackTotal) = numberAndTotal(text("TRCK"))
        (summary.discNumber, summary.discTotal) = numberAndTotal(text("TPOS"))
        // TDRC is ID3v2.4's recording time (a timestamp, id3v2.4.0-structure 4); TYER is
        // ID3v2.3's year; TDAT holds only day and month, so it adds nothing here.
        summary.year = (text("TDRC") ?? text("TYER")).flatMap(year)
        summary.genre = text("TCON").flatMap(ID3GenreText.name)
        summary.isCompilation = text("TCMP") == "1"
    }

    /// COMM (id3v2.4.0-frames 4.10): encoding, a 3-byte language, a description, the text. The
    /// first one without a description (iTunes keeps its own data in described ones).
    static func comment(_ frames: [ID3v2Frames.Frame]) -> String? {
        for frame in frames where frame.id == "COMM" && frame.body.count > 4 {
            let encoding = frame.body[0]
            let values = ID3TextDecoding.values(ofTextFrame: [encoding] + frame.body[4...], keepingEmpty: true)
            guard values.count >= 2, values[0].isEmpty else { continue }
            if let text = values[1...].first(where: { !$0.isEmpty })?.trimmingSpaces.nonEmpty { return text }
        }
        return nil
    }

    /// "3/12" → (3, 12); "3" → (3, nil); anything else → (nil, nil).
    static func numberAndTotal(_ text: String?) -> (Int?, Int?) {
        guard let text else { return (nil, nil) }
        let parts = text.split(separator: "/", maxSplits: 1)
        let number = parts.first.flatMap { String($0).leadingNumber }
        let total = parts.count > 1 ? String(parts[1]).leadingNumber : nil
        return (number, total)
    }

    /// The year of "1997", "2014-05-01" or "2014-05-01T20:00": its first four digits.
    static func year(_ text: String) -> Int? {
        let digits = text.trimmingSpaces.prefix(4)
        guard digits.count == 4, digits.allSatisfy(\.isASCIIDigit) else { return nil }
        return Int(digits)
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
