import DiscogsRateLimiting

/// The Discogs limiter's window in metadata.sqlite (table `requestTime`), so it survives restarts
/// with the cache. A save replaces the window in one small transaction: the limiter saves on every
/// request, and the window holds at most its ceiling (55) of times.
final class CacheRequestTimeStore: RequestTimeStore {
    let cache: MetadataCache

    init(cache: MetadataCache) {
        self.cache = cache
    }

    func loadRequestTimes() -> StoredRequestTimes {
        // An unreadable file was already rebuilt (and told) when the cache opened.
        StoredRequestTimes(times: cache.loadRequestTimes())
    }

    func saveRequestTimes(_ times: [Double]) throws {
        cache.saveRequestTimes(times)
    }
}
