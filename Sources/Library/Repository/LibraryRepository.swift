/// The library as the UI and the CLI use it: artists, albums, songs and search from the catalog,
/// details from the metadata source. Nothing above this knows whether the music is in S3 or a
/// folder, or whether details came from Discogs or the cache.
public protocol LibraryRepository: Sendable {
    func artists() throws(CatalogError) -> [Artist]
    /// One artist's albums (by year, then title), or every album (by artist, then title).
    func albums(artist: String?) throws(CatalogError) -> [Album]
    /// Songs in album order (disc, track, title).
    func songs(artist: String?, album: String?) throws(CatalogError) -> [Song]
    func song(id: SongID) throws(CatalogError) -> Song?
    /// Case- and diacritics-insensitive substring search over artist, album and title.
    func search(_ text: String, limit: Int) throws(CatalogError) -> LibrarySearchResult
    /// Artists, albums and songs in one list, best match first (`SearchRanking`): the player's `/`.
    func rankedSearch(_ text: String, limit: Int) throws(CatalogError) -> [LibrarySearchHit]

    func artistDetails(named name: String) -> DetailsAnswer<ArtistDetails>
    func albumDetails(artist: String, title: String) -> DetailsAnswer<AlbumDetails>
    /// What the user will probably open next (the albums of the artist in focus, then
    /// neighbouring artists); fetched with leftover budget, dropped when focus moves again.
    func prefetchDetails(artists: [String], albums: [AlbumID])
    /// The daily refresh of the library artists' details (entries older than a day), with
    /// leftover budget; returns how many were queued (0 without details).
    func refreshDetails() throws(CatalogError) -> Int
    /// Blocks briefly until background refreshes finish (a CLI command calls it before exiting).
    func finishBackgroundWork()
}

extension LibraryRepository {
    /// Ranks what `search` finds; the catalog's own answer also looks for exact and prefix matches.
    public func rankedSearch(_ text: String, limit: Int) throws(CatalogError) -> [LibrarySearchHit] {
        let found = try search(text, limit: limit)
        return SearchRanking.rank(query: text, artists: found.artists, albums: found.albums, songs: found.songs,
                                  limit: limit)
    }
}

public struct LibrarySearchResult: Sendable, Equatable {
    public var artists: [Artist]
    public var albums: [Album]
    public var songs: [Song]

    public init(artists: [Artist], albums: [Album], songs: [Song]) {
        self.artists = artists
        self.albums = albums
        self.songs = songs
    }
}

/// The repository over the catalog store and, when details are on, a metadata source.
public final class CatalogRepository: LibraryRepository {
    private let store: CatalogStore
    private let metadata: (any MetadataSource)?

    /// `metadata` is nil without a Discogs token: the catalog alone serves, and details answer
    /// `.off`.
    public init(store: CatalogStore, metadata: (any MetadataSource)?) {
        self.store = store
        self.metadata = metadata
    }

    public func artists() throws(CatalogError) -> [Artist] { try store.artists() }
    public func albums(artist: String?) throws(CatalogError) -> [Album] { try store.albums(artist: artist) }
    public func songs(artist: String?, album: String?) throws(CatalogError) -> [Song] { try store.songs(artist: artist, album: album) }
    public func song(id: SongID) throws(CatalogError) -> Song? { try store.song(id: id) }

    public func search(_ text: String, limit: Int) throws(CatalogError) -> LibrarySearchResult {
        let found = try store.search(text, limit: limit)
        return LibrarySearchResult(artists: found.artists, albums: found.albums, songs: found.songs)
    }

    public func rankedSearch(_ text: String, limit: Int) throws(CatalogError) -> [LibrarySearchHit] {
        try store.rankedSearch(text, limit: limit)
    }

    public func artistDetails(named name: String) -> DetailsAnswer<ArtistDetails> {
        metadata?.artistDetails(named: name) ?? .off
    }

    public func albumDetails(artist: String, title: String) -> DetailsAnswer<AlbumDetails> {
        metadata?.albumDetails(artist: artist, title: title) ?? .off
    }

    public func prefetchDetails(artists: [String], albums: [AlbumID]) {
        metadata?.prefetch(artists: artists, albums: albums)
    }

    public func refreshDetails() throws(CatalogError) -> Int {
        guard let metadata else { return 0 }
        return metadata.refreshDetails(artists: try store.artists().map(\.name))
    }

    public func finishBackgroundWork() {
        metadata?.waitForBackgroundWork()
    }
}
