import CNcurses

/// Video attributes of drawn text; `cursesValue` is the attr_t ncurses wants (curs_attr.3x).
public struct TextAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = TextAttributes(rawValue: 1 << 0)
    public static let reverse = TextAttributes(rawValue: 1 << 1)
    public static let dim = TextAttributes(rawValue: 1 << 2)
    public static let underline = TextAttributes(rawValue: 1 << 3)
    public static let italic = TextAttributes(rawValue: 1 << 4)
    public static let standout = TextAttributes(rawValue: 1 << 5)

    /// The A_* bits, read from the shim (the macros are expressions Swift does not import).
    public var cursesValue: UInt32 {
        var value = UInt32(s3play_a_normal())
        if contains(.bold) { value |= UInt32(s3play_a_bold()) }
        if contains(.reverse) { value |= UInt32(s3play_a_reverse()) }
        if contains(.dim) { value |= UInt32(s3play_a_dim()) }
        if contains(.underline) { value |= UInt32(s3play_a_underline()) }
        if contains(.italic) { value |= UInt32(s3play_a_italic()) }
        if contains(.standout) { value |= UInt32(s3play_a_standout()) }
        return value
    }
}

/// The screen's size in character cells.
public struct TerminalSize: Hashable, Sendable, CustomStringConvertible {
    public var columns: Int
    public var rows: Int
    public init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }
    public var description: String { "\(columns)x\(rows)" }
}

/// A colour number as init_pair(3x) takes it: -1 is the terminal's own colour (default_colors.3x),
/// 0-7 the ANSI colours, 8-255 the bright and 256-colour palette.
public typealias ColorNumber = Int

public enum CursesError: Error, Equatable, CustomStringConvertible {
    /// newterm(3x) returned NULL: TERM names no terminfo entry, or the output is not usable.
    case cannotOpenTerminal(term: String?)
    case alreadyStarted
    case notStarted
    /// init_pair(3x) refused the pair (number beyond COLOR_PAIRS, colour beyond COLORS).
    case colorPairRejected(pair: Int, foreground: ColorNumber, background: ColorNumber)

    public var description: String {
        switch self {
        case .cannotOpenTerminal(let term):
            return "cannot open the terminal (TERM=\(term ?? "unset")): set TERM to a terminal terminfo knows, such as xterm-256color"
        case .alreadyStarted: return "the terminal screen is already started"
        case .notStarted: return "the terminal screen is not started"
        case .colorPairRejected(let pair, let foreground, let background):
            return "the terminal refused colour pair \(pair) (\(foreground) on \(background))"
        }
    }
}
