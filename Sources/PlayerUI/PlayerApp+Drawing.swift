import Curses
import Foundation
import Player
import TerminalUI

/// One frame: the view's lists, the lines under them and any overlay, from the snapshot taken
/// this turn.
extension PlayerApp {
    func draw(on terminal: Terminal, palette: ThemePalette, snapshot: PlayerSnapshot) {
        let size = terminal.size
        terminal.clear()
        guard let layout = ScreenLayout(size: size, focus: screen.browser.focus) else {
            let message = ColumnLayout.tooSmallScreen(size: size)
            terminal.put(message.text, row: message.row, column: message.column)
            terminal.showCursor(false)
            terminal.refresh()
            return
        }
        screen.browser.setViewportHeight(layout.listRows.count)
        screen.queue.setViewportHeight(layout.listRows.count)
        screen.search.results.setViewportHeight(layout.listRows.count)
        screen.updateQueue(from: snapshot)
        let lists = ListDrawing(terminal: terminal, palette: palette, layout: layout)
        switch screen.view {
        case .browser: lists.drawBrowser(screen.browser, playing: snapshot.current?.item, marked: Set(screen.markedSongs.map(\.id)))
        case .search: SearchDrawing(terminal: terminal, palette: palette, layout: layout).draw(screen.search)
        case .queue: lists.drawQueue(screen.queue, snapshot: snapshot, marked: screen.markedEntries)
        }
        let status = StatusDrawing(terminal: terminal, palette: palette, layout: layout)
        if screen.view == .browser && configuration.detailsEnabled { status.drawDetails(screen.details) }
        status.drawProgress(snapshot)
        status.drawStatus(snapshot)
        let cursor = status.drawCommandLine(screen, now: Date())
        if screen.isShowingMessages {
            MessagesOverlay.draw(on: terminal, palette: palette, layout: layout, log: screen.messageLog)
        }
        if let pane = screen.detailsPane {
            screen.detailsPaneScroll = DetailsPaneOverlay.draw(on: terminal, palette: palette, layout: layout,
                                                               lines: pane.lines, scroll: screen.detailsPaneScroll)
        }
        if screen.isShowingHelp {
            HelpOverlay.draw(on: terminal, palette: palette, layout: layout, bindings: configuration.bindings,
                             scroll: screen.helpScroll)
        }
        if let cursor { terminal.moveCursor(row: layout.commandRow, column: cursor) }
        terminal.showCursor(cursor != nil)
        terminal.refresh()
    }
}
