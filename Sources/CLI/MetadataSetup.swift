import Discogs
import DiscogsRateLimiting
import Foundation
import HTTPTransport
import Metadata
import MetadataCache
import S3

/// Builds the Discogs metadata source as configured: the client (DISCOGS_API_URL, DISCOGS_TOKEN,
/// or the config file), the limiter with its window kept in the cache file, the cache, and the
/// shared tier in the music bucket when `cache.shared = true`.
struct MetadataSetup {
    let source: DiscogsMetadataSource
    let cache: MetadataCache
    let limiter: DiscogsRateLimiter
    let client: DiscogsClient

    /// `sharedBucket` is the music bucket when the library is in S3; without it the configured
    /// library (S3PLAY_LIBRARY or the config file) gives it, so `s3play discogs …` shares too.
    /// `notice` takes the cache's, the limiter's and the lookups' notices (stderr by default).
    static func open(settings: UserSettings, sharedBucket: (client: S3Client, bucket: String)? = nil,
                     notice: @escaping @Sendable (String) -> Void = StandardError.notice) throws(CommandFailure) -> MetadataSetup {
        let file = settings.configFile
        var clientConfiguration = DiscogsClientConfiguration.fromEnvironment(settings.environment)
        if clientConfiguration.token == nil { clientConfiguration.token = file.discogs.token }
        if settings.environment["DISCOGS_API_URL"]?.isEmpty ?? true, let url = file.discogs.apiURL {
            clientConfiguration.baseURL = url
        }
        var rateLimit = clientConfiguration.rateLimitConfiguration
        if let ceiling = file.discogs.requestsPerMinute { rateLimit.ceiling = ceiling }

        let cache: MetadataCache
        do {
            cache = try MetadataCache.open(configuration: cacheConfiguration(settings), onNotice: notice)
        } catch {
            throw CommandFailure(error.description)
        }
        // Discogs' terms: keep data no longer than needed. Entries nobody viewed for 90 days go.
        cache.removeUnviewed()
        let limiter = DiscogsRateLimiter(configuration: rateLimit, store: cache.requestTimeStore, onNotice: notice)
        // The process's one transport: Discogs' requests carry their own User-Agent header.
        let client = DiscogsClient(configuration: clientConfiguration, transport: try ProcessTransport.shared(),
                                   limiter: limiter)
        var sharedTier: (any SharedMetadataTier)?
        if file.cache.shared == true, let shared = sharedBucket ?? configuredBucket(settings) {
            sharedTier = S3SharedMetadataTier(client: shared.client, bucket: shared.bucket)
        }
        var configuration = DiscogsMetadataConfiguration()
        if let hours = file.cache.refreshLibraryAfterHours { configuration.refreshLibraryAfter = hours * 3600 }
        let source = DiscogsMetadataSource(client: client, limiter: limiter, cache: cache, sharedTier: sharedTier,
                                           configuration: configuration, onNotice: notice)
        return MetadataSetup(source: source, cache: cache, limiter: limiter, client: client)
    }

    /// The configured library's bucket and a client for it, when the library is in S3.
    private static func configuredBucket(_ settings: UserSettings) -> (client: S3Client, bucket: String)? {
        guard let location = try? settings.libraryLocation(option: nil), let parsed = S3Location(location),
              let transport = try? ProcessTransport.shared(),
              let s3Settings = try? S3ClientSettings.resolve(environment: settings.environment, endpointURL: nil,
                                                             profile: nil, transport: transport) else { return nil }
        return (S3Client(settings: s3Settings, transport: transport), parsed.bucket)
    }

    static func cacheConfiguration(_ settings: UserSettings) -> MetadataCacheConfiguration {
        var configuration = MetadataCacheConfiguration(directory: URL(fileURLWithPath: settings.cacheDirectory))
        let section = settings.configFile.cache
        if let hours = section.staleAfterHours { configuration.staleAfter = hours * 3600 }
        if let hours = section.notFoundStaleAfterHours { configuration.negativeStaleAfter = hours * 3600 }
        if let days = section.dropUnviewedAfterDays { configuration.dropUnviewedAfter = days * 86400 }
        if let entries = section.memoryEntries { configuration.memoryEntryLimit = entries }
        return configuration
    }
}
