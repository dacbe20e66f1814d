/// The list that has focus (the browser's focused column, or the queue), for the filter.
extension PlayerScreen {
    var focusedSelectedIndex: Int? {
        guard view == .browser else { return view == .queue ? queue.selectedIndex : search.results.selectedIndex }
        switch browser.focus {
        case .artists: return browser.artists.selectedIndex
        case .albums: return browser.albums.selectedIndex
        case .songs: return browser.songs.selectedIndex
        }
    }

    var focusedRowCount: Int {
        guard view == .browser else { return view == .queue ? queue.rowCount : search.results.rowCount }
        switch browser.focus {
        case .artists: return browser.artists.rowCount
        case .albums: return browser.albums.rowCount
        case .songs: return browser.songs.rowCount
        }
    }

    mutating func selectFocused(index: Int) {
        guard view == .browser else {
            if view == .queue { _ = queue.select(index: index) } else { _ = search.results.select(index: index) }
            return
        }
        switch browser.focus {
        case .artists: _ = browser.artists.select(index: index)
        case .albums: _ = browser.albums.select(index: index)
        case .songs: _ = browser.songs.select(index: index)
        }
    }
}
