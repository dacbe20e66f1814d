/// Text frame bodies (id3v2.4.0-structure 4; id3v2.3.0 3.3): an encoding byte, then the text.
/// ID3v2.4 text frames may hold several values separated by a NUL (id3v2.4.0-frames 4.2);
/// `values` gives them all, empty ones dropped.
enum ID3TextDecoding {
    /// The values of a text frame body, encoding byte first. Unknown encodings give nothing.
    /// `keepingEmpty` keeps empty values in place (a COMM frame's empty description).
    static func values(ofTextFrame body: ArraySlice<UInt8>, keepingEmpty: Bool = false) -> [String] {
        guard let encoding = body.first else { return [] }
        let text = body.dropFirst()
        let values: [String]
        switch encoding {
        case 0: values = split(text, unit: 1).map(latin1OrMislabelledUTF16)
        case 1: values = utf16WithBOM(text)
        case 2: values = split(text, unit: 2).map { utf16($0, bigEndian: true) }
        case 3: values = split(text, unit: 1).map { String(decoding: $0, as: UTF8.self) }
        default: return []
        }
        // A value of control characters only is garbage, not text: drop it.
        let cleaned = values.map { $0.unicodeScalars.allSatisfy { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) } ? "" : $0 }
        return keepingEmpty ? cleaned : cleaned.filter { !$0.isEmpty }
    }

    /// A byte order mark in a frame marked ISO-8859-1 (seen: `00 FE FF` as a year, shown as
    /// "þÿ") is UTF-16 labelled wrong by its writer; read as such, it is usually empty.
    private static func latin1OrMislabelledUTF16(_ bytes: ArraySlice<UInt8>) -> String {
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) {
            return utf16WithBOM(bytes, keepingEmpty: true).first ?? ""
        }
        return latin1(bytes)
    }

    /// ISO-8859-1: each byte is the Unicode scalar of the same number.
    static func latin1(_ bytes: ArraySlice<UInt8>) -> String {
        String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }

    /// Encoding 1: each value starts with its own byte order mark (FF FE little-endian, FE FF
    /// big-endian). A value without one takes the order of the value before it, and the first
    /// big-endian, Unicode's default without a mark (RFC 2781 4.3).
    private static func utf16WithBOM(_ text: ArraySlice<UInt8>, keepingEmpty: Bool = true) -> [String] {
        var bigEndian = true
        var values: [String] = []
        for var piece in split(text, unit: 2) {
            if piece.starts(with: [0xFF, 0xFE]) {
                bigEndian = false
                piece = piece.dropFirst(2)
            } else if piece.starts(with: [0xFE, 0xFF]) {
                bigEndian = true
                piece = piece.dropFirst(2)
            }
            let value = utf16(piece, bigEndian: bigEndian)
            if keepingEmpty || !value.isEmpty { values.append(value) }
        }
        return values
    }

    /// UTF-16 code units; a lone surrogate or an odd last byte becomes U+FFFD, never a trap.
    private static func utf16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let first = UInt16(bytes[index]), second = UInt16(bytes[index + 1])
            units.append(bigEndian ? first << 8 | second : second << 8 | first)
            index += 2
        }
        var text = String(decoding: units, as: UTF16.self)
        if index < bytes.endIndex { text.append("\u{FFFD}") }
        return text
    }

    /// The pieces between terminators: a 0x00 byte, or in UTF-16 a 0x00 0x00 pair on a
    /// code-unit boundary. A trailing terminator makes no empty last value.
    private static func split(_ bytes: ArraySlice<UInt8>, unit: Int) -> [ArraySlice<UInt8>] {
        var pieces: [ArraySlice<UInt8>] = []
        var start = bytes.startIndex
        var index = bytes.startIndex
        while index + unit <= bytes.endIndex {
            if bytes[index..<(index + unit)].allSatisfy({ $0 == 0 }) {
                pieces.append(bytes[start..<index])
                start = index + unit
            }
            index += unit
        }
        if start < bytes.endIndex { pieces.append(bytes[start..<bytes.endIndex]) }
        return pieces
    }
}
