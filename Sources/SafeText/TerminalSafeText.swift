// Text from outside (S3 keys, ID3 tags, Discogs profiles) may hold terminal control sequences:
// `ESC ] 0 ; title BEL` retitles the window, `ESC [ 2 J` clears the screen, a C1 CSI (U+009B)
// does the same on terminals that honour 8-bit controls (issue #19 saw all of them reach stdout).
// Controls are C0 (U+0000-U+001F), DEL (U+007F) and C1 (U+0080-U+009F) (ECMA-48 §5). This is the
// one place that decides what is a control; the CLI shows them as visible escapes, as git's
// quoted paths and `ls -b` do, and the full-screen player as spaces, so a cell keeps its width.

/// Makes outside text harmless to write to a terminal.
public enum TerminalSafeText {
    /// Whether `scalar` would be taken by a terminal as a control rather than drawn.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    public static func containsControls(_ text: String) -> Bool {
        text.unicodeScalars.contains(where: isControl)
    }

    /// Each control as a visible escape: `\t`, `\n`, `\r`, else `\x1b`-style hex for C0 and DEL
    /// and `\u{9b}`-style for C1 (which is not one byte in UTF-8).
    public static func escaped(_ text: String) -> String {
        guard containsControls(text) else { return text }
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count + 8)
        for scalar in text.unicodeScalars {
            guard isControl(scalar) else {
                out.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default:
                let hex = String(scalar.value, radix: 16)
                out += scalar.value < 0x80 ? "\\x" + (hex.count < 2 ? "0" : "") + hex : "\\u{\(hex)}"
            }
        }
        return out
    }

    /// Each control as one space: for a cell of the full-screen player, whose width must not change.
    public static func spaced(_ text: String) -> String {
        guard containsControls(text) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { isControl($0) ? " " : $0 }))
    }
}
