import SafeText
import Discogs
import DiscogsRateLimiting
import Foundation
import Library
import MetadataCache

/// Discogs details as the library and UI ask for them: from this machine's cache when it holds
/// them (zero requests), else from the shared tier in the bucket, else from Discogs through the
/// rate limiter. Stale entries are shown at once and revalidated in the background; prefetches
/// use leftover budget and are dropped when the user moves on; when Discogs cannot answer, cached
/// data is served and the user gets one notice per outage.
///
/// Callers are threads (the CLI's main thread, the UI's worker): `lookup` blocks.
public final class DiscogsMetadataSource: @unchecked Sendable {
    private let client: DiscogsClient?
    private let limiter: DiscogsRateLimiter?
    private let cache: MetadataCache
    private let sharedTier: (any SharedMetadataTier)?
    private let configuration: DiscogsMetadataConfiguration
    private let clock: @Sendable () -> Double
    private let notices: OutageNotices
    private lazy var background = BackgroundLookups { [weak self] job in self?.perform(job) }

    /// `client` is nil without a way to reach Discogs at all (the catalog alone then serves);
    /// without a token there is still a client, at the lower limit.
    public init(client: DiscogsClient?, limiter: DiscogsRateLimiter?, cache: MetadataCache, sharedTier: (any SharedMetadataTier)? = nil,
                configuration: DiscogsMetadataConfiguration = DiscogsMetadataConfiguration(),
                clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 },
                onNotice: @escaping @Sendable (String) -> Void = { _ in }) {
        self.client = client
        self.limiter = limiter
        self.cache = cache
        self.sharedTier = sharedTier
        self.configuration = configuration
        self.clock = clock
        self.notices = OutageNotices(onNotice: onNotice)
    }

    deinit {
        background.stop()
    }

    /// What the user looks at now: answered from the cache when possible, else fetched at
    /// foreground priority.
    public func lookup(_ resource: DiscogsResource) -> DiscogsLookup {
        if let cached = cache.document(forKey: resource.cacheKey), let answer = answer(from: cached, for: resource) {
            // A stale entry, found or negative, is shown at once and revalidated in the background.
            if cached.isStale(now: clock(), configuration: cache.configuration) {
                background.enqueue(.revalidate(resource))
            }
            return answer
        }
        if let shared = readSharedTier(resource) { return shared }
        return fetch(resource, priority: .foreground)
    }

    /// Lookups the user is likely to make next (the albums of the artist in focus, then
    /// neighbouring artists), in that order, replacing any earlier prefetch list. They use only
    /// leftover budget and never delay a foreground lookup.
    public func prefetch(_ resources: [DiscogsResource]) {
        background.replacePrefetches(resources.map { .prefetch($0) })
        limiter?.cancelPrefetch()
    }

    /// The user moved on: queued and waiting prefetches are dropped.
    public func cancelPrefetch() {
        background.replacePrefetches([])
        limiter?.cancelPrefetch()
    }

    /// The seed's daily refresh: entries of the library's artists older than
    /// `refreshLibraryAfter` are fetched again with leftover budget. Returns how many were queued.
    @discardableResult
    public func refreshLibraryEntries(_ resources: [DiscogsResource]) -> Int {
        let now = clock()
        let due = resources.filter { resource in
            guard let cached = cache.peekDocument(forKey: resource.cacheKey) else { return false }
            return now - cached.fetchedAt >= configuration.refreshLibraryAfter
        }
        for resource in due { background.enqueue(.refresh(resource)) }
        return due.count
    }

    /// The name or title behind an id-only markup reference (`[a123]`, `[m=45]`), when this
    /// machine's cache holds that entry; never a request. Labels are never fetched, so nil.
    public func cachedName(_ reference: DiscogsMarkup.Reference) -> String? {
        switch reference {
        case .artist(let id):
            if case .artist(let artist)? = cachedLookup(.artist(id: id)) { return DiscogsName.display(artist.name) }
        case .master(let id):
            if case .master(let master)? = cachedLookup(.master(id: id)) { return master.title }
        case .release(let id):
            if case .release(let release)? = cachedLookup(.release(id: id)) { return release.title }
        case .label:
            break
        }
        return nil
    }

    /// The entries an id-only reference in `text` names that this machine's cache lacks (labels
    /// have no lookup): what a prefetch may fetch with leftover budget so the next rendering
    /// names them. Rendering itself never asks.
    public func unresolvedReferences(in text: String) -> [DiscogsResource] {
        DiscogsMarkup.references(in: text).compactMap { reference -> DiscogsResource? in
            guard cachedName(reference) == nil else { return nil }
            switch reference {
            case .artist(let id): return .artist(id: id)
            case .master(let id): return .master(id: id)
            case .release(let id): return .release(id: id)
            case .label: return nil
            }
        }
    }

    /// Discogs text (a profile, notes) rendered with references resolved from the cache only.
    public func render(_ text: String) -> StyledText {
        DiscogsMarkup.render(text) { cachedName($0) }
    }

    /// What the cache holds for `resource`, without a request and without counting a view:
    /// for background decisions such as which artist a cached search matched.
    public func cachedLookup(_ resource: DiscogsResource) -> DiscogsDecoded? {
        guard let body = cache.peekDocument(forKey: resource.cacheKey)?.body else { return nil }
        return try? DiscogsDocument.decode(body, as: resource)
    }

    /// Blocks until queued background work (revalidations, refreshes; not prefetches) is done,
    /// or the drain timeout passes. A CLI command calls it before exiting.
    @discardableResult
    public func waitForBackgroundWork(timeout: Double? = nil) -> Bool {
        background.waitUntilIdle(timeout: timeout ?? configuration.backgroundDrainTimeout,
                                 includingPrefetches: false)
    }

    /// For tests: waits for prefetches too.
    @discardableResult
    public func waitForAllBackgroundWork(timeout: Double) -> Bool {
        background.waitUntilIdle(timeout: timeout, includingPrefetches: true)
    }

    // MARK: the tiers

    private func answer(from cached: CachedDocument, for resource: DiscogsResource) -> DiscogsLookup? {
        let isStale = cached.isStale(now: clock(), configuration: cache.configuration)
        let provenance = DiscogsProvenance(origin: .cache, fetchedAt: cached.fetchedAt, isStale: isStale)
        guard let body = cached.body else { return .noMatch }
        // A body that no longer decodes (a format change) is treated as a miss and fetched again.
        guard let decoded = try? DiscogsDocument.decode(body, as: resource) else { return nil }
        return .found(DiscogsEntry(decoded, provenance))
    }

    private func readSharedTier(_ resource: DiscogsResource) -> DiscogsLookup? {
        guard let sharedTier, resource.isShareable else { return nil }
        guard let document = try? sharedTier.read(key: resource.cacheKey),
              let decoded = try? DiscogsDocument.decode(document.body, as: resource) else { return nil }
        let entry = CachedDocument(key: resource.cacheKey, body: document.body,
                                   fetchedAt: document.fetchedAt, viewedAt: clock())
        // A stale shared copy is still better than nothing, but this machine fetches a fresh one.
        if entry.isStale(now: clock(), configuration: cache.configuration) { return nil }
        cache.store(entry)
        return .found(DiscogsEntry(decoded, DiscogsProvenance(origin: .sharedTier, fetchedAt: document.fetchedAt, isStale: false)))
    }

    /// Fetches from Discogs and stores the answer; on failure falls back to whatever is cached.
    private func fetch(_ resource: DiscogsResource, priority: RequestPriority) -> DiscogsLookup {
        guard let client else {
            return .off
        }
        let fetchedAt = clock()
        let notices = self.notices
        var onWait: (@Sendable (Int) -> Void)?
        if priority == .foreground { onWait = { @Sendable seconds in notices.waiting(seconds: seconds) } }
        do {
            let result = try client.fetchDocument(resource, priority: priority, onWait: onWait)
            notices.serviceAnswered()
            switch result {
            case .found(let body, let decoded):
                cache.store(CachedDocument(key: resource.cacheKey, body: body, fetchedAt: fetchedAt, viewedAt: fetchedAt))
                if resource.isShareable, let sharedTier {
                    do { try sharedTier.write(key: resource.cacheKey, body: body) } catch {
                        notices.sharedTierFailed("\(error)")
                    }
                }
                // Decoded once, by the client, which refuses a body it cannot decode before it is cached.
                return .found(DiscogsEntry(decoded, DiscogsProvenance(origin: .discogs, fetchedAt: fetchedAt, isStale: false)))
            case .notFound:
                cache.store(CachedDocument(key: resource.cacheKey, body: nil, fetchedAt: fetchedAt, viewedAt: fetchedAt))
                return .noMatch
            }
        } catch {
            if case .cancelled = error { return .unavailable("cancelled") }
            // Serve what the cache has, however old (a revalidation that failed, or a race).
            if let cached = cache.peekDocument(forKey: resource.cacheKey), let answer = answer(from: cached, for: resource) {
                notices.serviceFailed(error, cachedShown: true)
                return answer
            }
            // The foreground caller says it (one line); background work has no one else to.
            if priority != .foreground { notices.serviceFailed(error, cachedShown: false) }
            return .unavailable(error.description)
        }
    }

    private func perform(_ job: BackgroundLookups.Job) {
        switch job {
        case .revalidate(let resource), .refresh(let resource):
            _ = fetch(resource, priority: .prefetch)
        case .prefetch(let resource):
            // Already cached and fresh: nothing to spend.
            if let cached = cache.peekDocument(forKey: resource.cacheKey),
               !cached.isStale(now: clock(), configuration: cache.configuration) { return }
            _ = fetch(resource, priority: .prefetch)
        }
    }
}

extension DiscogsResource {
    /// Only artist documents go to the shared tier (the seed's S3 cache held artist details);
    /// searches depend on the query and are not worth sharing.
    var isShareable: Bool {
        if case .artist = self { return true }
        return false
    }
}
