import Curses
import TerminalUI

/// `I`'s pane over the lists: the expanded details, wrapped to the width, scrolled with j/k,
/// ↓/↑ and PgDn/PgUp; any other key closes it.
extension PlayerScreen {
    mutating func scrollDetailsPane(_ key: KeyEvent) {
        switch key {
        case .down, .character("j"): detailsPaneScroll += 1
        case .up, .character("k"): detailsPaneScroll = max(0, detailsPaneScroll - 1)
        case .pageDown, .control("f"), .character(" "): detailsPaneScroll += 10
        case .pageUp, .control("b"): detailsPaneScroll = max(0, detailsPaneScroll - 10)
        default: detailsPane = nil
        }
    }
}

enum DetailsPaneOverlay {
    /// Draws the pane and returns the scroll clamped to what the lines allow.
    static func draw(on terminal: Terminal, palette: ThemePalette, layout: ScreenLayout, lines: [String]?,
                     scroll: Int) -> Int {
        let width = layout.size.columns
        let inner = max(1, width - 2)
        let height = layout.listRows.count
        guard height > 2 else { return scroll }
        let wrapped = (lines ?? ["loading…"]).flatMap { MessagesOverlay.wrap($0, toColumns: inner) }
        let rows = height - 2
        let first = min(max(0, scroll), max(0, wrapped.count - rows))
        let top = layout.listRows.lowerBound
        let paint = palette[.normal]
        terminal.draw("┌" + String(repeating: "─", count: inner) + "┐", row: top, column: 0, width: width, paint: paint)
        for row in 0..<rows {
            let index = first + row
            let text = index < wrapped.count ? wrapped[index] : ""
            terminal.draw("│" + DisplayWidth.pad(text, toColumns: inner) + "│", row: top + 1 + row, column: 0,
                          width: width, paint: paint)
        }
        let more = wrapped.count > rows ? " (j/k scroll, \(first + 1)-\(min(wrapped.count, first + rows)) of \(wrapped.count))" : ""
        let footer = "─ Details\(more), any other key closes "
        terminal.draw("└" + footer + String(repeating: "─", count: max(0, inner - DisplayWidth.of(footer))) + "┘",
                      row: top + height - 1, column: 0, width: width, paint: paint)
        return first
    }
}
