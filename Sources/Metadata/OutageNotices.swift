import Discogs
import Foundation

/// One notice per outage, not one per lookup: the first failure of a run of failures is told
/// (with cached data still being served), the rest are quiet until Discogs answers again.
final class OutageNotices: @unchecked Sendable {
    private let lock = NSLock()
    private let onNotice: @Sendable (String) -> Void
    private var inOutage = false
    private var sharedTierWarned = false

    init(onNotice: @escaping @Sendable (String) -> Void) {
        self.onNotice = onNotice
    }

    func serviceAnswered() {
        lock.withLock { inOutage = false }
    }

    func serviceFailed(_ error: DiscogsError) {
        let first = lock.withLock { () -> Bool in
            defer { inOutage = true }
            return !inOutage
        }
        if first { onNotice("\(error.description) Cached Discogs details are shown meanwhile.") }
    }

    func sharedTierFailed(_ reason: String) {
        let first = lock.withLock { () -> Bool in
            defer { sharedTierWarned = true }
            return !sharedTierWarned
        }
        if first { onNotice("Could not write the shared Discogs cache in the bucket: \(reason)") }
    }
}
