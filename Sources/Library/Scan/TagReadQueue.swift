import Foundation
import Storage

/// The objects still to read and what the reads gave, shared by the reading threads. The
/// listing appends each page's new and changed objects as it arrives, so the first reads start
/// while later pages are still being listed; a reader with nothing to take waits until the
/// listing adds more, ends, or the scan is cancelled.
final class TagReadQueue: @unchecked Sendable {
    /// Times one object is put back after the server throttled its read, before the failure is
    /// reported as a problem (and read again by the next scan).
    static let throttledRetries = 4

    private let condition = NSCondition()
    private let isCancelled: @Sendable () -> Bool
    private var waiting: [StoredObject] = []
    private var nextIndex = 0
    private var listingFinished = false
    private var abandoned = false
    private var returned: [StoredObject] = []
    private var throttledTimes: [String: Int] = [:]
    private var result = CatalogScanner.ReadOutcome()
    /// Reads begun before the listing had ended (for the report and tests).
    private var takenWhileListing = 0

    init(isCancelled: @escaping @Sendable () -> Bool) {
        self.isCancelled = isCancelled
    }

    /// More objects from the listing.
    func append(_ objects: [StoredObject]) {
        guard !objects.isEmpty else { return }
        condition.withLock {
            waiting.append(contentsOf: objects)
            condition.broadcast()
        }
    }

    /// The listing has ended: readers stop once the queue is empty.
    func finishListing() {
        condition.withLock {
            listingFinished = true
            condition.broadcast()
        }
    }

    /// The listing failed: readers stop at once (what they read is kept).
    func abandon() {
        condition.withLock {
            abandoned = true
            condition.broadcast()
        }
    }

    /// The next object; nil when all are read and the listing is over, or the scan was
    /// cancelled (then the outcome says interrupted).
    func next() -> StoredObject? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            guard !result.interrupted, !abandoned else { return nil }
            if isCancelled() {
                result.interrupted = true
                condition.broadcast()
                return nil
            }
            if let object = returned.popLast() { return object }
            if nextIndex < waiting.count {
                nextIndex += 1
                if !listingFinished { takenWhileListing += 1 }
                return waiting[nextIndex - 1]
            }
            if listingFinished { return nil }
            // Woken by the listing; the timeout only re-checks cancellation (Ctrl-C).
            _ = condition.wait(until: Date(timeIntervalSinceNow: 0.2))
        }
    }

    /// Cancelled, or the listing failed: a reader waiting for a slot gives up.
    var isStopping: Bool {
        condition.withLock { abandoned || result.interrupted } || isCancelled()
    }

    /// Puts an object back to be read again; false when a throttled object has had its retries.
    @discardableResult
    func putBack(_ object: StoredObject, throttled: Bool) -> Bool {
        condition.withLock {
            if throttled {
                let times = throttledTimes[object.key, default: 0] + 1
                guard times <= Self.throttledRetries else { return false }
                throttledTimes[object.key] = times
            }
            returned.append(object)
            condition.broadcast()
            return true
        }
    }

    /// Requests and bytes of a read that did not finish (throttled, to be tried again).
    func count(requests: Int, bytes: Int64) {
        condition.withLock {
            result.requests += requests
            result.bytes += bytes
        }
    }

    func record(_ fetched: TagFetcher.Result) {
        condition.withLock {
            result.requests += fetched.requests
            result.bytes += fetched.bytes
            switch fetched.outcome {
            case .entry(let entry): result.entries.append(entry)
            case .failed(let problem): result.failures.append(problem)
            case .gone: break
            }
        }
    }

    var outcome: CatalogScanner.ReadOutcome {
        condition.withLock {
            var outcome = result
            outcome.readsStartedWhileListing = takenWhileListing
            return outcome
        }
    }
}
