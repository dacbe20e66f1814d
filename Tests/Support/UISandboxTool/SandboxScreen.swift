import Curses
import TerminalUI

/// The sandbox's state and its drawing: three lists, a focused pane, an optional filter being
/// typed, and the help overlay.
struct SandboxScreen {
    var lists: [LibraryPane: ListViewState<String>]
    var focus: LibraryPane = .artists
    var isTypingFilter = false
    var isShowingHelp = false
    let bindings: KeyBindings

    init(bindings: KeyBindings) {
        self.bindings = bindings
        var lists: [LibraryPane: ListViewState<String>] = [:]
        for pane in LibraryPane.allCases {
            lists[pane] = ListViewState(items: SandboxCatalog.names(of: pane), viewportHeight: 1) { name, query in
                name.lowercased().contains(query.lowercased())
            }
        }
        self.lists = lists
    }

    /// Handles one key; false when the sandbox should quit.
    mutating func handle(_ key: KeyEvent) -> Bool {
        if isShowingHelp {
            isShowingHelp = false
            return true
        }
        if isTypingFilter { return typeFilter(key) }
        guard let action = bindings.action(for: key) else { return true }
        switch action {
        case .quit: return false
        case .help: isShowingHelp = true
        case .up: lists[focus]!.moveSelection(by: -1)
        case .down: lists[focus]!.moveSelection(by: 1)
        case .pageUp: lists[focus]!.pageUp()
        case .pageDown: lists[focus]!.pageDown()
        case .top: lists[focus]!.selectFirst()
        case .bottom: lists[focus]!.selectLast()
        case .left: focus = LibraryPane(rawValue: focus.rawValue - 1) ?? focus
        case .right: focus = LibraryPane(rawValue: focus.rawValue + 1) ?? focus
        case .switchView: focus = LibraryPane(rawValue: (focus.rawValue + 1) % 3)!
        // The sandbox has no library to search: `/` filters as the player's `F` does.
        case .filter, .search:
            isTypingFilter = true
            lists[focus]!.setQuery("")
        case .nextMatch: lists[focus]!.nextMatch()
        case .previousMatch: lists[focus]!.previousMatch()
        case .cancel: lists[focus]!.clearQuery()
        default: break
        }
        return true
    }

    private mutating func typeFilter(_ key: KeyEvent) -> Bool {
        var query = lists[focus]!.query
        switch key {
        case .enter: isTypingFilter = false
        case .escape:
            isTypingFilter = false
            query = ""
        case .backspace: query = String(query.dropLast())
        case .character(let character): query.append(character)
        default: return true
        }
        lists[focus]!.setQuery(query)
        return true
    }

    func draw(on terminal: Terminal, palette: ThemePalette) {
        let size = terminal.size
        terminal.clear()
        guard let layout = ColumnLayout(size: size, focus: focus) else {
            let message = ColumnLayout.tooSmallScreen(size: size)
            terminal.put(message.text, row: message.row, column: message.column)
            terminal.showCursor(false)
            terminal.refresh()
            return
        }
        for frame in layout.panes {
            let list = lists[frame.pane]!
            terminal.draw(frame.pane.title, row: layout.headerRow, column: frame.column, width: frame.width,
                          paint: palette[.header])
            for (offset, entry) in list.rowsOnScreen.enumerated() {
                let isSelected = entry.row == list.selectedRow
                let role: ThemeRole = isSelected ? (frame.pane == focus ? .selected : .selectedInactive) : .normal
                terminal.draw(entry.item, row: layout.listRows.lowerBound + offset, column: frame.column,
                              width: frame.width, paint: palette[role])
            }
        }
        for column in layout.separatorColumns {
            for row in layout.headerRow..<layout.listRows.upperBound {
                terminal.putCell("│", row: row, column: column, attributes: palette[.dim].attributes,
                                 colorPair: palette[.dim].colorPair)
            }
        }
        let list = lists[focus]!
        let position = list.isEmpty ? "empty" : "\(list.selectedRow + 1)/\(list.rowCount)"
        terminal.draw("\(focus.title) \(position)", row: layout.statusRow, column: 0, width: size.columns,
                      paint: palette[.statusBar])
        // The last cell is left alone: writing the bottom-right corner can scroll (curs_addch.3x).
        let commandLine = isTypingFilter ? "/" + list.query
            : (list.query.isEmpty ? "? help  / filter  q quit" : "filter: " + list.query)
        terminal.draw(commandLine, row: layout.commandRow, column: 0, width: size.columns - 1, paint: palette[.normal])
        if isShowingHelp { drawHelp(on: terminal, layout: layout, palette: palette) }
        if isTypingFilter {
            terminal.moveCursor(row: layout.commandRow, column: min(size.columns - 2, DisplayWidth.of(commandLine)))
        }
        terminal.showCursor(isTypingFilter)
        terminal.refresh()
    }

    private func drawHelp(on terminal: Terminal, layout: ColumnLayout, palette: ThemePalette) {
        let actions: [KeyAction] = [.up, .down, .left, .right, .pageUp, .pageDown, .top, .bottom,
                                    .switchView, .filter, .nextMatch, .previousMatch, .cancel, .help, .quit]
        let lines = actions.map { action in
            DisplayWidth.pad(bindings.keys(for: action).map(KeySpec.name(of:)).joined(separator: " "), toColumns: 14)
                + action.summary
        }
        let width = min(layout.size.columns - 2, 38)
        let height = min(layout.listRows.count, lines.count + 2)
        let top = layout.listRows.lowerBound + max(0, (layout.listRows.count - height) / 2)
        let left = max(0, (layout.size.columns - width) / 2)
        terminal.draw("┌" + String(repeating: "─", count: width - 2) + "┐", row: top, column: left, width: width,
                      paint: palette[.normal])
        for index in 0..<(height - 2) {
            terminal.draw("│" + DisplayWidth.pad(lines[index], toColumns: width - 2) + "│", row: top + 1 + index,
                          column: left, width: width, paint: palette[.normal])
        }
        terminal.draw("└" + DisplayWidth.pad("─ Keys (any key closes) ", toColumns: width - 2)
                      .replacingSpacesAtEnd() + "┘", row: top + height - 1, column: left, width: width,
                      paint: palette[.normal])
    }
}

private extension String {
    func replacingSpacesAtEnd() -> String {
        let trimmed = String(reversed().drop(while: { $0 == " " }).reversed())
        return trimmed + String(repeating: "─", count: count - trimmed.count)
    }
}
