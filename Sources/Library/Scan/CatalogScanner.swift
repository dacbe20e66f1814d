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
        /// Tag reads in flight at most: 32 hide a 50 ms round trip behind each other (20,000
        /// objects × 3 reads × 50 ms / 32 ≈ 94 s of latency becomes ~10 s of wall time with
        /// reads overlapping); fewer when the server says to slow down (`AdaptiveReadLimit`).
        /// Configured by `[scan] parallel_reads` and `scan --parallel`.
        public static let defaultParallelReads = 32
        public var parallelReads = Configuration.defaultParallelReads
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
    /// Throws when the listing fails or the catalog cannot be written; a failed read is a
    /// problem in the report.
    public func scan(isCancelled: @escaping @Sendable () -> Bool = { false },
                     onProgress: @escaping @Sendable (ScanProgress) -> Void = { _ in }) throws(CatalogError) -> ScanReport {
        let started = clock()
        let tracker = ScanTracker(started: started, clock: clock, onProgress: onProgress)

        var listed: [StoredObject] = []
        do {
            // Ctrl-C is honoured between listing batches (a page of 1,000 keys in S3).
            try source.listObjects(until: isCancelled) { batch in
                listed.append(contentsOf: batch)
                tracker.listed(batch.count)
            }
        } catch {
            throw CatalogError(error.description)
        }
        let plan = ScanPlan(listed: listed, catalog: try store.fingerprints())
        tracker.listingFinished(toRead: plan.toRead.count)

        var report = ScanReport()
        report.objectsListed = listed.count
        report.audioObjects = plan.audioCount
        report.newObjects = plan.newCount
        report.changedObjects = plan.toRead.count - plan.newCount
        report.unchangedObjects = plan.unchangedCount

        let writer = CatalogBatchWriter(store: store, batchSize: configuration.batchSize)
        writer.add(plan.unsupported)
        let reads = readTags(plan.toRead, writer: writer, tracker: tracker,
                             isCancelled: { isCancelled() || writer.failure != nil })
        writer.flush()
        if let failure = writer.failure { throw failure }

        report.readRequests = reads.requests
        report.bytesFetched = reads.bytes
        // Every object the catalog knows it cannot play (found by this scan or an earlier one),
        // and reads that failed this time (tried again next scan).
        report.problems = try store.problems().map { ScanProblem(key: $0.key, problem: $0.problem) } + reads.failures
        report.problems.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        report.interrupted = reads.interrupted
        report.lowestParallelReads = reads.lowestParallelReads
        if !reads.interrupted {
            // Deletions only after a whole listing and all reads: an interrupted scan never
            // drops songs it simply had not reached.
            try store.apply(upserts: [], deletions: plan.deletedKeys)
            report.deletedObjects = plan.deletedKeys.count
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
        var lowestParallelReads = 0
    }

    /// `parallelReads` threads take objects in order from a shared queue, as many in flight at
    /// once as `AdaptiveReadLimit` allows; a read the server throttled goes back on the queue.
    private func readTags(_ objects: [StoredObject], writer: CatalogBatchWriter, tracker: ScanTracker,
                          isCancelled: @escaping @Sendable () -> Bool) -> ReadOutcome {
        let queue = TagReadQueue(objects: objects, isCancelled: isCancelled)
        let fetcher = TagFetcher(source: source, grouping: configuration.grouping)
        let limit = AdaptiveReadLimit(ceiling: configuration.parallelReads)
        let group = DispatchGroup()
        for _ in 0..<max(1, min(configuration.parallelReads, objects.count)) {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                while let object = queue.next() {
                    guard limit.acquire(isCancelled: isCancelled) else {
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
        group.wait()
        var outcome = queue.outcome
        outcome.lowestParallelReads = limit.lowestLimit
        return outcome
    }
}

/// The objects still to read and what the reads gave, shared by the reading threads.
final class TagReadQueue: @unchecked Sendable {
    /// Times one object is put back after the server throttled its read, before the failure is
    /// reported as a problem (and read again by the next scan).
    static let throttledRetries = 4

    private let lock = NSLock()
    private let objects: [StoredObject]
    private let isCancelled: @Sendable () -> Bool
    private var nextIndex = 0
    private var returned: [StoredObject] = []
    private var throttledTimes: [String: Int] = [:]
    private var result = CatalogScanner.ReadOutcome()

    init(objects: [StoredObject], isCancelled: @escaping @Sendable () -> Bool) {
        self.objects = objects
        self.isCancelled = isCancelled
    }

    /// The next object, or nil when all are taken or the scan was cancelled.
    func next() -> StoredObject? {
        lock.withLock {
            guard !result.interrupted else { return nil }
            if isCancelled() {
                result.interrupted = true
                return nil
            }
            if let object = returned.popLast() { return object }
            guard nextIndex < objects.count else { return nil }
            nextIndex += 1
            return objects[nextIndex - 1]
        }
    }

    /// Puts an object back to be read again; false when a throttled object has had its retries.
    @discardableResult
    func putBack(_ object: StoredObject, throttled: Bool) -> Bool {
        lock.withLock {
            if throttled {
                let times = throttledTimes[object.key, default: 0] + 1
                guard times <= Self.throttledRetries else { return false }
                throttledTimes[object.key] = times
            }
            returned.append(object)
            return true
        }
    }

    /// Requests and bytes of a read that did not finish (throttled, to be tried again).
    func count(requests: Int, bytes: Int64) {
        lock.withLock {
            result.requests += requests
            result.bytes += bytes
        }
    }

    func record(_ fetched: TagFetcher.Result) {
        lock.withLock {
            result.requests += fetched.requests
            result.bytes += fetched.bytes
            switch fetched.outcome {
            case .entry(let entry): result.entries.append(entry)
            case .failed(let problem): result.failures.append(problem)
            case .gone: break
            }
        }
    }

    var outcome: CatalogScanner.ReadOutcome { lock.withLock { result } }
}
