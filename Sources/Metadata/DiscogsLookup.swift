import Discogs
import Library

/// A Discogs document found by the cached source: the decoded entry and where it came from, so
/// the UI can show a stale entry at once and the CLI can say what it did. A lookup answers
/// `DetailsAnswer<DiscogsEntry>`: found, `.noMatch` (Discogs has no such entry, now or cached as
/// a negative entry), `.off` (no client) or `.unavailable` (no cached entry and Discogs could not
/// answer; the text is one line for the user).
public struct DiscogsEntry: Sendable, Equatable {
    public var decoded: DiscogsDecoded
    public var provenance: DiscogsProvenance

    public init(_ decoded: DiscogsDecoded, _ provenance: DiscogsProvenance) {
        self.decoded = decoded
        self.provenance = provenance
    }
}

public typealias DiscogsLookup = DetailsAnswer<DiscogsEntry>

extension DetailsAnswer where Details == DiscogsEntry {
    public var decoded: DiscogsDecoded? { details?.decoded }
    public var provenance: DiscogsProvenance? { details?.provenance }
}

public struct DiscogsProvenance: Sendable, Equatable {
    public enum Origin: String, Sendable, Equatable {
        /// This machine's cache (memory or SQLite): no request.
        case cache
        /// The shared tier in the music bucket: one S3 GET, no Discogs request.
        case sharedTier = "shared"
        /// Discogs itself, just now.
        case discogs
    }

    public var origin: Origin
    /// When Discogs sent this data (seconds since 1970).
    public var fetchedAt: Double
    /// Older than the freshness limit; a background revalidation was started (when the service
    /// was reachable).
    public var isStale: Bool

    public init(origin: Origin, fetchedAt: Double, isStale: Bool) {
        self.origin = origin
        self.fetchedAt = fetchedAt
        self.isStale = isStale
    }
}
