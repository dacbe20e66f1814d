import Foundation
import Library
import Player
import SafeText

/// What the loop does with the workers' answers (`apply`) and with the screen's effects
/// (`perform`): enqueueing, playing without duplicates, the catalog and details loads.
extension PlayerApp {
    func apply(_ update: UIUpdate, player: Player) {
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
        case .songs(let album, let songs):
            screen.browser.receiveSongs(songs, of: album)
        case .songsToEnqueue(let songs, let intent):
            enqueue(songs, intent, player: player)
        case .detailsPane(let request, let lines):
            if screen.detailsPane?.request == request { screen.detailsPane = (request, lines) }
        case .searchResults(let query, let hits):
            screen.search.receive(hits, for: query)
        case .details(let request, let text):
            if screen.details?.request == request { screen.details = (request, text) }
        case .notice(let text):
            screen.say(text)
        case .itemsToEnqueue(let items):
            player.send(.enqueue(items, at: .end))
            screen.say("Added \(Self.count(items.count, "entry", "entries")).")
        case .locationCompletion(let line, let candidates):
            screen.completeLocation(line: line, candidates: candidates)
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
    func perform(_ effects: [ScreenEffect], player: Player) -> Bool {
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
            case .completeLocation(let line, let url):
                worker.completeLocation(line: line, url: url)
            case .openDetailsPane(let request):
                guard configuration.detailsEnabled else {
                    screen.detailsPane = nil
                    screen.say("Details are off: set DISCOGS_TOKEN (docs/configuration.md).")
                    continue
                }
                worker.requestDetailsPane(request)
            case .playAlbumFrom(let song):
                worker.loadSongsToEnqueue(artist: song.albumArtist, album: song.album, intent: .play, from: song.id)
                awaitingCatalog = true
            case .add(let source):
                screen.say("Adding \(URLRedaction.redacted(source))…")
                worker.add(source)
            }
        }
        return false
    }

    func enqueue(_ songs: [Song], _ intent: EnqueueIntent, player: Player) {
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
    func playWithoutDuplicates(_ songs: [Song], player: Player) {
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
    func jumpToPlaying(_ snapshot: PlayerSnapshot) {
        screen.jumpToPlaying = false
        guard let current = snapshot.current else { return screen.say("Nothing is playing.") }
        switch screen.view {
        case .queue:
            screen.updateQueue(from: snapshot)
            if let index = snapshot.currentIndex { _ = screen.queue.select(index: index) }
        case .browser, .search:
            screen.closeSearch()
            guard let song = current.item.song, screen.browser.show(song) else {
                return screen.say("The playing track is not in the library.")
            }
        }
    }

    /// The catalog loads and the details lookup the focus now needs.
    func requestLoads() {
        if screen.view == .search, let query = screen.search.nextQuery() {
            worker.search(query)
            awaitingCatalog = true
        }
        for load in screen.browser.nextLoads() {
            switch load {
            case .albums(let artist): worker.loadAlbums(artist: artist)
            case .songs(let album): worker.loadSongs(album: album)
            }
            awaitingCatalog = true
        }
        guard configuration.detailsEnabled, screen.view == .browser else { return }
        // "loading…" at once, the lookup (and the neighbours' prefetch, which replaces the
        // previous one) only once the cursor rests: passing artists asks Discogs for nothing.
        let request = screen.browser.detailsRequest
        if request != screen.details?.request { screen.details = request.map { ($0, nil) } }
        let now = configuration.now()
        detailsSchedule.focus(on: request, at: now)
        guard let due = detailsSchedule.due(at: now) else { return }
        worker.requestDetails(due)
        let albums = screen.browser.albums.items.map(\.id)
        worker.prefetch(artists: neighbourArtists(), albums: albums)
    }

    func neighbourArtists() -> [String] {
        let list = screen.browser.artists
        guard let index = list.selectedIndex else { return [] }
        return [index - 1, index + 1].filter { list.items.indices.contains($0) }.map { list.items[$0].name }
    }
}
