import Curses
import Foundation
import Library
import MPRIS
import Player
import Remote
import TerminalUI
import SafeText

/// The full-screen player: one loop on the calling (main) thread owns the terminal, reads a key
/// with a short timeout, takes what the workers posted, and redraws from the player's snapshot
/// and its own view state. Nothing in the loop waits on the network or the disk: catalog and
/// details queries run on `LibraryWorker`'s queues and come back through the inbox.
public final class PlayerApp {
    public struct Configuration {
        public var repository: any LibraryRepository
        public var bindings: KeyBindings = .defaults
        public var theme: Theme = .standard
        /// False without a Discogs token: the details line stays empty instead of "loading…".
        public var detailsEnabled = false
        /// nil: no remote control.
        public var remoteLocation: RemoteSocketLocation?
        /// The session bus to serve MPRIS on; nil: none (no bus, or `[mpris] enabled = false`).
        public var mpris: MPRISService.Configuration?
        /// The library's scanner, for `:rescan`; nil: the command says it is not available.
        public var scanner: CatalogScanner?
        /// Titles, artists and durations for what `:add` and `remote add` queue (from the
        /// catalog or the files' tags); may read storage, so it runs off the UI thread.
        public var nameItems: @Sendable ([QueueItem]) -> [QueueItem] = { $0 }
        /// The player's state file: the library cursor and the `:` history are kept next to it
        /// (BrowserCursorStore, CommandHistoryStore); nil: neither is kept.
        public var stateFile: URL?
        /// Saved playlists, for `:load` alone and Tab completion; nil: none listed.
        public var playlists: PlaylistStore?

        public init(repository: any LibraryRepository) {
            self.repository = repository
        }
    }

    private let configuration: Configuration
    private let events: PlayerUIEvents
    private let worker: LibraryWorker
    private let rescan: LibraryRescan?
    private var screen: PlayerScreen
    private let cursorStore: BrowserCursorStore?
    private let historyStore: CommandHistoryStore?
    /// The saved cursor, until the artists arrive.
    private var pendingCursor: BrowserCursorStore.Position?
    /// Set when answers from the catalog worker are due, so the loop waits a moment for them
    /// instead of drawing an empty column for one frame.
    private var awaitingCatalog = false

    public init(configuration: Configuration, events: PlayerUIEvents) {
        self.configuration = configuration
        self.events = events
        worker = LibraryWorker(repository: configuration.repository, inbox: events.inbox,
                               nameItems: configuration.nameItems)
        rescan = configuration.scanner.map {
            LibraryRescan(scanner: $0, repository: configuration.repository, inbox: events.inbox)
        }
        screen = PlayerScreen(bindings: configuration.bindings)
        cursorStore = configuration.stateFile.map(BrowserCursorStore.init(stateFile:))
        pendingCursor = cursorStore?.load()
        historyStore = configuration.stateFile.map(CommandHistoryStore.init(stateFile:))
        screen.commandHistory = historyStore?.load() ?? []
        screen.playlistNames = { [playlists = configuration.playlists] in playlists?.names() ?? [] }
    }

    /// Runs until `q` or `:q` (0) or a terminating signal (128+n), then stops the remote server,
    /// saves the player's state and gives the terminal back. Returns the exit status.
    public func run(player: Player) -> Int32 {
        let lifecycle = TerminalLifecycle()
        let terminal = Terminal()
        do {
            try terminal.start()
        } catch {
            FileHandle.standardError.write(Data("s3play: \(error)\n".utf8))
            return 1
        }
        let palette = ThemePalette(theme: configuration.theme, terminal: terminal)
        let remote = startRemote(player: player)
        let mpris = configuration.mpris.map { MPRISService(configuration: $0, player: player) }
        player.restoreSavedState()
        worker.loadArtists()
        awaitingCatalog = true

        var status: Int32 = 0
        var lastDraw = Date.distantPast
        loop: while true {
            var changed = false
            for event in lifecycle.pendingEvents() {
                switch event {
                case .terminate(let signal):
                    status = 128 + signal
                    break loop
                case .suspend: lifecycle.stopProcess(terminal: terminal)
                case .resumed: terminal.repaintEverythingNextRefresh()
                }
                changed = true
            }
            let updates = events.inbox.drain(waitingUpTo: awaitingCatalog ? 0.03 : 0)
            awaitingCatalog = false
            for update in updates { apply(update, player: player) }
            changed = changed || !updates.isEmpty
            if let key = terminal.readKey(timeoutMilliseconds: 50) {
                changed = true
                if key != .resize, perform(screen.handle(key), player: player) { break loop }
            }
            if screen.jumpToPlaying { jumpToPlaying(player.snapshot) }
            requestLoads()
            // The clock moves while playing: a few redraws a second even with nothing else new.
            if changed || Date().timeIntervalSince(lastDraw) > 0.25 {
                draw(on: terminal, palette: palette, snapshot: player.snapshot)
                lastDraw = Date()
            }
        }
        remote?.stop()
        mpris?.stop()
        rescan?.stop()
        player.shutdown()
        let failures = [cursorStore?.save(screen.browser.cursorPosition), historyStore?.save(screen.commandHistory)]
        terminal.stop()
        for case let failure? in failures { FileHandle.standardError.write(Data("s3play: \(failure)\n".utf8)) }
        return status
    }

    private func startRemote(player: Player) -> RemoteServer? {
        guard let location = configuration.remoteLocation else { return nil }
        do {
            return try RemoteServer(location: location) { [nameItems = configuration.nameItems] request in
                RemoteBridge.respond(to: request, player: player, nameItems: nameItems)
            }
        } catch {
            events.notice("Remote control is off: \(error)")
            return nil
        }
    }

    // MARK: updates and effects

    private func apply(_ update: UIUpdate, player: Player) {
        switch update {
        case .artists(let artists):
            screen.browser.receiveArtists(artists)
            if let position = pendingCursor {
                pendingCursor = nil
                screen.browser.restore(position)
            }
            if artists.isEmpty { screen.say("The catalog is empty: run `s3play scan`.") }
        case .albums(let artist, let albums):
            screen.browser.receiveAlbums(albums, of: artist)
            if configuration.detailsEnabled {
                worker.prefetch(artists: neighbourArtists(), albums: albums.map(\.id))
            }
        case .songs(let album, let songs):
            screen.browser.receiveSongs(songs, of: album)
        case .songsToEnqueue(let songs, let intent):
            enqueue(songs, intent, player: player)
        case .details(let request, let text):
            if screen.details?.request == request { screen.details = (request, text) }
        case .notice(let text):
            screen.say(text)
        case .itemsToEnqueue(let items):
            player.send(.enqueue(items, at: .end))
            screen.say("Added \(Self.count(items.count, "entry", "entries")).")
        case .playlistToImport(let path):
            player.send(.importPlaylist(path: path))
        case .rescanProgress(let progress):
            screen.say(LibraryRescan.progressText(progress))
        case .rescanFinished(let artists, let summary):
            if let artists { screen.browser.reload(artists: artists) }
            screen.say(summary)
        }
    }

    /// True when the loop should end.
    private func perform(_ effects: [ScreenEffect], player: Player) -> Bool {
        for effect in effects {
            switch effect {
            case .quit: return true
            case .rescan:
                guard let rescan else { screen.say("Rescanning is not available here: run `s3play scan`."); continue }
                screen.say(rescan.start() ? "Rescanning…" : "A rescan is already under way.")
            case .player(let command): player.send(command)
            case .enqueue(let songs, let intent): enqueue(songs, intent, player: player)
            case .enqueueFromCatalog(let artist, let album, let intent):
                worker.loadSongsToEnqueue(artist: artist, album: album, intent: intent)
                awaitingCatalog = true
            case .add(let source):
                screen.say("Adding \(URLRedaction.redacted(source))…")
                worker.add(source)
            }
        }
        return false
    }

    private func enqueue(_ songs: [Song], _ intent: EnqueueIntent, player: Player) {
        guard !songs.isEmpty else { return screen.say("Nothing to add.") }
        switch intent {
        case .append:
            player.send(.enqueue(songs: songs, at: .end))
            screen.say("Added \(Self.count(songs.count, "song", "songs")) to the queue.")
        case .insertNext:
            player.send(.enqueue(songs: songs, at: .next))
            screen.say("\(Self.count(songs.count, "song plays", "songs play")) next.")
        case .play:
            playWithoutDuplicates(songs, player: player)
        }
    }

    /// Enter: plays the first song and keeps the rest (its album from there on) queued after
    /// it, reusing entries already queued so that jumping around an album never queues a song
    /// twice (issue 17: 01, 03, 03, 01 gave 8 entries). With none of them queued they all go in
    /// after the current entry; otherwise only the songs before the first queued one go in,
    /// just before it, and the album's entries already queued carry on from there.
    private func playWithoutDuplicates(_ songs: [Song], player: Player) {
        let queued = Dictionary(player.snapshot.entries.compactMap { entry in entry.item.songID.map { ($0, entry.id) } },
                                uniquingKeysWith: { first, _ in first })
        let firstQueued = songs.enumerated().lazy.compactMap { offset, song in queued[song.id].map { (offset, $0) } }.first
        if let (offset, entry) = firstQueued {
            if offset > 0 { player.send(.enqueue(songs: Array(songs[..<offset]), at: .before(entry))) }
        } else {
            player.send(.enqueue(songs: songs, at: .next))
        }
        // The player names new entries only in its snapshot: a song not queued before has
        // exactly one entry now.
        let first = songs[0].id
        if let id = queued[first] ?? player.snapshot.entries.first(where: { $0.item.songID == first })?.id {
            player.send(.playEntry(id))
        }
    }

    /// `i` (cmus): the queue view selects the playing entry; the browser goes to its artist,
    /// album and song.
    private func jumpToPlaying(_ snapshot: PlayerSnapshot) {
        screen.jumpToPlaying = false
        guard let current = snapshot.current else { return screen.say("Nothing is playing.") }
        switch screen.view {
        case .queue:
            screen.updateQueue(from: snapshot)
            if let index = snapshot.currentIndex { _ = screen.queue.select(index: index) }
        case .browser:
            guard let song = current.item.song, screen.browser.show(song) else {
                return screen.say("The playing track is not in the library.")
            }
        }
    }

    /// The catalog loads and the details lookup the focus now needs.
    private func requestLoads() {
        for load in screen.browser.nextLoads() {
            switch load {
            case .albums(let artist): worker.loadAlbums(artist: artist)
            case .songs(let album): worker.loadSongs(album: album)
            }
            awaitingCatalog = true
        }
        guard configuration.detailsEnabled, screen.view == .browser,
              let request = screen.browser.detailsRequest, request != screen.details?.request else { return }
        screen.details = (request, nil)
        worker.requestDetails(request)
    }

    private func neighbourArtists() -> [String] {
        let list = screen.browser.artists
        guard let index = list.selectedIndex else { return [] }
        return [index - 1, index + 1].filter { list.items.indices.contains($0) }.map { list.items[$0].name }
    }

    // MARK: drawing

    private func draw(on terminal: Terminal, palette: ThemePalette, snapshot: PlayerSnapshot) {
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
        screen.updateQueue(from: snapshot)
        let lists = ListDrawing(terminal: terminal, palette: palette, layout: layout)
        switch screen.view {
        case .browser: lists.drawBrowser(screen.browser, playing: snapshot.current?.item, marked: Set(screen.markedSongs.map(\.id)))
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
        if screen.isShowingHelp {
            HelpOverlay.draw(on: terminal, palette: palette, layout: layout, bindings: configuration.bindings,
                             scroll: screen.helpScroll)
        }
        if let cursor { terminal.moveCursor(row: layout.commandRow, column: cursor) }
        terminal.showCursor(cursor != nil)
        terminal.refresh()
    }

    static func count(_ number: Int, _ one: String, _ many: String) -> String {
        "\(number) \(number == 1 ? one : many)"
    }
}
