/// The list that has focus (the browser's focused column, or the queue), for the filter.
extension PlayerScreen {
    var focusedSelectedIndex: Int? {
        guard view == .browser else { return queue.selectedIndex }
        switch browser.focus {
        case .artists: return browser.artists.selectedIndex
        case .albums: return browser.albums.selectedIndex
        case .songs: return browser.songs.selectedIndex
        }
    }

    var focusedRowCount: Int {
        guard view == .browser else { return queue.rowCount }
        switch browser.focus {
        case .artists: return browser.artists.rowCount
        case .albums: return browser.albums.rowCount
        case .songs: return browser.songs.rowCount
        }
    }

    mutating func selectFocused(index: Int) {
        guard view == .browser else { _ = queue.select(index: index); return }
        switch browser.focus {
        case .artists: _ = browser.artists.select(index: index)
        case .albums: _ = browser.albums.select(index: index)
        case .songs: _ = browser.songs.select(index: index)
        }
    }
}
