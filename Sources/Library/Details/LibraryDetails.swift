import SafeText

/// Credits for one role ("Producer": two names).
public struct CreditGroup: Sendable, Equatable {
    public var role: String
    public var names: [String]

    public init(role: String, names: [String]) {
        self.role = role
        self.names = names
    }
}

/// What an outside source (Discogs) says of an artist, in the library's terms.
public struct ArtistDetails: Sendable, Equatable {
    /// The source's name, as it has it (Discogs' " (2)" suffix included).
    public var name: String
    /// `name` as prose shows it (without the " (2)").
    public var displayName: String
    public var realName: String?
    /// As the source writes it, markup included.
    public var profile: String?
    /// `profile` rendered: names as names, emphasis as runs.
    public var profileText: StyledText?
    /// The source's names (" (2)" kept); `memberDisplayNames` for prose.
    public var members: [String]
    public var memberDisplayNames: [String]
    /// The entry's page on the source's site, shown with the attribution.
    public var link: String?
    public var attribution: String
    /// 1 when the normalized names are equal, lower for a looser match.
    public var confidence: Double
    /// Older than the freshness limit (a refresh is under way).
    public var isStale: Bool

    public init(name: String, displayName: String, realName: String? = nil, profile: String? = nil,
                profileText: StyledText? = nil, members: [String] = [], memberDisplayNames: [String] = [],
                link: String? = nil, attribution: String, confidence: Double = 1, isStale: Bool = false) {
        self.name = name
        self.displayName = displayName
        self.realName = realName
        self.profile = profile
        self.profileText = profileText
        self.members = members
        self.memberDisplayNames = memberDisplayNames
        self.link = link
        self.attribution = attribution
        self.confidence = confidence
        self.isStale = isStale
    }
}

/// What an outside source says of an album.
public struct AlbumDetails: Sendable, Equatable {
    public struct Track: Sendable, Equatable {
        public enum Kind: String, Sendable, Equatable {
            /// A playable track.
            case track
            /// A group of playable parts (a suite, a work's movements): `parts`.
            case index
            /// A title over the rows after it (a disc, a side).
            case heading
        }

        public var kind: Kind
        public var position: String
        public var title: String
        public var durationSeconds: Int?
        /// Who plays it, where it differs from the album's artist (compilations): "A & B".
        public var artists: String?
        public var credits: [CreditGroup]
        /// An index track's parts.
        public var parts: [Track]

        public init(kind: Kind = .track, position: String, title: String, durationSeconds: Int?, artists: String? = nil,
                    credits: [CreditGroup] = [], parts: [Track] = []) {
            self.kind = kind
            self.position = position
            self.title = title
            self.durationSeconds = durationSeconds
            self.artists = artists
            self.credits = credits
            self.parts = parts
        }

        /// What plays: a track, or an index track's parts. Headings play nothing.
        public var playableParts: [Track] {
            switch kind {
            case .heading: return []
            case .index: return parts.isEmpty ? [self] : parts.flatMap(\.playableParts)
            case .track: return [self]
            }
        }
    }

    public struct Label: Sendable, Equatable {
        /// The source's name (Discogs' " (2)" suffix included).
        public var name: String
        /// Shown without the suffix.
        public var displayName: String
        public var catalogNumber: String?

        public init(name: String, displayName: String, catalogNumber: String?) {
            self.name = name
            self.displayName = displayName
            self.catalogNumber = catalogNumber
        }

        /// "La Voix De Son Maître – 2C 069-10355".
        public var line: String { displayName + (catalogNumber.map { " – \($0)" } ?? "") }
    }

    public var title: String
    public var year: Int?
    public var labels: [Label]
    public var genres: [String]
    public var styles: [String]
    public var tracklist: [Track]
    /// Release-level credits, grouped by role.
    public var credits: [CreditGroup]
    public var notes: StyledText?
    public var link: String?
    public var attribution: String
    public var confidence: Double
    public var isStale: Bool

    public init(title: String, year: Int? = nil, labels: [Label] = [], genres: [String] = [], styles: [String] = [],
                tracklist: [Track] = [], credits: [CreditGroup] = [], notes: StyledText? = nil, link: String? = nil,
                attribution: String, confidence: Double = 1, isStale: Bool = false) {
        self.title = title
        self.year = year
        self.labels = labels
        self.genres = genres
        self.styles = styles
        self.tracklist = tracklist
        self.credits = credits
        self.notes = notes
        self.link = link
        self.attribution = attribution
        self.confidence = confidence
        self.isStale = isStale
    }
}

/// The answer to a details lookup: the one "found / none / unavailable" type, from a Discogs
/// document lookup (the metadata source's) up to the repository's artist and album details.
public enum DetailsAnswer<Details: Sendable & Equatable>: Sendable, Equatable {
    case found(Details)
    /// The source has nothing here: no such entry (a 404, cached or not), or nothing that
    /// matches well enough.
    case noMatch
    /// Details are off (no token, no client): quietly nothing.
    case off
    /// The source cannot answer and nothing is cached; the text is the one line that says why.
    case unavailable(String)

    /// The same answer without its details, for a step that found nothing to go on.
    public func withoutDetails<Other>() -> DetailsAnswer<Other>? {
        switch self {
        case .found: return nil
        case .noMatch: return .noMatch
        case .off: return .off
        case .unavailable(let reason): return .unavailable(reason)
        }
    }

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
