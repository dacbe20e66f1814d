import Curses

/// The three library panes, left to right.
public enum LibraryPane: Int, CaseIterable, Sendable {
    case artists, albums, songs

    public var title: String {
        switch self {
        case .artists: return "Artists"
        case .albums: return "Albums"
        case .songs: return "Songs"
        }
    }
}

/// Where one pane sits: its first column and its width in columns.
public struct PaneFrame: Hashable, Sendable {
    public var pane: LibraryPane
    public var column: Int
    public var width: Int
}

/// The library screen's geometry for a terminal size: a header row, the list rows, a status bar
/// and a command line, with the panes side by side separated by one column. Wide terminals show
/// all three panes; narrower ones show two (the focused pane and its neighbour) and then one,
/// so no pane is ever narrower than `minimumPaneWidth`.
public struct ColumnLayout: Hashable, Sendable {
    /// Below this nothing is drawn but `tooSmallMessage`.
    public static let minimumSize = TerminalSize(columns: 40, rows: 10)
    public static let tooSmallMessage =
        "Terminal too small (need \(minimumSize.columns)x\(minimumSize.rows))"
    /// Three panes from 80 columns (25 each at least), two from 60, else one.
    public static let threePaneMinimumColumns = 80
    public static let twoPaneMinimumColumns = 60

    public let size: TerminalSize
    public let panes: [PaneFrame]
    /// Columns holding the "│" between panes.
    public let separatorColumns: [Int]
    public let headerRow: Int
    /// The rows the lists use, below the header.
    public let listRows: Range<Int>
    public let statusRow: Int
    public let commandRow: Int

    /// nil when `size` is below `minimumSize`.
    public init?(size: TerminalSize, focus: LibraryPane) {
        guard size.columns >= Self.minimumSize.columns, size.rows >= Self.minimumSize.rows else { return nil }
        self.size = size
        headerRow = 0
        listRows = 1..<(size.rows - 2)
        statusRow = size.rows - 2
        commandRow = size.rows - 1

        let shown = Self.shownPanes(columns: size.columns, focus: focus)
        // Songs (titles, numbers, durations) get the widest share; artists and albums split the rest.
        let weights = shown.map { $0 == .songs ? 4 : 3 }
        let available = size.columns - (shown.count - 1)
        let totalWeight = weights.reduce(0, +)
        var frames: [PaneFrame] = []
        var separators: [Int] = []
        var column = 0
        for (index, pane) in shown.enumerated() {
            let isLast = index == shown.count - 1
            let width = isLast ? size.columns - column : available * weights[index] / totalWeight
            frames.append(PaneFrame(pane: pane, column: column, width: width))
            column += width
            if !isLast {
                separators.append(column)
                column += 1
            }
        }
        panes = frames
        separatorColumns = separators
    }

    public func frame(of pane: LibraryPane) -> PaneFrame? {
        panes.first { $0.pane == pane }
    }

    static func shownPanes(columns: Int, focus: LibraryPane) -> [LibraryPane] {
        if columns >= threePaneMinimumColumns { return LibraryPane.allCases }
        if columns >= twoPaneMinimumColumns {
            // The focused pane and the one it feeds; songs pair with their albums.
            return focus == .songs ? [.albums, .songs] : [focus, LibraryPane(rawValue: focus.rawValue + 1)!]
        }
        return [focus]
    }

    /// Where a too-small screen shows its message: centred on the middle row, shortened to fit.
    public static func tooSmallScreen(size: TerminalSize) -> (row: Int, column: Int, text: String) {
        // The whole sentence when it fits, then shorter forms, so the numbers stay readable.
        let forms = [tooSmallMessage, "Too small: need \(minimumSize)", "\(minimumSize)"]
        let text = forms.first { DisplayWidth.of($0) <= size.columns }
            ?? DisplayWidth.truncate(tooSmallMessage, toColumns: size.columns)
        let column = max(0, (size.columns - DisplayWidth.of(text)) / 2)
        return (max(0, size.rows / 2), column, text)
    }
}
