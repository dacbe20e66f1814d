import Library
@testable import PlayerUI
import Storage
import XCTest

/// The search view without a terminal: `/` opens it from the library, each keystroke asks for
/// the query as typed, late answers are dropped, and Enter, a, e, o act on the selected result.
final class SearchViewTests: XCTestCase {
    private let artist = Artist(name: "Björk", albumCount: 1, songCount: 2, durationSeconds: 400)
    private let album = Album(title: "Homogenic", artist: "Björk", year: 1997, songCount: 2, discCount: 1,
                              durationSeconds: 400)
    private let song = Song(id: SongID(7), title: "Jóga", artist: "Björk", albumArtist: "Björk", album: "Homogenic",
                            trackNumber: 2, durationSeconds: 200, storageKey: "j.mp3", location: TrackLocation(.file(path: "/m/j.mp3")))

    private func screenWithResults() -> PlayerScreen {
        var screen = PlayerScreen(bindings: .defaults)
        screen.browser.receiveArtists([artist])
        _ = screen.handle(.character("/"))
        for character in "jog" { _ = screen.handle(.character(character)) }
        XCTAssertEqual(screen.search.nextQuery(), "jog")
        screen.search.receive([.song(song), .album(album), .artist(artist)], for: "jog")
        return screen
    }

    func testEachKeystrokeAsksAndOnlyTheAnswerForTheLineTypedShows() {
        var screen = PlayerScreen(bindings: .defaults)
        XCTAssertEqual(screen.handle(.character("/")), [])
        XCTAssertEqual(screen.view, .search)
        _ = screen.handle(.character("l"))
        XCTAssertEqual(screen.search.nextQuery(), "l")
        XCTAssertNil(screen.search.nextQuery(), "nothing new typed")
        _ = screen.handle(.character("o"))  // typed, not the `o` key's action
        XCTAssertEqual(screen.search.nextQuery(), "lo")
        screen.search.receive([.artist(artist)], for: "l")
        XCTAssertTrue(screen.search.results.isEmpty, "an answer for an older query is dropped")
        XCTAssertTrue(screen.search.isWaiting)
        screen.search.receive([.artist(artist)], for: "lo")
        XCTAssertEqual(screen.search.results.rowCount, 1)
        XCTAssertFalse(screen.search.isWaiting)
    }

    func testEnterPlaysTheSongsAlbumFromItAndAEQueueTheResult() {
        var screen = screenWithResults()
        XCTAssertEqual(screen.handle(.enter), [.playAlbumFrom(song)])
        _ = screen.handle(.down)  // into the results, on the album
        XCTAssertFalse(screen.search.isTyping)
        XCTAssertEqual(screen.handle(.character("a")), [.enqueueFromCatalog(artist: "Björk", album: "Homogenic", .append)])
        _ = screen.handle(.character("j"))
        XCTAssertEqual(screen.handle(.character("e")), [.enqueueFromCatalog(artist: "Björk", album: nil, .insertNext)])
        _ = screen.handle(.character("k")); _ = screen.handle(.character("k"))
        XCTAssertEqual(screen.handle(.character("e")), [.enqueue([song], .insertNext)])
        XCTAssertEqual(screen.handle(.enter), [.playAlbumFrom(song)])
    }

    func testOShowsTheResultInTheBrowserAndEscCloses() {
        var screen = screenWithResults()
        _ = screen.handle(.tab)
        _ = screen.handle(.character("j"))
        _ = screen.handle(.character("o"))
        XCTAssertEqual(screen.view, .browser)
        XCTAssertEqual(screen.browser.focus, .albums)
        XCTAssertEqual(screen.browser.nextLoads(), [.albums(artist: "Björk")])
        screen.browser.receiveAlbums([album], of: "Björk")
        XCTAssertEqual(screen.browser.albums.selectedItem, album)

        _ = screen.handle(.character("/"))
        XCTAssertEqual(screen.view, .search)
        XCTAssertTrue(screen.search.isTyping)
        XCTAssertEqual(screen.search.query, "jog", "the last query is kept")
        _ = screen.handle(.escape)
        XCTAssertEqual(screen.view, .browser)
    }

    func testSlashInTheQueueStillFiltersTheQueue() {
        var screen = PlayerScreen(bindings: .defaults)
        _ = screen.handle(.tab)
        _ = screen.handle(.character("/"))
        XCTAssertEqual(screen.view, .queue)
        XCTAssertEqual(screen.typing, .filter)
    }
}
