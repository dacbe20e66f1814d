import Curses
import TerminalUI

/// The player's rows, top to bottom: column headers, the lists, the details line, the
/// progress line, the status bar and the message / command line. The columns come from
/// `ColumnLayout`, which collapses them on narrow terminals.
struct ScreenLayout {
    let columns: ColumnLayout
    var size: TerminalSize { columns.size }
    var headerRow: Int { 0 }
    var listRows: Range<Int> { 1..<(size.rows - 4) }
    var detailsRow: Int { size.rows - 4 }
    var progressRow: Int { size.rows - 3 }
    var statusRow: Int { size.rows - 2 }
    var commandRow: Int { size.rows - 1 }

    init?(size: TerminalSize, focus: LibraryPane) {
        guard let columns = ColumnLayout(size: size, focus: focus) else { return nil }
        self.columns = columns
    }

    /// `left` cut to fit, `right` flush with the right edge when there is room for both.
    static func row(_ left: String, right: String, width: Int) -> String {
        let rightWidth = DisplayWidth.of(right)
        guard !right.isEmpty, width - rightWidth - 1 >= 8 else { return left }
        let leftPart = DisplayWidth.pad(DisplayWidth.truncate(left, toColumns: width - rightWidth - 1),
                                        toColumns: width - rightWidth)
        return leftPart + right
    }
}
