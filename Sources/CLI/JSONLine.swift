/// Builds one-line JSON objects by hand: field order stays as written (stable for scripts and
/// docs/cli.md) and there is no encoder round trip per line.
struct JSONLine {
    private var text = "{"

    mutating func add(_ name: String, _ value: String) {
        separator()
        text += Self.quoted(name) + ":" + Self.quoted(value)
    }

    mutating func add(_ name: String, _ value: Int64) {
        separator()
        text += Self.quoted(name) + ":" + String(value)
    }

    var line: String { text + "}" }

    private mutating func separator() {
        if text.count > 1 { text += "," }
    }

    /// RFC 8259 §7 string escaping.
    static func quoted(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
