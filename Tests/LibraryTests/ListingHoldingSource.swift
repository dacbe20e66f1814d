import Foundation
import Storage

/// A listing stand-in around a real source: after the listing's first page it holds the rest
/// until the scan has begun `readsToRelease` reads (or 10 s passed, which a test reports as
/// failure), so a test can tell whether reads start before the listing ends. Counts reads and
/// the most in flight at once.
final class ListingHoldingSource: StorageSource, @unchecked Sendable {
    private let inner: any StorageSource
    /// Re-pages the inner listing (a folder lists 1,000 at a time) into pages of this size.
    private let pageSize: Int?
    private let readsToRelease: Int
    private let condition = NSCondition()
    private var readRanges: [(key: String, range: Range<Int64>)] = []
    private var inFlight = 0
    private var mostInFlight = 0
    private var releasedByReads: Bool?

    init(_ inner: any StorageSource, pageSize: Int? = nil, readsToRelease: Int) {
        self.inner = inner
        self.pageSize = pageSize
        self.readsToRelease = readsToRelease
    }

    var locationDescription: String { inner.locationDescription }
    var reads: [(key: String, range: Range<Int64>)] { condition.withLock { readRanges } }
    /// Keys whose first read (at offset 0) began.
    var objectsRead: [String] { reads.filter { $0.range.lowerBound == 0 }.map(\.key) }
    var mostReadsInFlight: Int { condition.withLock { mostInFlight } }
    /// true: the held page was let go because reads had begun; false: only by the 10 s bound.
    var heldPageReleasedByReads: Bool? { condition.withLock { releasedByReads } }

    func listObjects(until isCancelled: @escaping @Sendable () -> Bool,
                     onBatch: ([StoredObject]) -> Void) throws(StorageError) {
        var pages = 0
        func deliver(_ page: [StoredObject]) {
            pages += 1
            onBatch(page)
            if pages == 1 { holdUntilReads() }
        }
        guard let pageSize else {
            // The inner source's own pages: its own check of `isCancelled` after each.
            try inner.listObjects(until: isCancelled) { deliver($0) }
            return
        }
        var all: [StoredObject] = []
        try inner.listObjects(until: isCancelled) { all += $0 }
        for start in stride(from: 0, to: all.count, by: pageSize) {
            deliver(Array(all[start..<min(start + pageSize, all.count)]))
            if isCancelled() { return }
        }
    }

    private func holdUntilReads() {
        let deadline = Date(timeIntervalSinceNow: 10)
        condition.withLock {
            while readRanges.count < readsToRelease, condition.wait(until: deadline) {}
            releasedByReads = readRanges.count >= readsToRelease
        }
    }

    func read(_ object: StoredObject, range: Range<Int64>) throws(StorageError) -> StoredBytes {
        condition.withLock {
            readRanges.append((object.key, range))
            inFlight += 1
            mostInFlight = max(mostInFlight, inFlight)
            condition.broadcast()
        }
        defer { condition.withLock { inFlight -= 1 } }
        return try inner.read(object, range: range)
    }

    func read(key: String, range: Range<Int64>) throws(StorageError) -> [UInt8] {
        try inner.read(key: key, range: range)
    }

    func object(key: String) throws(StorageError) -> StoredObject { try inner.object(key: key) }

    func storageLocation(forKey key: String) -> StorageLocation { inner.storageLocation(forKey: key) }
}
