import Curses

/// Key names as the `[keys]` table writes them, and back: "x", "J", "space", "ctrl-n", "f5",
/// "down", "pgdn", "enter", "esc". One printable character stands for itself (case matters:
/// "n" and "N" are two keys); named keys ignore case.
public enum KeySpec {
    static let named: [String: KeyEvent] = [
        "space": .character(" "), "up": .up, "down": .down, "left": .left, "right": .right,
        "home": .home, "end": .end, "pageup": .pageUp, "pgup": .pageUp, "pagedown": .pageDown,
        "pgdn": .pageDown, "insert": .insert, "ins": .insert, "delete": .delete, "del": .delete,
        "backspace": .backspace, "enter": .enter, "return": .enter, "tab": .tab,
        "backtab": .backTab, "shift-tab": .backTab, "esc": .escape, "escape": .escape,
    ]

    /// The key `spec` names, nil when it names none.
    public static func parse(_ spec: String) -> KeyEvent? {
        if spec.count == 1, let character = spec.first, !character.isWhitespace,
           !(character.unicodeScalars.first.map { $0.value < 0x20 || $0.value == 0x7F } ?? true) {
            return .character(character)
        }
        let lowered = spec.lowercased()
        if let key = named[lowered] { return key }
        for prefix in ["ctrl-", "ctrl+", "c-", "^"] where lowered.hasPrefix(prefix) {
            let rest = lowered.dropFirst(prefix.count)
            guard rest.count == 1, let letter = rest.first, ("a"..."z").contains(letter) else { return nil }
            // ctrl-i, ctrl-m and ctrl-h are the bytes Tab, Enter and Backspace send.
            return KeyEvent(wideCharacter: UInt32(letter.asciiValue! - 96))
        }
        if lowered.hasPrefix("f"), let number = Int(lowered.dropFirst()), (1...63).contains(number) {
            return .function(number)
        }
        return nil
    }

    /// The name the help overlay shows for `key`; `parse(name(of: key))` gives `key` back.
    public static func name(of key: KeyEvent) -> String {
        switch key {
        case .character(" "): return "space"
        case .character(let character): return String(character)
        case .control(let letter): return "ctrl-\(letter)"
        case .up: return "up"
        case .down: return "down"
        case .left: return "left"
        case .right: return "right"
        case .home: return "home"
        case .end: return "end"
        case .pageUp: return "pgup"
        case .pageDown: return "pgdn"
        case .insert: return "insert"
        case .delete: return "delete"
        case .backspace: return "backspace"
        case .enter: return "enter"
        case .tab: return "tab"
        case .backTab: return "backtab"
        case .escape: return "esc"
        case .function(let number): return "f\(number)"
        case .resize: return "resize"
        case .otherKeyCode(let code): return "key-\(code)"
        }
    }
}
