import CNcurses

/// One key press as get_wch(3x) reports it, decoded into what a binding table can name.
public enum KeyEvent: Hashable, Sendable {
    /// A printable character, space included (CJK, Cyrillic and emoji scalars arrive one each).
    case character(Character)
    /// Ctrl with a letter, as the lowercase letter: ctrl-n is `.control("n")`.
    case control(Character)
    case up, down, left, right
    case home, end, pageUp, pageDown
    case insert, delete, backspace
    case enter, tab, backTab, escape
    /// F1 is `.function(1)`.
    case function(Int)
    /// The terminal changed size; `Terminal.size` already reports the new one (resizeterm.3x).
    case resize
    /// A key code ncurses knows but nothing here names (kept so it can be logged or ignored).
    case otherKeyCode(Int32)
}

extension KeyEvent {
    /// Decodes what get_wch(3x) stored when it returned OK: a wide character, which for the
    /// control range is a C0 byte. With nonl(3x) Enter arrives as CR (13); some terminals send LF.
    public init?(wideCharacter code: UInt32) {
        switch code {
        case 9: self = .tab
        case 10, 13: self = .enter
        case 27: self = .escape
        // DEL (127) is what most terminals send for Backspace; BS (8, ctrl-h) is the rest.
        case 8, 127: self = .backspace
        case 1...26: self = .control(Character(Unicode.Scalar(UInt8(code) + 96)))
        case 0..<32: return nil
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            self = .character(Character(scalar))
        }
    }

    /// Decodes what get_wch(3x) stored when it returned KEY_CODE_YES: a KEY_* code (curs_getch.3x).
    public init(keyCode code: Int32) {
        let functionBase = Int32(s3play_key_f0())
        switch code {
        case KEY_UP: self = .up
        case KEY_DOWN: self = .down
        case KEY_LEFT: self = .left
        case KEY_RIGHT: self = .right
        case KEY_HOME: self = .home
        case KEY_END: self = .end
        case KEY_PPAGE: self = .pageUp
        case KEY_NPAGE: self = .pageDown
        case KEY_IC: self = .insert
        case KEY_DC: self = .delete
        case KEY_BACKSPACE: self = .backspace
        case KEY_ENTER: self = .enter
        case KEY_BTAB: self = .backTab
        case KEY_RESIZE: self = .resize
        case (functionBase + 1)...(functionBase + 63): self = .function(Int(code - functionBase))
        default: self = .otherKeyCode(code)
        }
    }
}
