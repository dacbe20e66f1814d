import AudioTags
import Foundation
import Storage

/// Builds and updates the catalog from the storage source: lists every object, reads the tags of
/// new and changed audio objects with small ranged reads (the first 64 KiB, the rest of a large
/// tag when needed, the last 8 KiB for ID3v1 and the tags after the audio), a few at a time, and
/// removes what was deleted. Objects whose fingerprint (ETag, or mtime and size) is unchanged
/// cost no read, so a rescan of an unchanged bucket makes list requests only.
public final class CatalogScanner: @unchecked Sendable {
    public struct Configuration: Sendable {
        /// Tag reads in flight at most (the ceiling). Reads start at `startingParallelReads`
        /// and grow by one after each run of successes while the server never says to slow
        /// down; halved when it does (`AdaptiveReadLimit`). A tag read is one small GET, so at
        /// +25 ms each way 32 in flight top out at ~640 reads/s (20,000 objects ≥ 31 s) and 128
        /// at ~2,500/s. Configured by `[scan] parallel_reads` and `scan --parallel`.
        public static let defaultParallelReads = 128
        public var parallelReads = Configuration.defaultParallelReads
        /// Where the limit starts: 32 hide a 50 ms round trip behind each other without
        /// opening 128 connections to a small server at once. Never above `parallelReads`.
        public static let defaultStartingParallelReads = 32
        public var startingParallelReads = Configuration.defaultStartingParallelReads
        /// Entries written per transaction while reading: an interrupted scan keeps them.
        public var batchSize = 200
        public var grouping = SongGrouping()
        public init() {}
    }

    private let source: any StorageSource
    private let store: CatalogStore
    private let configuration: Configuration
    private let clock: @Sendable () -> Double

    public init(source: any StorageSource, store: CatalogStore, configuration: Configuration = Configuration(),
                clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) {
        self.source = source
        self.store = store
        self.configuration = configuration
        self.clock = clock
    }

    /// Scans to the end, or until `isCancelled` turns true (then `report.interrupted`).
    /// Throws when the listing fails or the catalog cannot be written (what was read before is
    /// kept); a failed read is a problem in the report.
    public func scan(isCancelled: @escaping @Sendable () -> Bool = { false },
                     onProgress: @escaping @Sendable (ScanProgress) -> Void = { _ in }) throws(CatalogError) -> ScanReport {
        let started = clock()
        let tracker = ScanTracker(started: started, clock: clock, onProgress: onProgress)
        // The catalog's fingerprints are known before the listing, so each page's new and
        // changed objects are read as soon as the page arrives: at +25 ms each way a 20,000-key
        // listing takes ~3.6 s that the reads no longer wait for (issue #16).
        var plan = ScanPlan(catalog: try store.fingerprints())
        let writer = CatalogBatchWriter(store: store, batchSize: configuration.batchSize)
        let queue = TagReadQueue(isCancelled: { isCancelled() || writer.failure != nil })
        let limit = AdaptiveReadLimit(start: configuration.startingParallelReads, ceiling: configuration.parallelReads)
        let readers = DispatchGroup()
        var readerCount = 0

        var listed = 0
        do throws(StorageError) {
            // Ctrl-C is honoured between listing batches (a page of 1,000 keys in S3).
            try source.listObjects(until: { isCancelled() || writer.failure != nil }) { batch in
                listed += batch.count
                tracker.listed(batch.count)
                let work = plan.add(batch)
                writer.add(work.unsupported)
                tracker.queued(work.toRead.count)
                queue.append(work.toRead)
                // A reading thread an object, up to the ceiling: a rescan that reads nothing
                // starts none.
                let wanted = min(limit.ceiling, plan.toReadCount)
                if wanted > readerCount {
                    startReaders(wanted - readerCount, group: readers, queue: queue, limit: limit,
                                 writer: writer, tracker: tracker)
                    readerCount = wanted
                }
            }
        } catch {
            // Stop the readers and keep what they read before the listing failed.
            queue.abandon()
            readers.wait()
            writer.flush()
            throw CatalogError(error.description)
        }
        let listingCancelled = isCancelled()
        queue.finishListing()
        tracker.listingFinished()
        readers.wait()
        writer.flush()
        if let failure = writer.failure { throw failure }
        var reads = queue.outcome
        reads.interrupted = reads.interrupted || listingCancelled

        var report = ScanReport()
        report.objectsListed = listed
        report.audioObjects = plan.audioCount
        report.newObjects = plan.newCount
        report.changedObjects = plan.toReadCount - plan.newCount
        report.unchangedObjects = plan.unchangedCount
        report.readRequests = reads.requests
        report.bytesFetched = reads.bytes
        report.readsStartedWhileListing = reads.readsStartedWhileListing
        // Every object the catalog knows it cannot play (found by this scan or an earlier one),
        // and reads that failed this time (tried again next scan).
        report.problems = try store.problems().map { ScanProblem(key: $0.key, problem: $0.problem) } + reads.failures
        report.problems.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        report.interrupted = reads.interrupted
        report.lowestParallelReads = limit.lowestLimit
        report.highestParallelReads = limit.highestLimit
        if !reads.interrupted {
            // Deletions only after a whole listing and all reads: an interrupted scan never
            // drops songs it simply had not reached.
            let deleted = plan.deletedKeys
            try store.apply(upserts: [], deletions: deleted)
            report.deletedObjects = deleted.count
            try store.markScanComplete(at: Date(timeIntervalSince1970: clock()))
        }
        report.elapsed = clock() - started
        return report
    }

    struct ReadOutcome {
        var entries: [CatalogEntry] = []
        var failures: [ScanProblem] = []
        var requests = 0
        var bytes: Int64 = 0
        var interrupted = false
        var readsStartedWhileListing = 0
    }

    /// `count` more threads that take objects from the shared queue while the listing fills it,
    /// as many in flight at once as `AdaptiveReadLimit` allows; a read the server throttled goes
    /// back on the queue. The scan waits for `group` before it reports.
    private func startReaders(_ count: Int, group: DispatchGroup, queue: TagReadQueue, limit: AdaptiveReadLimit,
                              writer: CatalogBatchWriter, tracker: ScanTracker) {
        let fetcher = TagFetcher(source: source, grouping: configuration.grouping)
        for _ in 0..<count {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                while let object = queue.next() {
                    guard limit.acquire(isCancelled: { queue.isStopping }) else {
                        queue.putBack(object, throttled: false)
                        continue
                    }
                    let result = fetcher.fetch(object)
                    limit.release(throttled: result.throttled)
                    if result.throttled, queue.putBack(object, throttled: true) {
                        queue.count(requests: result.requests, bytes: result.bytes)
                        tracker.fetched(bytes: result.bytes)
                        continue
                    }
                    queue.record(result)
                    if case .entry(let entry) = result.outcome { writer.add([entry]) }
                    tracker.read(bytes: result.bytes)
                }
            }
        }
    }
}
