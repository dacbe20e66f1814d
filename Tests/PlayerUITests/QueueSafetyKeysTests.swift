import Library
import Player
@testable import PlayerUI
import TerminalUI
import Storage
import XCTest

/// cmus' keys that act on playback and the queue (`x` `v` `i`), and the confirmation that
/// guards clearing or replacing a queue with entries (issue 17).
final class QueueSafetyKeysTests: XCTestCase {
    private func song(_ id: Int64, _ title: String, album: String = "Homogenic") -> Song {
        Song(id: SongID(id), title: title, artist: "Björk", albumArtist: "Björk", album: album,
             trackNumber: Int(id), durationSeconds: 200, storageKey: "\(title).mp3", location: TrackLocation(.file(path: "/m/\(title).mp3")))
    }

    private func screen(queued count: Int) -> PlayerScreen {
        var screen = PlayerScreen(bindings: .defaults)
        var snapshot = PlayerSnapshot()
        snapshot.entries = (0..<count).map { QueueEntry(id: QueueEntryID(UInt64($0 + 1)), item: QueueItem(song: song(Int64($0 + 1), "s\($0)"))) }
        snapshot.revision = 1
        screen.updateQueue(from: snapshot)
        return screen
    }

    private func type(_ text: String, into screen: inout PlayerScreen) -> [ScreenEffect] {
        for character in text { _ = screen.handle(.character(character)) }
        return screen.handle(.enter)
    }

    func testClearAsksWhenTheQueueHasEntriesAndOnlyYesClears() {
        var screen = screen(queued: 3)
        XCTAssertEqual(screen.handle(.character("C")), [], "nothing happens before the answer")
        guard case .confirm(let question, _) = screen.typing else { return XCTFail("\(screen.typing)") }
        XCTAssertEqual(question, "Clear the queue (3 entries)?")
        XCTAssertEqual(screen.handle(.character("n")), [])
        XCTAssertEqual(screen.typing, .none)
        XCTAssertEqual(screen.visibleMessage(at: Date()), "Cancelled.")
        _ = screen.handle(.character("C"))
        XCTAssertEqual(screen.handle(.character("y")), [.player(.clearQueue)])

        var empty = self.screen(queued: 0)
        XCTAssertEqual(empty.handle(.character("C")), [.player(.clearQueue)], "nothing to lose: no question")
    }

    func testLoadAndClearOnTheCommandLineAskToo() {
        var screen = screen(queued: 2)
        _ = screen.handle(.character(":"))
        XCTAssertEqual(type("load mix", into: &screen), [])
        guard case .confirm(let question, _) = screen.typing else { return XCTFail("\(screen.typing)") }
        XCTAssertEqual(question, "Replace the queue with playlist \"mix\" (2 entries)?")
        XCTAssertEqual(screen.handle(.character("y")), [.player(.loadPlaylist(name: "mix"))])
        _ = screen.handle(.character(":"))
        XCTAssertEqual(type("clear", into: &screen), [])
        XCTAssertEqual(screen.handle(.escape), [], "Esc answers no")
        XCTAssertEqual(screen.typing, .none)

        var empty = self.screen(queued: 0)
        _ = empty.handle(.character(":"))
        XCTAssertEqual(type("load mix", into: &empty), [.player(.loadPlaylist(name: "mix"))])
    }

    func testStopPlayAndJumpKeysAsInCmus() {
        var screen = screen(queued: 1)
        XCTAssertEqual(screen.handle(.character("v")), [.player(.stop)])
        XCTAssertEqual(screen.handle(.character("x")), [.player(.play)])
        XCTAssertEqual(screen.handle(.character("c")), [.player(.togglePause)])
        XCTAssertFalse(screen.jumpToPlaying)
        XCTAssertEqual(screen.handle(.character("i")), [])
        XCTAssertTrue(screen.jumpToPlaying, "the loop, which holds the snapshot, does the jump")
    }

    func testShowingASongSelectsItsArtistThenItsAlbumAndSongAsTheyArrive() {
        var browser = BrowserModel()
        browser.receiveArtists([Artist(name: "Abba", albumCount: 1, songCount: 1, durationSeconds: 1),
                                Artist(name: "Björk", albumCount: 2, songCount: 3, durationSeconds: 1)])
        _ = browser.nextLoads()
        let target = song(3, "Pagan Poetry", album: "Vespertine")
        XCTAssertTrue(browser.show(target))
        XCTAssertEqual(browser.focus, .songs)
        XCTAssertEqual(browser.nextLoads(), [.albums(artist: "Björk")])
        let albums = ["Homogenic", "Vespertine"].map {
            Album(title: $0, artist: "Björk", year: nil, songCount: 1, discCount: 1, durationSeconds: 1)
        }
        browser.receiveAlbums(albums, of: "Björk")
        XCTAssertEqual(browser.albums.selectedItem?.title, "Vespertine")
        XCTAssertEqual(browser.nextLoads(), [.songs(album: albums[1].id)])
        browser.receiveSongs([song(2, "Hidden Place", album: "Vespertine"), target], of: albums[1].id)
        XCTAssertEqual(browser.songs.selectedItem, target)

        XCTAssertFalse(browser.show(Song(id: SongID(9), title: "x", artist: "Nobody", albumArtist: "Nobody",
                                          album: "y", storageKey: "x", location: TrackLocation(.file(path: "/x")))))
    }
}

extension QueueSafetyKeysTests {
    func testUndoDeleteAndNumberedViewsAsInCmus() {
        var screen = PlayerScreen(bindings: .defaults)
        var snapshot = PlayerSnapshot()
        snapshot.entries = [QueueEntry(id: QueueEntryID(4), item: QueueItem(title: "t", location: TrackLocation(.file(path: "/t"))))]
        snapshot.revision = 1
        screen.updateQueue(from: snapshot)
        XCTAssertEqual(screen.handle(.character("u")), [.player(.undoQueueChange)])
        _ = screen.handle(.character("3"))
        XCTAssertEqual(screen.view, .queue)
        XCTAssertEqual(screen.handle(.character("D")), [.player(.remove(QueueEntryID(4)))])
        _ = screen.handle(.character("1"))
        XCTAssertEqual(screen.view, .browser)
        _ = screen.handle(.character("4"))
        XCTAssertEqual(screen.view, .queue)
        _ = screen.handle(.character("2"))
        XCTAssertEqual(screen.view, .browser)
    }

    func testThePlayingMarkGoesOnlyToTheColumnsShowingIt() {
        let mark = ListDrawing.marker(playing: "Björk", in: ["Abba", "Björk"])
        XCTAssertEqual(["Abba", "Björk"].map(mark), ["  ", "▶ "])
        XCTAssertEqual(ListDrawing.marker(playing: "Cher", in: ["Abba", "Björk"])("Abba"), "")
        XCTAssertEqual(ListDrawing.marker(playing: String?.none, in: ["Abba"])("Abba"), "")
    }
}

extension QueueSafetyKeysTests {
    func testSpaceMarksSongsAcrossAlbumsForOneAddAndQueueEntriesForOneRemove() {
        var screen = PlayerScreen(bindings: .defaults)
        let homogenic = Album(title: "Homogenic", artist: "Björk", year: nil, songCount: 2, discCount: 1, durationSeconds: 1)
        let vespertine = Album(title: "Vespertine", artist: "Björk", year: nil, songCount: 2, discCount: 1, durationSeconds: 1)
        screen.browser.receiveArtists([Artist(name: "Björk", albumCount: 2, songCount: 4, durationSeconds: 1)])
        _ = screen.browser.nextLoads()
        screen.browser.receiveAlbums([homogenic, vespertine], of: "Björk")
        _ = screen.browser.nextLoads()
        let first = [song(1, "Hunter"), song(2, "Jóga")]
        screen.browser.receiveSongs(first, of: homogenic.id)
        _ = screen.handle(.character(" "))
        XCTAssertNotNil(screen.visibleMessage(at: Date()), "the artists column has no marks: it says where they are")
        XCTAssertTrue(screen.markedSongs.isEmpty)
        _ = screen.handle(.character("l")); _ = screen.handle(.character("l"))
        _ = screen.handle(.character("j"))
        _ = screen.handle(.character(" "))  // Jóga
        XCTAssertEqual(screen.markedSongs, [first[1]])
        _ = screen.handle(.character("h")); _ = screen.handle(.character("j"))
        _ = screen.browser.nextLoads()
        let second = [song(3, "Hidden Place", album: "Vespertine"), song(4, "Pagan Poetry", album: "Vespertine")]
        screen.browser.receiveSongs(second, of: vespertine.id)
        _ = screen.handle(.character("l"))
        _ = screen.handle(.character(" "))  // Hidden Place, then the selection moves to Pagan Poetry
        XCTAssertEqual(screen.browser.songs.selectedItem, second[1])
        XCTAssertEqual(screen.handle(.character("a")), [.enqueue([first[1], second[0]], .append)], "in the order marked")
        XCTAssertTrue(screen.markedSongs.isEmpty, "marks are spent")
        XCTAssertEqual(screen.handle(.character("a")), [.enqueue([second[1]], .append)])

        var snapshot = PlayerSnapshot()
        snapshot.entries = (1...3).map { QueueEntry(id: QueueEntryID(UInt64($0)), item: QueueItem(title: "q\($0)", location: TrackLocation(.file(path: "/q")))) }
        snapshot.revision = 1
        screen.updateQueue(from: snapshot)
        _ = screen.handle(.tab)
        _ = screen.handle(.character(" "))  // q1
        _ = screen.handle(.character("j"))  // past q2
        _ = screen.handle(.character(" "))  // q3
        XCTAssertEqual(screen.handle(.character("d")), [.player(.remove(QueueEntryID(1))), .player(.remove(QueueEntryID(3)))])
        XCTAssertEqual(screen.handle(.character("d")), [.player(.remove(QueueEntryID(3)))], "no marks: the selected entry")
    }
}

extension QueueSafetyKeysTests {
    func testArrowsSeekInTheQueueAndMoveColumnsInTheLibrary() {
        var screen = self.screen(queued: 1)
        XCTAssertEqual(screen.handle(.right), [])
        XCTAssertEqual(screen.browser.focus, .albums)
        _ = screen.handle(.tab)
        XCTAssertEqual(screen.handle(.left), [.player(.seekBy(seconds: -5))])
        XCTAssertEqual(screen.handle(.right), [.player(.seekBy(seconds: 5))])
    }

    func testEveryHelpLineFitsItsCellSoTheCmusNotesShowWhole() {
        for action in KeyAction.allCases {
            XCTAssertLessThanOrEqual(DisplayWidth.of(action.summary), 21, action.summary)
        }
    }
}

extension QueueSafetyKeysTests {
    func testEscapeFromTheFilterPutsTheCursorBackWhereItWas() {
        var screen = PlayerScreen(bindings: .defaults)
        let names = ["Abba", "Björk", "Cher", "Sigur Rós"]
        screen.browser.receiveArtists(names.map { Artist(name: $0, albumCount: 1, songCount: 1, durationSeconds: 1) })
        _ = screen.handle(.character("j")); _ = screen.handle(.character("j"))
        XCTAssertEqual(screen.browser.artists.selectedItem?.name, "Cher")
        _ = screen.handle(.character("F"))
        for character in "ros" { _ = screen.handle(.character(character)) }
        XCTAssertEqual(screen.browser.artists.selectedItem?.name, "Sigur Rós")
        for character in "zz" { _ = screen.handle(.character(character)) }
        XCTAssertEqual(screen.focusedRowCount, 0, "the filter line says nothing matches")
        _ = screen.handle(.escape)
        XCTAssertEqual(screen.browser.artists.rowCount, 4)
        XCTAssertEqual(screen.browser.artists.selectedItem?.name, "Cher")
    }
}
