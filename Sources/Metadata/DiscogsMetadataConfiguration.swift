/// Tunables of the cached Discogs source that are not the cache's or the limiter's own (those live
/// in `MetadataCacheConfiguration` and `DiscogsRateLimitConfiguration`). docs/configuration.md
/// lists them all.
public struct DiscogsMetadataConfiguration: Sendable, Equatable {
    /// The library's artists are refreshed in the background once their entry is this old
    /// (the seed refreshed its artist cache daily).
    public var refreshLibraryAfter: Double = 24 * 3600
    /// How long `waitForBackgroundWork` lets queued revalidations finish before a CLI command exits.
    public var backgroundDrainTimeout: Double = 10

    public init() {}
}
