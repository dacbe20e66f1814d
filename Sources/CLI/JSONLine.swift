import Foundation

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

    mutating func add(_ name: String, _ value: Int) {
        add(name, Int64(value))
    }

    /// A string, or null: scripts see every documented field, present or not.
    mutating func add(_ name: String, _ value: String?) {
        guard let value else { return addNull(name) }
        add(name, value)
    }

    mutating func add(_ name: String, _ value: Bool) {
        separator()
        text += Self.quoted(name) + ":" + (value ? "true" : "false")
    }

    /// A number with `decimals` digits after the point, or null.
    mutating func add(_ name: String, _ value: Double?, decimals: Int) {
        guard let value, value.isFinite else { return addNull(name) }
        separator()
        text += Self.quoted(name) + ":" + String(format: "%.\(decimals)f", value)
    }

    mutating func add(_ name: String, _ object: JSONLine) {
        separator()
        text += Self.quoted(name) + ":" + object.line
    }

    /// `value` must already be valid JSON.
    mutating func addRaw(_ name: String, _ value: String) {
        separator()
        text += Self.quoted(name) + ":" + value
    }

    mutating func addNull(_ name: String) {
        separator()
        text += Self.quoted(name) + ":null"
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
            // C0 must be escaped (RFC 8259 §7); DEL and C1 may be, and are, so a JSON line
            // shown on a terminal holds no control at all.
            case let c where c.value < 0x20 || (0x7F...0x9F).contains(c.value):
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
