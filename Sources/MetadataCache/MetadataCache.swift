import DiscogsRateLimiting
import Foundation

/// The disk-backed cache of Discogs metadata: opaque documents (raw response bytes) under string
/// keys, in `metadata.sqlite` (SQLite in WAL mode, through GRDB), with the most recently used in
/// memory. It also keeps the Discogs rate limiter's window (`requestTimeStore`).
///
/// Callers are plain threads; every method may be called from any thread. A write error never
/// fails a caller: the cache says so once through `onNotice` and carries on in memory.
///
/// Keys and bodies go to disk as given: they must never contain a token or any other secret.
public final class MetadataCache: @unchecked Sendable {
    public let configuration: MetadataCacheConfiguration
    private let clock: @Sendable () -> Double
    private let onNotice: @Sendable (String) -> Void
    private let lock = NSLock()
    // Guarded by `lock`.
    private(set) var database: CacheDatabase?  // readable by tests, which close it to cause write errors
    private var memory: DocumentLRU
    private var pending = PendingStatistics()
    private var lastStatisticsWrite: Double
    private var hitsThisRun = 0, missesThisRun = 0, memoryHitsThisRun = 0
    private var requestTimesInMemory: [Double] = []
    private var queuedNotice: String?

    /// Opens (or creates) the cache file. An unreadable file is moved aside and replaced, with one
    /// line through `onNotice`; only a directory that cannot be written throws.
    public static func open(configuration: MetadataCacheConfiguration = MetadataCacheConfiguration(),
                            clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 },
                            onNotice: @escaping @Sendable (String) -> Void) throws(MetadataCacheError) -> MetadataCache {
        let opened = try CacheFileOpener.open(configuration, now: clock())
        if let notice = opened.notice { onNotice(notice) }
        return MetadataCache(configuration: configuration, database: opened.database, clock: clock, onNotice: onNotice)
    }

    private init(configuration: MetadataCacheConfiguration, database: CacheDatabase?,
                 clock: @escaping @Sendable () -> Double, onNotice: @escaping @Sendable (String) -> Void) {
        self.configuration = configuration
        self.database = database
        self.clock = clock
        self.onNotice = onNotice
        memory = DocumentLRU(limit: configuration.memoryEntryLimit)
        lastStatisticsWrite = clock()
        if let database {
            do {
                requestTimesInMemory = try database.requestTimes()
            } catch {
                fallBackToMemory(after: error)
            }
        }
    }

    deinit {
        if let database, !pending.isEmpty { try? database.write(pending) }
    }

    /// False once a write error made the cache fall back to memory for the rest of the run.
    public var isOnDisk: Bool { withLock { database != nil } }

    /// The document, from memory or else from the file; nil when the key was never stored (a miss).
    /// A hit counts as a view (`viewedAt` becomes now).
    public func document(forKey key: String) -> CachedDocument? {
        withLock {
            let now = clock()
            defer { writeStatisticsIfDue(now: now) }
            if var entry = memory.entry(forKey: key) {
                memoryHitsThisRun += 1
                recordHit(&entry, now: now)
                memory.update(key) { $0 = entry }
                return entry.document
            }
            var found: CachedDocument?
            if let database {
                do {
                    found = try database.document(forKey: key)
                } catch {
                    fallBackToMemory(after: error)
                }
            }
            guard let document = found else {
                pending.misses += 1
                missesThisRun += 1
                return nil
            }
            var entry = DocumentLRU.Entry(document: document, storedViewedAt: document.viewedAt)
            recordHit(&entry, now: now)
            memory.insert(entry)
            return entry.document
        }
    }

    /// The document without counting a hit or a miss or a view: for background work (is a
    /// prefetch still needed? is a library entry due for its daily refresh?), which must not
    /// make the hit rate or the 90-day rule lie about what the user looked at.
    public func peekDocument(forKey key: String) -> CachedDocument? {
        withLock {
            if let entry = memory.entry(forKey: key) { return entry.document }
            guard let database else { return nil }
            do {
                return try database.document(forKey: key)
            } catch {
                fallBackToMemory(after: error)
                return nil
            }
        }
    }

    /// Inserts or replaces the document on disk and in memory, in one transaction (with any
    /// statistics waiting to be written). A stored view time never goes back.
    public func store(_ document: CachedDocument) {
        withLock {
            var document = document
            if let known = memory.entry(forKey: document.key) {
                document.viewedAt = max(document.viewedAt, known.document.viewedAt)
            }
            if let database {
                do {
                    try database.store(document, with: pending)
                    pending = PendingStatistics()
                    lastStatisticsWrite = clock()
                } catch {
                    fallBackToMemory(after: error)
                }
            }
            memory.insert(DocumentLRU.Entry(document: document, storedViewedAt: document.viewedAt))
        }
    }

    /// Stores a fresh answer (nil body: "not found") as viewed when fetched.
    public func store(key: String, body: [UInt8]?, fetchedAt: Double) {
        store(CachedDocument(key: key, body: body, fetchedAt: fetchedAt))
    }

    /// Every stored key that starts with `prefix`, sorted.
    public func keys(withPrefix prefix: String) -> [String] {
        withLock {
            if let database {
                do {
                    return try database.keys(withPrefix: prefix)
                } catch {
                    fallBackToMemory(after: error)
                }
            }
            return memory.entries.map(\.document.key).filter { $0.hasPrefix(prefix) }.sorted()
        }
    }

    /// Drops documents nobody looked at for `dropUnviewedAfter`; returns how many were dropped.
    @discardableResult
    public func removeUnviewed(now: Double? = nil) -> Int {
        withLock {
            let cutoff = (now ?? clock()) - configuration.dropUnviewedAfter
            let droppedFromMemory = memory.removeAll { $0.document.viewedAt < cutoff }
            guard let database else { return droppedFromMemory }
            do {
                let dropped = try database.removeDocuments(viewedBefore: cutoff, with: pending)
                pending = PendingStatistics()
                return dropped
            } catch {
                fallBackToMemory(after: error)
                return droppedFromMemory
            }
        }
    }

    /// Forgets every document and the hit and miss counts. The Discogs request times stay: the
    /// server still counts those requests.
    public func removeAll() {
        withLock {
            memory.removeAll()
            pending = PendingStatistics()
            hitsThisRun = 0
            missesThisRun = 0
            memoryHitsThisRun = 0
            guard let database else { return }
            do {
                try database.removeAllDocuments()
            } catch {
                fallBackToMemory(after: error)
            }
        }
    }

    /// Counts for `s3play cache stats` (writes the pending hit and miss counts first).
    public func stats(now: Double? = nil) -> MetadataCacheStats {
        withLock {
            let now = now ?? clock()
            if let database {
                do {
                    let stats = try database.stats(now: now, configuration: configuration, pending: pending,
                                                   memoryHitsThisRun: memoryHitsThisRun)
                    pending = PendingStatistics()
                    lastStatisticsWrite = now
                    return stats
                } catch {
                    fallBackToMemory(after: error)
                }
            }
            let documents = memory.entries.map(\.document)
            return MetadataCacheStats(entries: documents.count,
                                      notFoundEntries: documents.filter(\.isNotFound).count,
                                      staleEntries: documents.filter { $0.isStale(now: now, configuration: configuration) }.count,
                                      hits: hitsThisRun, misses: missesThisRun, fileBytes: 0,
                                      memoryHitsThisRun: memoryHitsThisRun, isOnDisk: false)
        }
    }

    /// Writes the pending hit and miss counts and view times now (at exit, say).
    public func flush() {
        withLock { writeStatisticsIfDue(now: clock(), force: true) }
    }

    /// Flushes and closes the file; later calls work in memory only.
    public func close() {
        withLock {
            writeStatisticsIfDue(now: clock(), force: true)
            try? database?.queue.close()
            database = nil
        }
    }

    /// The Discogs rate limiter's window, kept in this file (table `requestTime`).
    public var requestTimeStore: any RequestTimeStore { CacheRequestTimeStore(cache: self) }

    func loadRequestTimes() -> [Double] {
        withLock { requestTimesInMemory }
    }

    /// Never throws: after a write error the window lives on in memory (told once through onNotice).
    func saveRequestTimes(_ times: [Double]) {
        withLock {
            requestTimesInMemory = times
            guard let database else { return }
            do {
                try database.saveRequestTimes(times)
            } catch {
                fallBackToMemory(after: error)
            }
        }
    }

    // MARK: - Under the lock

    private func recordHit(_ entry: inout DocumentLRU.Entry, now: Double) {
        pending.hits += 1
        hitsThisRun += 1
        entry.document.viewedAt = max(entry.document.viewedAt, now)
        if entry.document.viewedAt - entry.storedViewedAt >= configuration.viewedAtResolution {
            pending.viewedAt[entry.document.key] = entry.document.viewedAt
            entry.storedViewedAt = entry.document.viewedAt
        }
    }

    private func writeStatisticsIfDue(now: Double, force: Bool = false) {
        guard let database, !pending.isEmpty else { return }
        guard force || pending.lookups >= configuration.statisticsFlushLookups
            || now - lastStatisticsWrite >= configuration.statisticsFlushInterval else { return }
        do {
            try database.write(pending)
            pending = PendingStatistics()
            lastStatisticsWrite = now
        } catch {
            fallBackToMemory(after: error)
        }
    }

    /// Happens at most once: afterwards `database` is nil.
    private func fallBackToMemory(after error: any Error) {
        guard let database else { return }
        try? database.queue.close()
        self.database = nil
        queuedNotice = "The metadata cache could not use \(database.path) (\(error)); this run keeps metadata in memory only."
    }

    /// Runs `body` under the lock, then sends a notice it queued, so `onNotice` never runs under the lock.
    private func withLock<T>(_ body: () -> T) -> T {
        lock.lock()
        let result = body()
        let notice = queuedNotice
        queuedNotice = nil
        lock.unlock()
        if let notice { onNotice(notice) }
        return result
    }
}
