import Foundation

/// Every tunable of the metadata cache (style principle 11: one home per tunable; documented in
/// docs/configuration.md).
public struct MetadataCacheConfiguration: Sendable, Equatable {
    public static let fileName = "metadata.sqlite"

    /// Holds `metadata.sqlite` (and SQLite's `-wal` and `-shm` beside it). Created with mode 0700.
    public var directory: URL
    /// Documents kept in memory, least recently used dropped first. Discogs documents are a few
    /// KiB to a few tens of KiB, so 512 stay within roughly 10 MB.
    public var memoryEntryLimit: Int
    /// A found document older than this is still served, but the caller should revalidate it.
    public var staleAfter: Double
    /// The same for a cached "not found": shorter, since a missing release may be added on Discogs.
    public var negativeStaleAfter: Double
    /// `removeUnviewed(now:)` drops documents nobody looked at for this long.
    public var dropUnviewedAfter: Double
    /// A hit writes its view time to disk only when the stored one is older than this: the 90-day
    /// rule needs days, not seconds, and a write per hit would cost a transaction per lookup.
    public var viewedAtResolution: Double
    /// Hit and miss counts (and view times) are written with the next store, or after this many
    /// lookups, or after `statisticsFlushInterval` seconds, whichever comes first. A crash loses at
    /// most that much statistics, never a document.
    public var statisticsFlushLookups: Int
    public var statisticsFlushInterval: Double
    /// How long a statement waits for another process's lock (`s3play cache stats` next to a
    /// running player) before giving up.
    public var busyTimeout: Double

    public init(directory: URL = MetadataCacheConfiguration.defaultDirectory(),
                memoryEntryLimit: Int = 512,
                staleAfter: Double = 6 * 3600,
                negativeStaleAfter: Double = 3600,
                dropUnviewedAfter: Double = 90 * 86400,
                viewedAtResolution: Double = 3600,
                statisticsFlushLookups: Int = 100,
                statisticsFlushInterval: Double = 30,
                busyTimeout: Double = 5) {
        self.directory = directory
        self.memoryEntryLimit = max(0, memoryEntryLimit)
        self.staleAfter = staleAfter
        self.negativeStaleAfter = negativeStaleAfter
        self.dropUnviewedAfter = dropUnviewedAfter
        self.viewedAtResolution = viewedAtResolution
        self.statisticsFlushLookups = max(1, statisticsFlushLookups)
        self.statisticsFlushInterval = statisticsFlushInterval
        self.busyTimeout = busyTimeout
    }

    public var fileURL: URL { directory.appendingPathComponent(Self.fileName) }

    /// `$XDG_CACHE_HOME/s3play`, else `$HOME/.cache/s3play` (XDG Base Directory Specification: a
    /// relative `XDG_CACHE_HOME` is invalid and ignored).
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let cacheHome = environment["XDG_CACHE_HOME"], cacheHome.hasPrefix("/") {
            return URL(fileURLWithPath: cacheHome, isDirectory: true).appendingPathComponent("s3play", isDirectory: true)
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return URL(fileURLWithPath: home, isDirectory: true)
            .appendingPathComponent(".cache", isDirectory: true)
            .appendingPathComponent("s3play", isDirectory: true)
    }
}
