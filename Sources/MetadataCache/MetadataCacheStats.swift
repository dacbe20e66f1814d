/// What `s3play cache stats` prints. Hit and miss counts are totals over every run that used the
/// file, written in batches (see `MetadataCacheConfiguration.statisticsFlushLookups`).
public struct MetadataCacheStats: Sendable, Equatable {
    public var entries: Int
    /// Cached "not found" answers among `entries`.
    public var notFoundEntries: Int
    /// Entries the caller should revalidate now (`CachedDocument.isStale`).
    public var staleEntries: Int
    public var hits: Int
    public var misses: Int
    /// Bytes on disk: the database and its write-ahead log.
    public var fileBytes: Int
    /// This process only: hits answered from memory, without reading the file.
    public var memoryHitsThisRun: Int
    /// False when the cache fell back to memory after a write error (the counts are then this run's).
    public var isOnDisk: Bool

    public init(entries: Int, notFoundEntries: Int, staleEntries: Int, hits: Int, misses: Int,
                fileBytes: Int, memoryHitsThisRun: Int, isOnDisk: Bool) {
        self.entries = entries
        self.notFoundEntries = notFoundEntries
        self.staleEntries = staleEntries
        self.hits = hits
        self.misses = misses
        self.fileBytes = fileBytes
        self.memoryHitsThisRun = memoryHitsThisRun
        self.isOnDisk = isOnDisk
    }

    /// hits / (hits + misses), or nil before the first lookup.
    public var hitRate: Double? {
        hits + misses == 0 ? nil : Double(hits) / Double(hits + misses)
    }
}
