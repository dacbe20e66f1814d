import Curses
import Foundation
import Library
import PlaybackCore
import TerminalUI

/// The library-wide search view (`/` in the library, issue 17): a line being typed and the
/// ranked artists, albums and songs it finds, asked for again after every keystroke. Pure: it
/// says which query to run (`nextQuery`) and takes answers for the query still typed, so a
/// slow answer for "lo" never replaces the results for "love".
struct SearchModel {
    var line = LineEditor()
    var results = ListViewState<LibrarySearchHit>(items: [], viewportHeight: 1) { _, _ in true }
    /// True while keys edit the query; false while they move among the results.
    var isTyping = true
    /// The query last handed to the worker, and the one its results show.
    private(set) var askedQuery: String?
    private(set) var answeredQuery: String?

    var query: String { line.text }

    /// The query to run now, if the line changed since the last one asked.
    mutating func nextQuery() -> String? {
        guard query != askedQuery else { return nil }
        askedQuery = query
        return query
    }

    mutating func receive(_ hits: [LibrarySearchHit], for answered: String) {
        guard answered == query else { return }
        answeredQuery = answered
        results.setItems(hits)
        results.selectFirst()
    }

    /// An empty line has nothing to show and needs no query.
    var isWaiting: Bool { !query.trimmingCharacters(in: .whitespaces).isEmpty && answeredQuery != query }

    /// The row's kind, its text and, on the right, what it holds or lasts.
    static func row(_ hit: LibrarySearchHit) -> (kind: String, text: String, right: String) {
        switch hit {
        case .artist(let artist):
            return ("artist", artist.name, PlayerApp.count(artist.albumCount, "album", "albums"))
        case .album(let album):
            return ("album", album.title + " – " + album.artist + (album.year.map { " (\($0))" } ?? ""),
                    ClockText.of(album.durationSeconds))
        case .song(let song):
            return ("song", song.title + " – " + song.artist + " · " + song.album, ClockText.of(song.durationSeconds))
        }
    }
}
