// The paged endpoints: search, an artist's releases, a master's versions. Discogs pages from 1,
// 50 items a page by default, at most 100 (developers page, Pagination).

public struct DiscogsPagination: Sendable, Hashable {
    public var page: Int
    public var pages: Int
    public var perPage: Int
    /// Items over all pages.
    public var items: Int

    public init(page: Int, pages: Int, perPage: Int, items: Int) {
        self.page = page
        self.pages = pages
        self.perPage = perPage
        self.items = items
    }

    public var hasNextPage: Bool { page < pages }
}

public struct DiscogsSearchResult: Sendable, Hashable {
    public var id: Int
    /// "artist", "release", "master" or "label".
    public var type: String
    /// "Artist - Title" for releases and masters, the name for artists.
    public var title: String
    /// Discogs sends a string here ("2018"); nil when absent or not a year.
    public var year: Int?
    /// Absolute discogs.com link (Discogs sends it relative).
    public var uri: String?
    public var thumb: String?

    public init(id: Int, type: String, title: String, year: Int? = nil, uri: String? = nil, thumb: String? = nil) {
        self.id = id
        self.type = type
        self.title = title
        self.year = year
        self.uri = uri
        self.thumb = thumb
    }
}

public struct DiscogsSearchPage: Sendable, Hashable {
    public var pagination: DiscogsPagination
    public var results: [DiscogsSearchResult]

    public init(pagination: DiscogsPagination, results: [DiscogsSearchResult]) {
        self.pagination = pagination
        self.results = results
    }
}

public struct DiscogsArtistRelease: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case master, release
    }

    /// A master id when `kind` is `.master`, else a release id.
    public var id: Int
    public var kind: Kind
    public var title: String
    public var year: Int?
    /// "Main", "TrackAppearance", "Remix", …
    public var role: String?
    /// The credit line as Discogs prints it ("A & B").
    public var artist: String?
    /// Masters only: the release that stands for it.
    public var mainReleaseID: Int?

    public init(id: Int, kind: Kind, title: String, year: Int? = nil, role: String? = nil, artist: String? = nil, mainReleaseID: Int? = nil) {
        self.id = id
        self.kind = kind
        self.title = title
        self.year = year
        self.role = role
        self.artist = artist
        self.mainReleaseID = mainReleaseID
    }
}

public struct DiscogsArtistReleasesPage: Sendable, Hashable {
    public var pagination: DiscogsPagination
    public var releases: [DiscogsArtistRelease]

    public init(pagination: DiscogsPagination, releases: [DiscogsArtistRelease]) {
        self.pagination = pagination
        self.releases = releases
    }
}

public struct DiscogsMasterVersion: Sendable, Hashable {
    public var id: Int
    public var title: String
    /// "Vinyl, LP, Album, Reissue"
    public var format: String?
    public var label: String?
    public var country: String?
    /// A year or a date, as text ("2019", "2019-11-22").
    public var released: String?
    public var majorFormats: [String]

    public init(id: Int, title: String, format: String? = nil, label: String? = nil, country: String? = nil, released: String? = nil, majorFormats: [String]) {
        self.id = id
        self.title = title
        self.format = format
        self.label = label
        self.country = country
        self.released = released
        self.majorFormats = majorFormats
    }
}

public struct DiscogsMasterVersionsPage: Sendable, Hashable {
    public var pagination: DiscogsPagination
    public var versions: [DiscogsMasterVersion]

    public init(pagination: DiscogsPagination, versions: [DiscogsMasterVersion]) {
        self.pagination = pagination
        self.versions = versions
    }
}
