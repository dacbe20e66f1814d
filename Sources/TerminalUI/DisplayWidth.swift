import SafeText

/// Terminal columns of text, one grapheme cluster at a time (UAX #29 clusters, as Swift's
/// `Character` gives them), so a cluster is never split and its width is the width of what the
/// terminal draws for it:
/// - an emoji presentation sequence (VS16, U+FE0F), a ZWJ sequence, a flag (two regional
///   indicators) or an emoji with a skin tone: 2 (UTS #51, "emoji presentation");
/// - otherwise the width of its first scalar: East Asian Wide and Fullwidth (UAX #11) and
///   `Emoji_Presentation` scalars 2, marks and format characters 0, the rest 1 (Cyrillic and
///   Greek included: they are "ambiguous" in UAX #11 and narrow outside CJK locales).
///
/// A table rather than wcwidth(3): wcwidth reads the process locale (it returns -1 for every
/// non-ASCII scalar in "C"), cannot see clusters, and glibc's answer for VS16 sequences is the
/// base's narrow width. The table agrees with glibc's wcwidth on single scalars for the scripts
/// s3play draws (checked in TerminalUITests against `Terminal.systemColumnWidth`).
public enum DisplayWidth {
    /// Columns of `text`.
    public static func of(_ text: some StringProtocol) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    /// Columns of one grapheme cluster: 0, 1 or 2.
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.count > 1 {
            if scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
            if first.properties.isEmoji,
               scalars.contains(where: { $0.value == 0x200D || $0.properties.isEmojiModifier }) {
                return 2
            }
            // Two regional indicators (U+1F1E6-U+1F1FF) are a flag.
            if (0x1F1E6...0x1F1FF).contains(first.value) { return 2 }
        }
        return width(of: first)
    }

    /// Columns of a scalar on its own.
    public static func width(of scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        // C0 and C1 controls and DEL draw nothing; views replace them before drawing.
        if TerminalSafeText.isControl(scalar) { return 0 }
        if value < 0x300 { return 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        // Hangul medial vowels and final consonants join the syllable's initial (UAX #11 "N").
        if (0x1160...0x11FF).contains(value) || (0xD7B0...0xD7FF).contains(value) { return 0 }
        if scalar.properties.isEmojiPresentation { return 2 }
        return wideRanges.contains { $0.contains(value) } ? 2 : 1
    }

    /// East Asian Wide (W) and Fullwidth (F) blocks of UAX #11 outside the emoji, which
    /// `isEmojiPresentation` covers.
    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F,   // Hangul Jamo initial consonants
        0x2329...0x232A,   // angle brackets
        0x2E80...0x303E,   // CJK radicals, Kangxi, ideographic description, CJK symbols
        0x3041...0x33FF,   // Hiragana, Katakana, Bopomofo, Hangul compatibility, CJK compatibility
        0x3400...0x4DBF,   // CJK extension A
        0x4E00...0x9FFF,   // CJK unified ideographs
        0xA000...0xA4CF,   // Yi
        0xA960...0xA97F,   // Hangul Jamo extended A
        0xAC00...0xD7A3,   // Hangul syllables
        0xF900...0xFAFF,   // CJK compatibility ideographs
        0xFE10...0xFE19,   // vertical forms
        0xFE30...0xFE6F,   // CJK compatibility forms, small form variants
        0xFF00...0xFF60,   // fullwidth ASCII
        0xFFE0...0xFFE6,   // fullwidth signs
        0x16FE0...0x16FE4, 0x17000...0x18CFF,  // Tangut, Khitan
        0x1AFF0...0x1B2FF, // kana supplement and extensions, Nushu
        0x1F200...0x1F2FF, // enclosed ideographic supplement
        0x20000...0x2FFFD, // CJK extensions B-F
        0x30000...0x3FFFD, // CJK extension G and later
    ]

    /// `text` cut to at most `columns` columns. When it must be cut, the last column holds "…";
    /// a wide character that would straddle the edge is dropped whole, so the result can be one
    /// column narrower than asked (`pad` fills it).
    public static func truncate(_ text: String, toColumns columns: Int) -> String {
        guard columns > 0 else { return "" }
        if of(text) <= columns { return text }
        var result = ""
        var used = 0
        for character in text {
            let width = of(character)
            if used + width > columns - 1 { break }
            result.append(character)
            used += width
        }
        return result + "…"
    }

    /// `text` truncated to `columns` and then padded with spaces to exactly `columns` columns.
    public static func pad(_ text: String, toColumns columns: Int) -> String {
        let cut = truncate(text, toColumns: columns)
        return cut + String(repeating: " ", count: max(0, columns - of(cut)))
    }

    /// Replaces control characters (a tab or newline in a tag, an ESC) with spaces, so a name
    /// drawn in a cell never moves the cursor. The one definition of a control is TerminalSafeText's.
    public static func printable(_ text: String) -> String {
        TerminalSafeText.spaced(text)
    }
}
