import Foundation

/// Collects entries from the reading threads and writes them a batch at a time (one transaction
/// per `batchSize`), so Ctrl-C in the middle of a scan loses at most one batch of reads.
final class CatalogBatchWriter: @unchecked Sendable {
    private let store: CatalogStore
    private let batchSize: Int
    private let lock = NSLock()
    private var pending: [CatalogEntry] = []
    /// Writes happen one at a time, in the order batches were cut.
    private let writeLock = NSLock()
    /// The first failed write; the scan stops reading and reports it.
    private(set) var failure: CatalogError? {
        get { lock.withLock { storedFailure } }
        set { lock.withLock { storedFailure = newValue } }
    }
    private var storedFailure: CatalogError?

    init(store: CatalogStore, batchSize: Int) {
        self.store = store
        self.batchSize = max(1, batchSize)
    }

    func add(_ entries: [CatalogEntry]) {
        guard !entries.isEmpty else { return }
        let batch: [CatalogEntry]? = lock.withLock {
            pending.append(contentsOf: entries)
            guard pending.count >= batchSize else { return nil }
            defer { pending.removeAll(keepingCapacity: true) }
            return pending
        }
        if let batch { write(batch) }
    }

    func flush() {
        let batch = lock.withLock { () -> [CatalogEntry] in
            defer { pending.removeAll() }
            return pending
        }
        if !batch.isEmpty { write(batch) }
    }

    private func write(_ batch: [CatalogEntry]) {
        writeLock.withLock {
            do throws(CatalogError) {
                try store.apply(upserts: batch, deletions: [])
            } catch {
                if failure == nil { failure = error }
            }
        }
    }
}
