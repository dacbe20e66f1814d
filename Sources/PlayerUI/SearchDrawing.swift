import Foundation
import Curses
import Library
import TerminalUI

/// Draws the search view: a header with the query's count, then one row per result, its kind
/// (artist, album, song) in a narrow first column.
struct SearchDrawing {
    let terminal: Terminal
    let palette: ThemePalette
    let layout: ScreenLayout

    func draw(_ search: SearchModel) {
        let width = layout.size.columns
        let results = search.results
        let header: String
        if search.query.trimmingCharacters(in: .whitespaces).isEmpty {
            header = "Search: type to find artists, albums and songs (Esc closes)"
        } else if search.isWaiting && search.answeredQuery == nil {
            header = "Search: searching…"
        } else {
            let more = results.rowCount >= LibraryWorker.searchLimit ? "+" : ""
            header = "Search: \(results.rowCount)\(more) for \"\(search.answeredQuery ?? search.query)\""
                + "   Enter plays · a adds · e plays next · o shows in library"
        }
        terminal.draw(header, row: layout.headerRow, column: 0, width: width, paint: palette[.header])
        let kindWidth = 7
        for (offset, entry) in results.rowsOnScreen.enumerated() {
            let isSelected = entry.row == results.selectedRow
            let role: ThemeRole = isSelected ? (search.isTyping ? .selectedInactive : .selected) : .normal
            let row = SearchModel.row(entry.item)
            let text = DisplayWidth.pad(row.kind, toColumns: kindWidth)
                + ScreenLayout.row(row.text, right: row.right, width: width - kindWidth)
            terminal.draw(text, row: layout.listRows.lowerBound + offset, column: 0, width: width, paint: palette[role])
        }
        if !search.query.trimmingCharacters(in: .whitespaces).isEmpty, !search.isWaiting, results.isEmpty {
            terminal.draw("Nothing in the library matches: Backspace edits, Esc returns to the browser.",
                          row: layout.listRows.lowerBound, column: 2, width: width - 2, paint: palette[.dim])
        }
    }
}
