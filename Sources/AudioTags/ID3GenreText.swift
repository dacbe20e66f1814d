/// The genre a TCON (TCO in ID3v2.2) value names.
///
/// ID3v2.2/2.3 (id3v2.3.0 4.2.1 TCON): references to the ID3v1 list in parentheses, "(13)", or
/// "(RX)" remix and "(CR)" cover, optionally followed by a refinement in words, "(4)Eurodisco";
/// a text that itself starts with "(" is written "((". ID3v2.4 (id3v2.4.0-frames 4.1.1): the
/// bare number "13", "RX", "CR", or words. The refinement, when there is one, is the most
/// specific name; otherwise the first reference's name; otherwise the text as written.
enum ID3GenreText {
    static func name(_ text: String) -> String? {
        let trimmed = text.trimmingSpaces
        if trimmed.isEmpty { return nil }
        if let reference = referenceName(trimmed) { return reference }
        guard trimmed.first == "(" else { return trimmed }
        if trimmed.hasPrefix("((") { return String(trimmed.dropFirst()) }

        var rest = Substring(trimmed)
        var firstReference: String?
        while rest.first == "(", !rest.hasPrefix("(("), let close = rest.firstIndex(of: ")") {
            let inside = rest[rest.index(after: rest.startIndex)..<close]
            firstReference = firstReference ?? referenceName(String(inside)) ?? String(inside)
            rest = rest[rest.index(after: close)...]
        }
        if rest.hasPrefix("((") { rest = rest.dropFirst() }
        let refinement = String(rest).trimmingSpaces
        return refinement.isEmpty ? firstReference : refinement
    }

    /// "13" → "Alternative"... as the ID3v1 list numbers it; "RX" and "CR" as ID3v2 defines them.
    private static func referenceName(_ text: String) -> String? {
        switch text {
        case "RX": return "Remix"
        case "CR": return "Cover"
        default:
            guard !text.isEmpty, text.count <= 3, text.allSatisfy(\.isASCIIDigit), let index = Int(text) else {
                return nil
            }
            return ID3v1Genre.name(index)
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension String {
    /// Without leading and trailing spaces and NULs: ID3v1 pads its fields with either.
    var trimmingSpaces: String {
        let isPadding: (Character) -> Bool = { $0 == " " || $0 == "\0" }
        guard let first = firstIndex(where: { !isPadding($0) }), let last = lastIndex(where: { !isPadding($0) }) else {
            return ""
        }
        return String(self[first...last])
    }

    /// The leading decimal number of "3/12" or "03", or nil.
    var leadingNumber: Int? {
        let digits = trimmingSpaces.prefix(while: \.isASCIIDigit)
        return digits.isEmpty || digits.count > 9 ? nil : Int(digits)
    }
}
