import Curses
import Foundation
import PlaybackCore
import Player
import TerminalUI

/// Draws the four lines under the lists: details, progress, status bar, message / command line.
struct StatusDrawing {
    let terminal: Terminal
    let palette: ThemePalette
    let layout: ScreenLayout

    func drawDetails(_ details: (request: DetailsRequest, text: DetailsText?)?) {
        let width = layout.size.columns
        guard let details else { return }
        guard let text = details.text else {
            terminal.draw("loading…", row: layout.detailsRow, column: 0, width: width, paint: palette[.dim])
            return
        }
        guard !text.text.isEmpty else { return }
        let right = text.attribution.map { " " + $0 } ?? ""
        let paint = palette[.dim]
        terminal.draw(ScreenLayout.row(text.text, right: right, width: width),
                      row: layout.detailsRow, column: 0, width: width, paint: paint)
        // Discogs' [b] and [u] as the terminal's bold and underline, over the text just drawn.
        let rightWidth = DisplayWidth.of(right)
        let room = right.isEmpty || width - rightWidth - 1 < 8 ? width : width - rightWidth - 1
        for emphasis in text.emphasis {
            let column = DisplayWidth.of(String(text.text.prefix(emphasis.offset)))
            guard column < room else { break }
            var attributes = paint.attributes
            if emphasis.run.bold { attributes.insert(.bold) }
            if emphasis.run.underline { attributes.insert(.underline) }
            terminal.draw(emphasis.run.text, row: layout.detailsRow, column: column,
                          width: min(DisplayWidth.of(emphasis.run.text), room - column),
                          paint: .init(attributes: attributes, colorPair: paint.colorPair))
        }
    }

    func drawProgress(_ snapshot: PlayerSnapshot) {
        let width = layout.size.columns
        guard snapshot.current != nil else {
            terminal.draw("", row: layout.progressRow, column: 0, width: width, paint: palette[.normal])
            return
        }
        let times = " \(ClockText.of(snapshot.elapsedSeconds)) / \(ClockText.of(snapshot.durationSeconds)) "
        let fraction = snapshot.durationSeconds.map { $0 > 0 ? snapshot.elapsedSeconds / $0 : 0 } ?? 0
        let barWidth = width - DisplayWidth.of(times) - 1
        terminal.draw(times, row: layout.progressRow, column: 0, width: DisplayWidth.of(times), paint: palette[.normal])
        terminal.draw(ClockText.bar(fraction: fraction, width: barWidth), row: layout.progressRow,
                      column: DisplayWidth.of(times), width: barWidth, paint: palette[.progress])
    }

    func drawStatus(_ snapshot: PlayerSnapshot) {
        let state: String = switch snapshot.state {
        case .playing: "▶ playing"
        case .paused: "‖ paused"
        case .stopped: "■ stopped"
        case .waiting: "⧗ " + (snapshot.waitingFor?.summary ?? "waiting")
        }
        let title = snapshot.current?.item.title ?? ""
        let artist = snapshot.current?.item.artist
        let nowPlayingWidth = snapshot.current == nil ? 0
            : DisplayWidth.of(title) + (artist.map { DisplayWidth.of(NowPlayingText.separator + $0) } ?? 0)
        // Most important first: on a narrow terminal the right side gives way from its end
        // while the title (up to 40 columns) still needs room, so at 60-80 columns the title wins.
        var right: [String] = ["vol \(snapshot.volumePercent)%", snapshot.shuffle ? "shuffle" : "in order",
                               "repeat \(snapshot.repeatMode.rawValue)"]
        if let label = snapshot.formatLabel { right.insert(label, at: 1) }
        if snapshot.state == .playing { right.append("buf \(Int(snapshot.bufferedSeconds)) s") }
        let width = layout.size.columns
        let stateWidth = DisplayWidth.of(state) + 2
        let leftNeeds = stateWidth + min(nowPlayingWidth, max(12, min(40, DisplayWidth.of(title)))) + 1
        while !right.isEmpty, DisplayWidth.of(right.joined(separator: "  ") + " ") + leftNeeds > width {
            right.removeLast()
        }
        // Shown in the familiar order (buffered first), whichever survived.
        if let buffered = right.last, buffered.hasPrefix("buf ") { right.insert(right.removeLast(), at: 0) }
        let rightText = right.isEmpty ? "" : right.joined(separator: "  ") + " "
        let room = width - (rightText.isEmpty ? 0 : DisplayWidth.of(rightText) + 1) - stateWidth
        let left = "\(state)  " + (snapshot.current == nil ? "" : NowPlayingText.compose(title: title, artist: artist, columns: max(0, room)))
        terminal.draw(ScreenLayout.row(left, right: rightText, width: width),
                      row: layout.statusRow, column: 0, width: width, paint: palette[.statusBar])
    }

    /// The bottom line: what is typed, else a message, else the filter in force, else a hint.
    /// Returns where the cursor goes while typing.
    func drawCommandLine(_ screen: PlayerScreen, now: Date) -> Int? {
        // The bottom-right cell is left alone: writing it can scroll the screen (curs_addch.3x).
        let width = layout.size.columns - 1
        let text: String
        var paint = palette[.normal]
        var typing = false
        var after = ""
        var cursorOverride: Int?
        switch screen.typing {
        case .none where screen.view == .search && screen.search.isTyping:
            text = "/" + screen.search.query
            typing = true
            cursorOverride = DisplayWidth.of("/" + screen.search.line.textBeforeCursor)
        case .command(let line):
            text = ":" + line.text
            typing = true
            cursorOverride = DisplayWidth.of(":" + line.textBeforeCursor)
        case .filter:
            text = "/" + screen.focusedQuery
            typing = true
            // A filter that leaves the column empty says so after the cursor (issue 17).
            if !screen.focusedQuery.isEmpty && screen.focusedRowCount == 0 {
                after = "   nothing here matches: Backspace edits, Esc returns"
            }
        case .confirm(let question, _): text = question + " [y/N] "; typing = true
        case .none:
            if let message = screen.messageLine(at: now) {
                // The whole message, wrapped upwards over the lines above while it shows (an S3
                // error names the endpoint, the key and the reason: far wider than one line).
                let lines = Self.wrap(message, width: width)
                let rows = min(lines.count, max(1, layout.size.rows / 3))
                for (offset, line) in lines.prefix(rows).enumerated() {
                    let last = offset == rows - 1 && rows < lines.count
                    terminal.draw(last ? DisplayWidth.truncate(line, toColumns: width - 1) + "…" : line,
                                  row: layout.commandRow - rows + 1 + offset, column: 0,
                                  width: offset == rows - 1 ? width : layout.size.columns, paint: palette[.notice])
                }
                return nil
            } else if screen.view == .search {
                text = "search: \(screen.search.query)  (/ edits, Esc closes)"
            } else if !screen.focusedQuery.isEmpty {
                text = "filter: \(screen.focusedQuery)  (Esc clears)"
            } else {
                text = HelpOverlay.hint(bindings: screen.bindings)
                paint = palette[.dim]
            }
        }
        let cursor = min(width, cursorOverride ?? DisplayWidth.of(text))
        terminal.draw(text + after, row: layout.commandRow, column: 0, width: width, paint: paint)
        return typing ? cursor : nil
    }
}

extension StatusDrawing {
    /// `text` in lines of at most `width` columns, broken after a space where one is near.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 1 else { return [text] }
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        for character in text {
            let characterWidth = DisplayWidth.of(character)
            if lineWidth + characterWidth > width {
                // Back to the last space in the second half of the line, if there is one.
                if let space = line.lastIndex(of: " "), line.distance(from: line.startIndex, to: space) > line.count / 2 {
                    lines.append(String(line[..<space]))
                    line = String(line[line.index(after: space)...])
                } else {
                    lines.append(line)
                    line = ""
                }
                lineWidth = DisplayWidth.of(line)
            }
            line.append(character)
            lineWidth += characterWidth
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}

/// The `?` overlay: every action and its keys, from the bindings in force.
struct HelpOverlay {
    /// The bottom line's reminder of the main keys, with the keys in force (a `[keys]` table
    /// that moves quit to x says "x quit").
    static func hint(bindings: KeyBindings) -> String {
        let shown: [(KeyAction, String)] = [(.help, "help"), (.switchView, "queue/library"), (.append, "add"),
                                            (.activate, "play"), (.search, "search"), (.command, "command"),
                                            (.quit, "quit")]
        return shown.compactMap { action, text in
            bindings.keys(for: action).first.map { "\(KeySpec.name(of: $0)) \(text)" }
        }.joined(separator: "  ")
    }

    /// The `:` commands, after the keys (issue 17: `?` lists them too).
    static let commandLines: [(String, String)] = [
        (":add PATH", "file/dir/s3:// + Tab"), (":save NAME", "queue to a playlist"),
        (":load [NAME]", "playlist (or list)"), (":clear", "clear queue (y/N)"),
        (":seek T", "90, 1:30, +10, -10"), (":vol N", "0-100, +N, -N"),
        (":rescan", "scan the library"), (":messages", "every message"), (":q", "quit"),
    ]

    static func lines(bindings: KeyBindings) -> [String] {
        let keys = KeyAction.allCases.map { action in
            let keys = bindings.keys(for: action).map(KeySpec.name(of:)).joined(separator: " ")
            return DisplayWidth.pad(DisplayWidth.truncate(keys, toColumns: 12), toColumns: 13) + action.summary
        }
        return keys + commandLines.map { DisplayWidth.pad($0.0, toColumns: 13) + $0.1 }
    }

    /// Cells are this wide: 13 columns of keys and 21 of summary.
    static let cellWidth = 34

    /// How many columns of cells, and rows in each, for `lineCount` lines: as many columns as
    /// the lines need and the width holds (at most 3).
    static func grid(lineCount: Int, rowsAvailable: Int, screenColumns: Int) -> (columns: Int, perColumn: Int) {
        let needed = (lineCount + rowsAvailable - 1) / max(1, rowsAvailable)
        let columns = max(1, min(needed, 3, (screenColumns - 2) / cellWidth))
        return (columns, (lineCount + columns - 1) / columns)
    }

    /// The first row shown: ↓/j and ↑/k scroll the overlay when it does not fit; clamped so
    /// the last row stays reachable and no blank page shows.
    static func clampedScroll(_ scroll: Int, perColumn: Int, rowsAvailable: Int) -> Int {
        min(max(0, scroll), max(0, perColumn - rowsAvailable))
    }

    static func draw(on terminal: Terminal, palette: ThemePalette, layout: ScreenLayout, bindings: KeyBindings,
                     scroll: Int = 0) {
        let lines = lines(bindings: bindings)
        let available = layout.listRows.count - 2
        guard available > 0 else { return }
        // More columns when one does not fit, as many as the width holds; then j/k scroll.
        let (columnCount, perColumn) = grid(lineCount: lines.count, rowsAvailable: available,
                                            screenColumns: layout.size.columns)
        let fits = perColumn <= available
        let first = clampedScroll(scroll, perColumn: perColumn, rowsAvailable: available)
        let width = min(layout.size.columns, cellWidth * columnCount + 2)
        let height = min(layout.listRows.count, perColumn + 2)
        let top = layout.listRows.lowerBound
        let left = max(0, (layout.size.columns - width) / 2)
        let paint = palette[.normal]
        terminal.draw("┌" + String(repeating: "─", count: max(0, width - 2)) + "┐", row: top, column: left,
                      width: width, paint: paint)
        for row in 0..<(height - 2) {
            var text = ""
            for column in 0..<columnCount {
                let index = column * perColumn + first + row
                let inColumn = first + row < perColumn
                text += DisplayWidth.pad(inColumn && index < lines.count ? lines[index] : "", toColumns: cellWidth)
            }
            terminal.draw("│" + DisplayWidth.pad(DisplayWidth.truncate(text, toColumns: width - 2), toColumns: width - 2) + "│",
                          row: top + 1 + row, column: left, width: width, paint: paint)
        }
        let footer = fits ? "─ Keys (any key closes) " : "─ Keys (j/k scroll, any other key closes) "
        terminal.draw("└" + footer + String(repeating: "─", count: max(0, width - 2 - DisplayWidth.of(footer))) + "┘",
                      row: top + height - 1, column: left, width: width, paint: paint)
    }
}
