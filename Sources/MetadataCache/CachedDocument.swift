/// One cached answer: the raw response bytes under the caller's key. The cache does not read them.
///
/// Keys and bodies are written to disk as given: callers must never put a token, a secret or an
/// `Authorization` value in either (docs/configuration.md: no secret in any cache file).
public struct CachedDocument: Sendable, Equatable {
    public var key: String
    /// nil records a "not found" answer, so it is not asked again before `negativeStaleAfter`.
    public var body: [UInt8]?
    /// When the answer was fetched, in seconds since 1970.
    public var fetchedAt: Double
    /// When someone last looked it up, in seconds since 1970 (for `dropUnviewedAfter`).
    public var viewedAt: Double

    public init(key: String, body: [UInt8]?, fetchedAt: Double, viewedAt: Double? = nil) {
        self.key = key
        self.body = body
        self.fetchedAt = fetchedAt
        self.viewedAt = viewedAt ?? fetchedAt
    }

    public var isNotFound: Bool { body == nil }

    /// True once the document is old enough that the caller should revalidate it (it may still be
    /// shown meanwhile).
    public func isStale(now: Double, configuration: MetadataCacheConfiguration) -> Bool {
        let limit = body == nil ? configuration.negativeStaleAfter : configuration.staleAfter
        return now - fetchedAt >= limit
    }
}
