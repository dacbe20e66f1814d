import AudioTags
import Foundation
import Storage

/// Builds and updates the catalog from the storage source: lists every object, reads the tags of
/// new and changed audio objects with small ranged reads (the first 64 KiB, and only when needed
/// one more: the rest of a large tag, or the last 128 bytes for ID3v1), a few at a time, and
/// removes what was deleted. Objects whose fingerprint (ETag, or mtime and size) is unchanged
/// cost no read, so a rescan of an unchanged bucket makes list requests only.
public final class CatalogScanner: @unchecked Sendable {
    public struct Configuration: Sendable {
        /// Tag reads in flight at once: enough to hide a round trip, few enough to stay polite.
        public var parallelReads = 4
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
    /// Throws only when the listing itself fails; a failed read is a problem in the report.
    public func scan(isCancelled: @escaping @Sendable () -> Bool = { false },
                     onProgress: @escaping @Sendable (ScanProgress) -> Void = { _ in }) throws(StorageError) -> ScanReport {
        let started = clock()
        let tracker = ScanTracker(started: started, clock: clock, onProgress: onProgress)

        var listed: [StoredObject] = []
        try source.listObjects { batch in
            listed.append(contentsOf: batch)
            tracker.listed(batch.count)
        }
        let plan = ScanPlan(listed: listed, catalog: store.fingerprints())
        tracker.listingFinished(toRead: plan.toRead.count)

        var report = ScanReport()
        report.objectsListed = listed.count
        report.audioObjects = plan.audioCount
        report.newObjects = plan.newCount
        report.changedObjects = plan.toRead.count - plan.newCount
        report.unchangedObjects = plan.unchangedCount

        let writer = CatalogBatchWriter(store: store, batchSize: configuration.batchSize)
        writer.add(plan.unsupported)
        let reads = readTags(plan.toRead, writer: writer, tracker: tracker, isCancelled: isCancelled)
        writer.flush()

        report.readRequests = reads.requests
        report.bytesFetched = reads.bytes
        report.problems = (plan.unsupported + reads.entries).compactMap { entry in
            entry.problem.map { ScanProblem(key: entry.key, problem: $0) }
        } + reads.failures
        report.problems.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        report.interrupted = reads.interrupted
        if !reads.interrupted {
            // Deletions only after a whole listing and all reads: an interrupted scan never
            // drops songs it simply had not reached.
            store.apply(upserts: [], deletions: plan.deletedKeys)
            report.deletedObjects = plan.deletedKeys.count
            store.markScanComplete(at: clock())
        }
        report.elapsed = clock() - started
        return report
    }

    private struct ReadOutcome {
        var entries: [CatalogEntry] = []
        var failures: [ScanProblem] = []
        var requests = 0
        var bytes: Int64 = 0
        var interrupted = false
    }

    /// `parallelReads` threads take objects in order from a shared index.
    private func readTags(_ objects: [StoredObject], writer: CatalogBatchWriter, tracker: ScanTracker,
                          isCancelled: @escaping @Sendable () -> Bool) -> ReadOutcome {
        let lock = NSLock()
        var next = 0
        var outcome = ReadOutcome()
        let group = DispatchGroup()
        let reader = TagFetcher(source: source, grouping: configuration.grouping)
        for _ in 0..<max(1, min(configuration.parallelReads, objects.count)) {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                while true {
                    let index: Int? = lock.withLock {
                        guard next < objects.count, !outcome.interrupted else { return nil }
                        if isCancelled() {
                            outcome.interrupted = true
                            return nil
                        }
                        defer { next += 1 }
                        return next
                    }
                    guard let index else { return }
                    let result = reader.fetch(objects[index])
                    lock.withLock {
                        outcome.requests += result.requests
                        outcome.bytes += result.bytes
                        switch result.outcome {
                        case .entry(let entry): outcome.entries.append(entry)
                        case .failed(let problem): outcome.failures.append(problem)
                        case .gone: break
                        }
                    }
                    if case .entry(let entry) = result.outcome { writer.add([entry]) }
                    tracker.read(bytes: result.bytes)
                }
            }
        }
        group.wait()
        return outcome
    }
}
