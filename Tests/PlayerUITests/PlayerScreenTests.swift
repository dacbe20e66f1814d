import Library
import PlaybackCore
import Player
@testable import PlayerUI
import Remote
import TerminalUI
import Storage
import XCTest

/// The view model without a terminal: keys in, effects and loads out.
final class PlayerScreenTests: XCTestCase {
    private let artists = [Artist(name: "Björk", albumCount: 1, songCount: 2, durationSeconds: 400),
                           Artist(name: "Sigur Rós", albumCount: 1, songCount: 1, durationSeconds: 300)]
    private let album = Album(title: "Homogenic", artist: "Björk", year: 1997, songCount: 2, discCount: 1,
                              durationSeconds: 400)

    private func song(_ id: Int64, _ title: String) -> Song {
        Song(id: SongID(id), title: title, artist: "Björk", albumArtist: "Björk", album: "Homogenic",
             trackNumber: Int(id), durationSeconds: 200, storageKey: "\(title).mp3", location: TrackLocation(.file(path: "/m/\(title).mp3")))
    }

    private func loadedScreen() -> PlayerScreen {
        var screen = PlayerScreen(bindings: .defaults)
        screen.browser.receiveArtists(artists)
        XCTAssertEqual(screen.browser.nextLoads(), [.albums(artist: "Björk")])
        screen.browser.receiveAlbums([album], of: "Björk")
        XCTAssertEqual(screen.browser.nextLoads(), [.songs(album: album.id)])
        screen.browser.receiveSongs([song(1, "Hunter"), song(2, "Jóga")], of: album.id)
        return screen
    }

    func testMovingToAnotherArtistEmptiesTheColumnsAndAsksForItsAlbums() {
        var screen = loadedScreen()
        _ = screen.handle(.character("j"))
        XCTAssertEqual(screen.browser.nextLoads(), [.albums(artist: "Sigur Rós")])
        XCTAssertTrue(screen.browser.albums.isEmpty)
        XCTAssertTrue(screen.browser.songs.isEmpty)
        // A late answer for the artist that lost focus is dropped.
        screen.browser.receiveAlbums([album], of: "Björk")
        XCTAssertTrue(screen.browser.albums.isEmpty)
    }

    func testAppendAndPlayFollowTheFocusedColumn() {
        var screen = loadedScreen()
        XCTAssertEqual(screen.handle(.character("a")), [.enqueueFromCatalog(artist: "Björk", album: nil, .append)])
        _ = screen.handle(.character("l"))
        XCTAssertEqual(screen.handle(.character("e")), [.enqueueFromCatalog(artist: "Björk", album: "Homogenic", .insertNext)])
        _ = screen.handle(.right)
        // Enter plays from the focused song to the album's end; a and e take the one song.
        XCTAssertEqual(screen.handle(.enter), [.enqueue([song(1, "Hunter"), song(2, "Jóga")], .play)])
        XCTAssertEqual(screen.handle(.character("a")), [.enqueue([song(1, "Hunter")], .append)])
        _ = screen.handle(.down)
        XCTAssertEqual(screen.handle(.enter), [.enqueue([song(2, "Jóga")], .play)])
        XCTAssertEqual(screen.handle(.character("e")), [.enqueue([song(2, "Jóga")], .insertNext)])
    }

    func testFFiltersTheFocusedColumnWithoutDiacritics() {
        var screen = loadedScreen()
        _ = screen.handle(.character("F"))
        for character in "ros" { _ = screen.handle(.character(character)) }
        XCTAssertEqual(screen.browser.artists.rowCount, 1)
        XCTAssertEqual(screen.browser.artists.selectedItem?.name, "Sigur Rós")
        _ = screen.handle(.enter)
        XCTAssertEqual(screen.typing, .none)
        _ = screen.handle(.escape)
        XCTAssertEqual(screen.browser.artists.rowCount, 2)
    }

    func testPlayerKeysAndTheCommandLine() {
        var screen = loadedScreen()
        XCTAssertEqual(screen.handle(.character("c")), [.player(.togglePause)])
        XCTAssertEqual(screen.handle(.character(">")), [.player(.seekBy(seconds: 60))])
        XCTAssertEqual(screen.handle(.character("-")), [.player(.adjustVolume(by: -5))])
        XCTAssertEqual(screen.handle(.character("q")), [.quit])
        _ = screen.handle(.character(":"))
        for character in "seek 1:30" { _ = screen.handle(.character(character)) }
        XCTAssertEqual(screen.handle(.enter), [.player(.seek(toSeconds: 90))])
        _ = screen.handle(.character(":"))
        for character in "bogus" { _ = screen.handle(.character(character)) }
        XCTAssertEqual(screen.handle(.enter), [])
        XCTAssertEqual(screen.visibleMessage(at: Date())?.hasPrefix("Unknown command :bogus"), true)
    }

    func testQueueKeysNameTheSelectedEntry() {
        var screen = loadedScreen()
        var snapshot = PlayerSnapshot()
        snapshot.entries = [QueueEntry(id: QueueEntryID(7), item: QueueItem(song: song(1, "Hunter"))),
                            QueueEntry(id: QueueEntryID(8), item: QueueItem(song: song(2, "Jóga")))]
        snapshot.revision = 1
        screen.updateQueue(from: snapshot)
        _ = screen.handle(.tab)
        XCTAssertEqual(screen.view, .queue)
        XCTAssertEqual(screen.handle(.character("J")), [.player(.move(QueueEntryID(7), by: 1))])
        XCTAssertEqual(screen.handle(.character("j")), [])
        XCTAssertEqual(screen.handle(.character("d")), [.player(.remove(QueueEntryID(8)))])
        XCTAssertEqual(screen.handle(.enter), [.player(.playEntry(QueueEntryID(8)))])
    }

    func testARescanReloadsEveryColumnKeepingTheFocusOnTheSameNames() {
        var screen = loadedScreen()
        _ = screen.handle(.character("l"))
        _ = screen.handle(.character("l"))
        _ = screen.handle(.down)
        XCTAssertEqual(screen.browser.songs.selectedItem?.title, "Jóga")
        // A new artist sorts first: the focus stays on Björk, not on row 0.
        let newcomer = Artist(name: "Aaliyah", albumCount: 1, songCount: 1, durationSeconds: 200)
        screen.browser.reload(artists: [newcomer] + artists)
        XCTAssertEqual(screen.browser.artists.selectedItem?.name, "Björk")
        XCTAssertEqual(screen.browser.nextLoads(), [.albums(artist: "Björk")])
        screen.browser.receiveAlbums([album], of: "Björk")
        XCTAssertEqual(screen.browser.nextLoads(), [.songs(album: album.id)])
        screen.browser.receiveSongs([song(1, "Hunter"), song(3, "Bachelorette"), song(2, "Jóga")], of: album.id)
        XCTAssertEqual(screen.browser.songs.selectedItem?.title, "Jóga")
        XCTAssertEqual(screen.handle(.character(":")), [])
        for character in "rescan" { _ = screen.handle(.character(character)) }
        XCTAssertEqual(screen.handle(.enter), [.rescan])
    }

    /// J moves the entry; the player's next snapshot has it one row down and the selection
    /// is still on it there, so a second J moves it again (not its neighbour back).
    func testTheSelectionFollowsTheMovedEntryIntoTheNextSnapshot() {
        var screen = loadedScreen()
        var snapshot = PlayerSnapshot()
        let first = QueueEntry(id: QueueEntryID(7), item: QueueItem(song: song(1, "Hunter")))
        let second = QueueEntry(id: QueueEntryID(8), item: QueueItem(song: song(2, "Jóga")))
        let third = QueueEntry(id: QueueEntryID(9), item: QueueItem(song: song(3, "Bachelorette")))
        snapshot.entries = [first, second, third]
        snapshot.revision = 1
        screen.updateQueue(from: snapshot)
        _ = screen.handle(.tab)
        XCTAssertEqual(screen.handle(.character("J")), [.player(.move(QueueEntryID(7), by: 1))])
        snapshot.entries = [second, first, third]
        snapshot.revision = 2
        screen.updateQueue(from: snapshot)
        XCTAssertEqual(screen.queue.selectedIndex, 1)
        XCTAssertEqual(screen.handle(.character("J")), [.player(.move(QueueEntryID(7), by: 1))])
    }

    func testCommandLineParsing() {
        XCTAssertEqual(CommandLineParser.parse("seek +10"), .player(.seekBy(seconds: 10)))
        XCTAssertEqual(CommandLineParser.parse("seek -5"), .player(.seekBy(seconds: -5)))
        XCTAssertEqual(CommandLineParser.parse("seek 75"), .player(.seek(toSeconds: 75)))
        XCTAssertEqual(CommandLineParser.parse("vol 40"), .player(.setVolume(percent: 40)))
        XCTAssertEqual(CommandLineParser.parse("vol +5"), .player(.adjustVolume(by: 5)))
        XCTAssertEqual(CommandLineParser.parse("save road trip"), .player(.savePlaylist(name: "road trip")))
        XCTAssertEqual(CommandLineParser.parse("load mix"), .player(.loadPlaylist(name: "mix")))
        XCTAssertEqual(CommandLineParser.parse("add s3://b/k.mp3"), .add("s3://b/k.mp3"))
        XCTAssertEqual(CommandLineParser.parse("clear"), .player(.clearQueue))
        XCTAssertEqual(CommandLineParser.parse("q"), .quit)
        XCTAssertEqual(CommandLineParser.parse("rescan"), .rescan)
        if case .message = CommandLineParser.parse("seek 1:75") {} else { XCTFail("1:75 is not a time") }
        if case .message = CommandLineParser.parse("vol 101") {} else { XCTFail("101 is not a volume") }
    }

    func testRemoteStatusComesFromTheSnapshot() {
        var snapshot = PlayerSnapshot()
        snapshot.entries = [QueueEntry(id: QueueEntryID(1), item: QueueItem(song: song(1, "Hunter")))]
        snapshot.current = snapshot.entries[0]
        snapshot.currentIndex = 0
        snapshot.state = .paused
        snapshot.repeatMode = .all
        let status = RemoteBridge.status(of: snapshot)
        XCTAssertEqual(status.state, .paused)
        XCTAssertEqual(status.title, "Hunter")
        XCTAssertEqual(status.album, "Homogenic")
        XCTAssertEqual(status.queueLength, 1)
        XCTAssertEqual(status.queuePosition, 1)
        XCTAssertEqual(status.repeatMode, .all)
    }

    func testClockText() {
        XCTAssertEqual(ClockText.of(187), "3:07")
        XCTAssertEqual(ClockText.of(3723), "1:02:03")
        XCTAssertEqual(ClockText.of(nil), "-:--")
        XCTAssertEqual(ClockText.bar(fraction: 0.5, width: 12), "[=====-----]")
    }
}
