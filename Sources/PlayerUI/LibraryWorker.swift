import SafeText
import Dispatch
import Foundation
import Library
import Player

/// Which details the details line shows: the focused artist's, or the focused album's.
enum DetailsRequest: Sendable, Hashable {
    case artist(String)
    case album(AlbumID)
}

/// The details line's text, worked out on the worker so the UI only draws a string.
struct DetailsText: Sendable, Equatable {
    var text: String
    /// "Data provided by Discogs" when the text came from Discogs.
    var attribution: String?
    /// Stretches of `text` the source marks bold or underlined ([b]…[/b] in a Discogs profile),
    /// drawn with those attributes; their texts joined are a part of `text` from `offset` on.
    var emphasis: [Emphasis] = []

    struct Emphasis: Sendable, Equatable {
        /// Characters of `text` before it.
        var offset: Int
        var run: StyledText.Run
    }
}

/// Runs everything that may block off the UI thread and posts the answers to the inbox:
/// catalog queries (SQLite, quick) on one serial queue, details lookups (Discogs, possibly
/// seconds behind the rate limiter) on another, so a slow lookup never holds up browsing.
final class LibraryWorker: @unchecked Sendable {
    private let repository: any LibraryRepository
    private let inbox: UIInbox
    private let catalogQueue = DispatchQueue(label: "s3play.ui.catalog")
    private let detailsQueue = DispatchQueue(label: "s3play.ui.details")
    private let searchQueue = DispatchQueue(label: "s3play.ui.search")
    private var pendingSearch: String?
    /// `:add` may read tags from S3 for a whole folder: not on the catalog queue browsing uses.
    private let additionQueue = DispatchQueue(label: "s3play.ui.add")
    private let nameItems: @Sendable ([QueueItem]) -> [QueueItem]
    private let listing: StorageListing?
    private let lock = NSLock()
    /// Only the latest details request matters: focus moves faster than Discogs answers.
    private var pendingDetails: DetailsRequest?
    private var lastUnavailableReason: String?

    init(repository: any LibraryRepository, inbox: UIInbox,
         nameItems: @escaping @Sendable ([QueueItem]) -> [QueueItem] = { $0 }, listing: StorageListing? = nil) {
        self.repository = repository
        self.listing = listing
        self.inbox = inbox
        self.nameItems = nameItems
    }

    /// `:add SOURCE`: a file, folder, s3:// object or prefix as named entries (a folder's or a
    /// prefix's in catalog order: the library's songs by artist, album, disc and track, then any
    /// others in path order), or an M3U to import.
    func add(_ source: String) {
        additionQueue.async { [self] in
            switch SourceItems.resolve(source, listing: listing) {
            case .success(.items(let items)): inbox.post(.itemsToEnqueue(Self.inCatalogOrder(nameItems(items))))
            case .success(.playlist(let path)): inbox.post(.playlistToImport(path: path))
            case .failure(let error): inbox.post(.notice(error.description))
            }
        }
    }

    static func inCatalogOrder(_ items: [QueueItem]) -> [QueueItem] {
        let songs = items.compactMap(\.song).sorted(by: Song.catalogOrder)
        return songs.map(QueueItem.init(song:)) + items.filter { $0.song == nil }
    }

    /// Tab after `:add s3://…`: the children of the prefix typed so far that begin with the
    /// last component typed, as full URLs, for the command line to extend.
    func completeLocation(line: String, url: String) {
        guard let listing else { return }
        additionQueue.async { [self] in
            let parent = String(url[...(url.lastIndex(of: "/") ?? url.startIndex)])
            let children = (try? listing.children(parent)) ?? []
            inbox.post(.locationCompletion(line: line, candidates: children.filter { $0.hasPrefix(url) }))
        }
    }

    func loadArtists() {
        catalogQueue.async { [self] in
            catalog { try repository.artists() }.map { inbox.post(.artists($0)) }
        }
    }

    func loadAlbums(artist: String) {
        catalogQueue.async { [self] in
            catalog { try repository.albums(artist: artist) }.map { inbox.post(.albums(artist: artist, $0)) }
        }
    }

    func loadSongs(album: AlbumID) {
        catalogQueue.async { [self] in
            catalog { try repository.songs(artist: album.artist, album: album.title) }
                .map { inbox.post(.songs(album: album, $0)) }
        }
    }

    /// An artist's songs (album by album) or one album's, for `a`, `e` and Enter; `from`: the
    /// album from that song on (a search result's song).
    func loadSongsToEnqueue(artist: String, album: String?, intent: EnqueueIntent, from first: SongID? = nil) {
        catalogQueue.async { [self] in
            catalog { try repository.songs(artist: artist, album: album) }
                .map { songs in
                    let start = first.flatMap { id in songs.firstIndex { $0.id == id } } ?? 0
                    inbox.post(.songsToEnqueue(Array(songs[start...]), intent))
                }
        }
    }

    /// The search view's query, on a queue of its own so browsing never waits behind it; only
    /// the latest query typed runs (keys come faster than a search on a large catalog).
    func search(_ query: String) {
        lock.lock()
        pendingSearch = query
        lock.unlock()
        searchQueue.async { [self] in
            lock.lock()
            let latest = pendingSearch
            pendingSearch = nil
            lock.unlock()
            guard let latest else { return }
            catalog { try repository.rankedSearch(latest, limit: Self.searchLimit) }
                .map { inbox.post(.searchResults(query: latest, $0)) }
        }
    }

    /// Results shown for one query: a screenful several times over; more is typing more.
    static let searchLimit = 200

    func requestDetails(_ request: DetailsRequest) {
        lock.lock()
        pendingDetails = request
        lock.unlock()
        detailsQueue.async { [self] in
            lock.lock()
            let latest = pendingDetails
            pendingDetails = nil
            lock.unlock()
            // Earlier blocks already took the request: nothing newer is waiting.
            guard let latest else { return }
            inbox.post(.details(latest, describe(latest)))
        }
    }

    /// `I`: the expanded details, on the details queue behind any lookup in flight.
    func requestDetailsPane(_ request: DetailsRequest) {
        detailsQueue.async { [self] in
            inbox.post(.detailsPane(request, paneLines(request)))
        }
    }

    private func paneLines(_ request: DetailsRequest) -> [String] {
        switch request {
        case .artist(let name):
            switch repository.artistDetails(named: name) {
            case .found(let details): return DetailsPaneText.lines(artist: details)
            case .noMatch: return ["Discogs has nothing that matches \(name)."]
            case .off: return ["Details are off: set DISCOGS_TOKEN (docs/configuration.md)."]
            case .unavailable(let reason): return [reason]
            }
        case .album(let album):
            switch repository.albumDetails(artist: album.artist, title: album.title) {
            case .found(let details):
                let songs = (try? repository.songs(artist: album.artist, album: album.title)) ?? []
                return DetailsPaneText.lines(album: details, artist: album.artist, songs: songs)
            case .noMatch: return ["Discogs has nothing that matches \(album.title)."]
            case .off: return ["Details are off: set DISCOGS_TOKEN (docs/configuration.md)."]
            case .unavailable(let reason): return [reason]
            }
        }
    }

    func prefetch(artists: [String], albums: [AlbumID]) {
        detailsQueue.async { [self] in repository.prefetchDetails(artists: artists, albums: albums) }
    }

    private func catalog<T>(_ query: () throws -> T) -> T? {
        do {
            return try query()
        } catch {
            inbox.post(.notice("The catalog cannot be read: \(error)"))
            return nil
        }
    }

    private func describe(_ request: DetailsRequest) -> DetailsText {
        switch request {
        case .artist(let name):
            switch repository.artistDetails(named: name) {
            case .found(let details):
                answered()
                var parts = [details.displayName]
                if let real = details.realName, !real.isEmpty, real != details.displayName { parts.append(real) }
                if !details.members.isEmpty { parts.append("members: " + details.memberDisplayNames.prefix(4).joined(separator: ", ")) }
                var text = parts.joined(separator: " · ")
                var emphasis: [DetailsText.Emphasis] = []
                if let profile = details.profileText, !profile.plain.isEmpty {
                    text += " · "
                    for run in Self.firstSentence(profile).runs {
                        if run.bold || run.underline { emphasis.append(.init(offset: text.count, run: run)) }
                        text += run.text
                    }
                }
                return DetailsText(text: text, attribution: details.attribution, emphasis: emphasis)
            case .noMatch: return DetailsText(text: "No details found for \(name).")
            case .off: return DetailsText(text: "")
            case .unavailable(let reason): return unavailable(reason)
            }
        case .album(let album):
            switch repository.albumDetails(artist: album.artist, title: album.title) {
            case .found(let details):
                answered()
                var parts = [details.title]
                if let year = details.year { parts.append(String(year)) }
                if !details.labels.isEmpty { parts.append(details.labels.prefix(2).map(\.line).joined(separator: ", ")) }
                let kinds = details.genres + details.styles
                if !kinds.isEmpty { parts.append(kinds.prefix(4).joined(separator: ", ")) }
                let playable = details.tracklist.flatMap(\.playableParts).count
                if playable > 0 { parts.append("\(playable) tracks") }
                // Credits by role, the first few: "Producer: A, B".
                parts += details.credits.prefix(3).map { "\($0.role): " + $0.names.prefix(3).joined(separator: ", ") }
                return DetailsText(text: parts.joined(separator: " · "), attribution: details.attribution)
            case .noMatch: return DetailsText(text: "No details found for \(album.title).")
            case .off: return DetailsText(text: "")
            case .unavailable(let reason): return unavailable(reason)
            }
        }
    }

    /// Discogs answered: a later failure is news again, even for the same reason.
    private func answered() {
        lock.lock()
        lastUnavailableReason = nil
        lock.unlock()
    }

    /// Discogs could not answer and nothing is cached: the details row stays empty and the
    /// message line says why, once per reason (not once per artist the cursor passes).
    private func unavailable(_ reason: String) -> DetailsText {
        lock.lock()
        let isNew = reason != lastUnavailableReason
        lastUnavailableReason = reason
        lock.unlock()
        if isNew { inbox.post(.notice(reason)) }
        return DetailsText(text: "")
    }

    /// Discogs profiles run to paragraphs (markup already rendered); one line shows the first
    /// sentence, its emphasis kept.
    static func firstSentence(_ profile: StyledText) -> StyledText {
        var runs: [StyledText.Run] = []
        for var run in profile.runs {
            run.text = run.text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
            if let end = run.text.range(of: ". ") {
                run.text = String(run.text[..<end.lowerBound]) + "."
                runs.append(run)
                break
            }
            runs.append(run)
        }
        return StyledText(runs: runs)
    }
}
