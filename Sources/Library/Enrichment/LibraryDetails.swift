/// What an outside source (Discogs) says of an artist, in the library's terms.
public struct ArtistDetails: Sendable, Equatable {
    public var name: String
    public var realName: String?
    public var profile: String?
    public var members: [String]
    /// The entry's page on the source's site, shown with the attribution.
    public var link: String?
    public var attribution: String
    /// 1 when the normalized names are equal, lower for a looser match.
    public var confidence: Double
    /// Older than the freshness limit (a refresh is under way).
    public var isStale: Bool
}

/// What an outside source says of an album.
public struct AlbumDetails: Sendable, Equatable {
    public struct Track: Sendable, Equatable {
        public var position: String
        public var title: String
        public var durationSeconds: Int?
    }

    public var title: String
    public var year: Int?
    public var labels: [String]
    public var genres: [String]
    public var styles: [String]
    public var tracklist: [Track]
    public var link: String?
    public var attribution: String
    public var confidence: Double
    public var isStale: Bool
}

/// The answer to a details lookup.
public enum DetailsAnswer<Details: Sendable & Equatable>: Sendable, Equatable {
    case found(Details)
    /// The source has nothing that matches well enough.
    case noMatch
    /// Details are off (no token), or the source cannot answer and nothing is cached; the text
    /// is for a quiet status line, not an error.
    case unavailable(String)

    public var details: Details? {
        if case .found(let details) = self { return details }
        return nil
    }
}

/// The seam between the library and wherever details come from (style: one small protocol per
/// seam). Lookups block; the UI calls them from its worker thread.
public protocol MetadataSource: Sendable {
    func artistDetails(named name: String) -> DetailsAnswer<ArtistDetails>
    func albumDetails(artist: String, title: String) -> DetailsAnswer<AlbumDetails>
    /// Likely next lookups, with leftover budget; replaces the previous list.
    func prefetch(artists: [String], albums: [AlbumID])
    /// The daily refresh: details of these library artists older than a day are fetched again
    /// in the background with leftover budget. Returns how many documents were queued.
    func refreshDetails(artists: [String]) -> Int
    /// Waits (bounded) for revalidations started by earlier lookups.
    func waitForBackgroundWork()
}
