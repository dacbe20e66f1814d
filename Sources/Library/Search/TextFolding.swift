import Foundation

/// The one folding behind catalog search and sort order: "Beyoncé", "BEYONCE" and "Ｂｅｙｏｎｃｅ"
/// all become "beyonce", so a search for any of them finds the others and they sort side by side.
///
/// Steps: compatibility decomposition (NFKD: full-width Latin and ligatures become plain letters),
/// lowercase, combining marks dropped where they sit on a Latin or Greek letter, a few letters
/// that do not decompose spelled out (ß → ss, æ → ae, ø → o, …), then canonical recomposition.
/// Cyrillic, kana, Hangul, Arabic and CJK letters keep their marks and stay themselves:
/// "й" is not "и" and "が" is not "か" to their readers.
public enum TextFolding {
    public static func fold(_ text: String) -> String {
        if let folded = foldASCII(text) { return folded }
        let decomposed = text.decomposedStringWithCompatibilityMapping.lowercased()
        var scalars = String.UnicodeScalarView()
        var baseTakesNoMarks = false
        for scalar in decomposed.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark {
                if !baseTakesNoMarks { scalars.append(scalar) }
                continue
            }
            baseTakesNoMarks = isLatinOrGreek(scalar)
            if let spelled = spelledOutLetters[scalar] {
                scalars.append(contentsOf: spelled.unicodeScalars)
            } else {
                scalars.append(scalar)
            }
        }
        // Recomposition puts back what NFKD took apart and we kept: Hangul syllables, "й", "が".
        return String(scalars).precomposedStringWithCanonicalMapping
    }

    /// Most tags are plain ASCII; lowering bytes avoids Foundation's normalization, which costs
    /// about ten times as much per string.
    private static func foldASCII(_ text: String) -> String? {
        var bytes = [UInt8]()
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            guard byte < 0x80 else { return nil }
            bytes.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Latin (Basic Latin to Latin Extended-B, IPA, Latin Extended Additional) and Greek:
    /// the scripts whose accents a searcher leaves out.
    private static func isLatinOrGreek(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0000..<0x0300, 0x0370..<0x0400, 0x1D00..<0x2000: true
        default: false
        }
    }

    /// Letters with no decomposition that searchers type as plain Latin letters, and the final
    /// sigma (lowercasing gives "ς" at a word's end, "σ" elsewhere).
    private static let spelledOutLetters: [Unicode.Scalar: String] = [
        "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "ı": "i", "ς": "σ",
    ]
}
