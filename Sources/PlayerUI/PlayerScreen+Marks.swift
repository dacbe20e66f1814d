import Library
import Player

/// cmus' marks: space marks the selected song (songs column) or queue entry and moves down;
/// `a` and `e` then take every marked song, in the order marked, and `d` removes every marked
/// entry. Marked songs stay marked while the browser moves to other albums, so one `a` can
/// gather songs from several.
extension PlayerScreen {
    mutating func toggleMark() {
        switch view {
        case .queue:
            guard let entry = queue.selectedItem else { return }
            if markedEntries.remove(entry.id) == nil { markedEntries.insert(entry.id) }
            queue.moveSelection(by: 1)
        case .search:
            say("Space marks songs in the songs column and queue entries; in the search, a and e queue.")
        case .browser:
            guard browser.focus == .songs else {
                return say("Space marks songs and queue entries: move to the songs column (l).")
            }
            guard let song = browser.songs.selectedItem else { return }
            if let index = markedSongs.firstIndex(of: song) { markedSongs.remove(at: index) } else { markedSongs.append(song) }
            browser.songs.moveSelection(by: 1)
        }
    }

    /// `a` or `e` in the browser with songs marked: those songs, and the marks are spent.
    mutating func enqueueMarked(_ intent: EnqueueIntent) -> [ScreenEffect]? {
        guard !markedSongs.isEmpty else { return nil }
        defer { markedSongs = [] }
        return [.enqueue(markedSongs, intent)]
    }

    /// `d` in the queue with entries marked: each of them, in queue order.
    mutating func removeMarked() -> [ScreenEffect]? {
        guard !markedEntries.isEmpty else { return nil }
        defer { markedEntries = [] }
        return queue.items.filter { markedEntries.contains($0.id) }.map { .player(.remove($0.id)) }
    }
}
