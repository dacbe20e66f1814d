/// Decodes the five predefined entities, `&#NN;`/`&#xHH;` character references and CDATA sections.
/// Lenient by design: an unknown entity or a stray '&' is kept as written (S3 never sends one, and
/// a key should not become unreadable over it); a reference to a non-scalar (a surrogate, > U+10FFFF)
/// becomes U+FFFD. Comments and other markup inside the text are dropped.
enum S3XMLText {
    /// Decodes `b` into `out` (at least `b.count` long) and returns the decoded length.
    static func decode(_ b: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var i = 0
        var n = 0
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "&"), let (scalar, end) = reference(b, at: i) {
                UTF8.encode(scalar) { out[n] = $0; n += 1 }
                i = end
            } else if c == UInt8(ascii: "<") {
                i = markup(b, at: i, into: out, count: &n)
            } else {
                out[n] = c
                n += 1
                i += 1
            }
        }
        return n
    }

    /// XML 1.0 section 4.6; "quot" first because every ETag carries two of them.
    private static let predefined: [(StaticString, Unicode.Scalar)] = [
        ("quot", "\""), ("amp", "&"), ("lt", "<"), ("gt", ">"), ("apos", "'"),
    ]

    /// The scalar of the reference starting at `b[i] == '&'` and the index after its ';'.
    private static func reference(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int)? {
        // The longest reference we accept is "&#x10FFFF;" (10 bytes); "&#1114111;" is 10 too.
        var semicolon = i + 1
        while semicolon < b.count, semicolon - i <= 10, b[semicolon] != UInt8(ascii: ";") { semicolon += 1 }
        guard semicolon < b.count, b[semicolon] == UInt8(ascii: ";") else { return nil }
        let body = UnsafeBufferPointer(rebasing: b[(i + 1)..<semicolon])
        let end = semicolon + 1
        for (name, scalar) in predefined
        where body.count == name.utf8CodeUnitCount && hasPrefix(name, b, at: i + 1) {
            return (scalar, end)
        }
        guard body.count >= 2, body[0] == UInt8(ascii: "#") else { return nil }
        let hex = body[1] == UInt8(ascii: "x") || body[1] == UInt8(ascii: "X")
        let digits = UnsafeBufferPointer(rebasing: body[(hex ? 2 : 1)...])
        guard !digits.isEmpty else { return nil }
        var value: UInt32 = 0
        for d in digits {
            guard let digit = digitValue(d, hex: hex) else { return nil }
            value = value &* (hex ? 16 : 10) &+ digit
            if value > 0x10FFFF { return ("\u{FFFD}", end) }
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", end)
    }

    private static func digitValue(_ d: UInt8, hex: Bool) -> UInt32? {
        switch d {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(d - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: return UInt32(d - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: return UInt32(d - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// Copies a CDATA section verbatim, skips any other markup; returns the index after it.
    private static func markup(_ b: UnsafeBufferPointer<UInt8>, at i: Int,
                               into out: UnsafeMutableBufferPointer<UInt8>, count n: inout Int) -> Int {
        if hasPrefix("<![CDATA[", b, at: i) {
            var j = i + 9
            while j < b.count, !hasPrefix("]]>", b, at: j) {
                out[n] = b[j]
                n += 1
                j += 1
            }
            return min(j + 3, b.count)
        }
        let terminator: StaticString = hasPrefix("<!--", b, at: i) ? "-->" : ">"
        var j = i + 1
        while j < b.count, !hasPrefix(terminator, b, at: j) { j += 1 }
        return min(j + terminator.utf8CodeUnitCount, b.count)
    }
}
