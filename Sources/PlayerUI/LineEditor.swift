import Curses

/// The `:` line being typed, with readline's everyday keys: ← → move, Home/End and Ctrl-A/E go
/// to either end, Backspace and Delete remove around the cursor, Ctrl-W removes the word before
/// it, Ctrl-U everything before it. Pure, so it is tested key by key.
struct LineEditor: Equatable {
    private(set) var characters: [Character] = []
    /// Between characters: 0 is before the first, `characters.count` after the last.
    private(set) var cursor = 0

    init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    var text: String { String(characters) }
    var textBeforeCursor: String { String(characters[..<cursor]) }
    var isEmpty: Bool { characters.isEmpty }

    /// False for a key that is not line editing (Enter, Esc, Tab, ↑ ↓ are the caller's).
    mutating func handle(_ key: KeyEvent) -> Bool {
        switch key {
        case .character(let character):
            characters.insert(character, at: cursor)
            cursor += 1
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .home, .control("a"): cursor = 0
        case .end, .control("e"): cursor = characters.count
        case .backspace:
            guard cursor > 0 else { return true }
            characters.remove(at: cursor - 1)
            cursor -= 1
        case .delete, .control("d"):
            if cursor < characters.count { characters.remove(at: cursor) }
        case .control("w"):
            // As readline's unix-word-rubout: the spaces before the cursor, then the word.
            var start = cursor
            while start > 0 && characters[start - 1] == " " { start -= 1 }
            while start > 0 && characters[start - 1] != " " { start -= 1 }
            characters.removeSubrange(start..<cursor)
            cursor = start
        case .control("u"):
            characters.removeSubrange(0..<cursor)
            cursor = 0
        default: return false
        }
        return true
    }
}
