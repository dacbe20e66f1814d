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
        /// How long the cursor rests on an artist or album before its details (and the
        /// neighbours' prefetch) are asked of Discogs (`[discogs] details_delay_ms`).
        public var detailsDelaySeconds = 0.3
        /// The bucket's listing for `:add s3://…/` and Tab completion of keys; nil: neither.
        public var listing: StorageListing?
        /// Seconds on a monotonic clock, for that rest; tests may step their own.
        public var now: @Sendable () -> Double = { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

        public init(repository: any LibraryRepository) {
            self.repository = repository
        }
    }

    let configuration: Configuration
    let events: PlayerUIEvents
    let worker: LibraryWorker
    let rescan: LibraryRescan?
    var screen: PlayerScreen
    private let cursorStore: BrowserCursorStore?
    private let historyStore: CommandHistoryStore?
    /// The saved cursor, until the artists arrive.
    var pendingCursor: BrowserCursorStore.Position?
    /// Set when answers from the catalog worker are due, so the loop waits a moment for them
    /// instead of drawing an empty column for one frame.
    var awaitingCatalog = false
    var detailsSchedule: DetailsSchedule

    public init(configuration: Configuration, events: PlayerUIEvents) {
        self.configuration = configuration
        self.events = events
        worker = LibraryWorker(repository: configuration.repository, inbox: events.inbox,
                               nameItems: configuration.nameItems, listing: configuration.listing)
        rescan = configuration.scanner.map {
            LibraryRescan(scanner: $0, repository: configuration.repository, inbox: events.inbox)
        }
        screen = PlayerScreen(bindings: configuration.bindings)
        detailsSchedule = DetailsSchedule(delay: configuration.detailsDelaySeconds)
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

    static func count(_ number: Int, _ one: String, _ many: String) -> String {
        "\(number) \(number == 1 ? one : many)"
    }
}
