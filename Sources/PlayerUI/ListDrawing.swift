import Curses
import Foundation
import Library
import PlaybackCore
import Player
import TerminalUI

/// Draws the browser's three columns and the queue view.
struct ListDrawing {
    let terminal: Terminal
    let palette: ThemePalette
    let layout: ScreenLayout

    /// `playing`: what the player is on, marked ▶ in each column that shows its artist, album
    /// or song (cmus marks the playing track in its library view too). Items from outside the
    /// catalog carry no album artist: only their song id can match.
    func drawBrowser(_ browser: BrowserModel, playing item: QueueItem?, marked: Set<SongID> = []) {
        let playing = item?.songID
        let playingAlbum = item?.song.map { AlbumID(artist: $0.albumArtist, title: $0.album) }
        for frame in layout.columns.panes {
            let focused = frame.pane == browser.focus
            switch frame.pane {
            case .artists:
                let list = browser.artists
                header("Artists (\(list.rowCount))", frame: frame, focused: focused)
                let marker = Self.marker(playing: playingAlbum?.artist, in: list.items.map(\.name))
                rows(list, column: frame.column, width: frame.width, focused: focused) { artist, _ in
                    (marker(artist.name) + artist.name, "\(artist.albumCount)")
                }
            case .albums:
                let list = browser.albums
                header("Albums (\(list.rowCount))", frame: frame, focused: focused)
                let marker = Self.marker(playing: playingAlbum, in: list.items.map(\.id))
                rows(list, column: frame.column, width: frame.width, focused: focused) { album, _ in
                    (marker(album.id) + (album.year.map { "\($0) " } ?? "") + album.title, ClockText.of(album.durationSeconds))
                }
            case .songs:
                let list = browser.songs
                // The count is of the rows shown (a filter narrows it): the time is of the same rows.
                let total = list.visibleIndices.reduce(0.0) { $0 + (list.items[$1].durationSeconds ?? 0) }
                header("Songs (\(list.rowCount), \(ClockText.of(total)))", frame: frame, focused: focused)
                // Multi-disc albums number 1-01 … 2-01 (never 01 02 01 02); a compilation's
                // songs name their own artist after the title.
                let multiDisc = list.items.contains { ($0.discNumber ?? 1) > 1 }
                let marksPlaying = playing.map { id in list.items.contains { $0.id == id } } ?? false
                rows(list, column: frame.column, width: frame.width, focused: focused) { song, _ in
                    let marker = (marked.isEmpty ? "" : marked.contains(song.id) ? "* " : "  ")
                        + (marksPlaying ? (song.id == playing ? "▶ " : "  ") : "")
                    return (marker + Self.songNumber(song, multiDisc: multiDisc) + song.title
                                + (song.artist != song.albumArtist && !song.artist.isEmpty ? " – " + song.artist : ""),
                            ClockText.of(song.durationSeconds))
                }
            }
        }
        for column in layout.columns.separatorColumns {
            for row in layout.headerRow..<layout.listRows.upperBound {
                terminal.putCell("│", row: row, column: column, attributes: palette[.dim].attributes,
                                 colorPair: palette[.dim].colorPair)
            }
        }
    }

    func drawQueue(_ queue: ListViewState<QueueEntry>, snapshot: PlayerSnapshot, marked: Set<QueueEntryID> = []) {
        let width = layout.size.columns
        let count = snapshot.entries.count
        let position = snapshot.currentIndex.map { "  playing \($0 + 1)/\(count)" } ?? ""
        terminal.draw("Queue: \(count) \(count == 1 ? "entry" : "entries"), \(ClockText.of(snapshot.totalDurationSeconds))\(position)",
                      row: layout.headerRow, column: 0, width: width, paint: palette[.header])
        let currentID = snapshot.current?.id
        let numberWidth = String(max(1, count)).count
        // Marks, number and ". " before the names; a space and the duration (up to 8 columns,
        // "10:00:00") after them.
        let namesWidth = width - (2 + numberWidth + 2) - 9
        rows(queue, column: 0, width: width, focused: true) { entry, index in
            let number = String(index + 1)
            let marker = (entry.id == currentID ? "▶" : " ") + (marked.contains(entry.id) ? "*" : " ")
            let padded = String(repeating: " ", count: max(0, numberWidth - number.count)) + number
            return (marker + padded + ". " + QueueRowText.of(entry.item, width: namesWidth), ClockText.of(entry.durationSeconds))
        }
        if queue.isEmpty {
            terminal.draw("The queue is empty: Tab back to the library, then a adds, Enter plays.",
                          row: layout.listRows.lowerBound, column: 2, width: width - 2, paint: palette[.dim])
        }
    }

    static func songNumber(_ song: Song, multiDisc: Bool) -> String {
        guard let track = song.trackNumber else { return "" }
        let number = String(format: "%02d", track)
        return multiDisc ? "\(song.discNumber ?? 1)-\(number) " : number + " "
    }

    /// "▶ " for the playing value, "  " for the others when the list shows it, "" otherwise (so
    /// a column without the playing item keeps its full width).
    static func marker<Value: Equatable>(playing: Value?, in values: [Value]) -> (Value) -> String {
        guard let playing, values.contains(playing) else { return { _ in "" } }
        return { $0 == playing ? "▶ " : "  " }
    }

    private func header(_ text: String, frame: PaneFrame, focused: Bool) {
        terminal.draw(text, row: layout.headerRow, column: frame.column, width: frame.width,
                      paint: palette[focused ? .header : .headerInactive])
    }

    private func rows<Item>(_ list: ListViewState<Item>, column: Int, width: Int, focused: Bool,
                            text: (Item, Int) -> (String, String)) {
        for (offset, entry) in list.rowsOnScreen.enumerated() {
            let isSelected = entry.row == list.selectedRow
            let role: ThemeRole = isSelected ? (focused ? .selected : .selectedInactive) : .normal
            let (left, right) = text(entry.item, entry.index)
            terminal.draw(ScreenLayout.row(left, right: right, width: width),
                          row: layout.listRows.lowerBound + offset, column: column, width: width,
                          paint: palette[role])
        }
    }
}
