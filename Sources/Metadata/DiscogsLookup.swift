import Discogs

/// The answer to one Discogs lookup as the layers above see it: the decoded entry (or "Discogs
/// has no such entry"), and where it came from, so the UI can show a stale entry at once and
/// the CLI can say what it did.
public enum DiscogsLookup: Sendable {
    case found(DiscogsDecoded, DiscogsProvenance)
    /// Discogs answered 404 (now, or cached as a negative entry).
    case notFound(DiscogsProvenance)
    /// No cached entry and Discogs could not answer; the text is one line for the user.
    case unavailable(String)

    public var decoded: DiscogsDecoded? {
        if case .found(let decoded, _) = self { return decoded }
        return nil
    }

    public var provenance: DiscogsProvenance? {
        switch self {
        case .found(_, let provenance), .notFound(let provenance): return provenance
        case .unavailable: return nil
        }
    }
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
