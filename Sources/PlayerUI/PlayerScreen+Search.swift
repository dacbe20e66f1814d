import Curses
import Library
import TerminalUI

/// The search view's keys. While the query is typed, characters and the line-editing keys edit
/// it, Enter plays the selected result and moves into the results, as ↓ or Tab do; Esc closes. In the
/// results the usual keys act on the selected result: Enter plays, `a` adds, `e` plays next,
/// `o` shows it in the browser, `/` edits the query again, Esc closes.
extension PlayerScreen {
    mutating func openSearch() {
        view = .search
        search.isTyping = true
    }

    mutating func closeSearch() {
        view = .browser
        search.isTyping = false
    }

    mutating func typeSearch(_ key: KeyEvent) -> [ScreenEffect] {
        switch key {
        case .escape: closeSearch()
        case .backspace where search.line.isEmpty: closeSearch()
        case .enter:
            // Into the results: the message line shows what became of it, a e o act next.
            search.isTyping = false
            return enqueueSearchHit(.play)
        case .down, .tab:
            search.isTyping = false
            if key == .down { search.results.moveSelection(by: 1) }
        case .up: search.results.moveSelection(by: -1)
        case .pageDown: search.results.pageDown()
        case .pageUp: search.results.pageUp()
        default: _ = search.line.handle(key)
        }
        return []
    }

    /// Enter, `a` and `e` on a result: a song plays on through its album from there (as Enter
    /// in the songs column does), an album or an artist as a whole.
    func enqueueSearchHit(_ intent: EnqueueIntent) -> [ScreenEffect] {
        switch search.results.selectedItem {
        case nil: return []
        case .artist(let artist)?: return [.enqueueFromCatalog(artist: artist.name, album: nil, intent)]
        case .album(let album)?: return [.enqueueFromCatalog(artist: album.artist, album: album.title, intent)]
        case .song(let song)?:
            return intent == .play ? [.playAlbumFrom(song)] : [.enqueue([song], intent)]
        }
    }

    /// `o`: the browser goes to the result's artist (and album, and song) with that column focused.
    mutating func showSearchHitInLibrary() {
        guard let hit = search.results.selectedItem else { return }
        let shown: Bool
        switch hit {
        case .artist(let artist): shown = browser.show(artist: artist.name, album: nil, song: nil)
        case .album(let album): shown = browser.show(artist: album.artist, album: album.title, song: nil)
        case .song(let song): shown = browser.show(song)
        }
        if shown { closeSearch() } else { say("That is no longer in the library: :rescan reads it again.") }
    }
}
