import Discogs
import Foundation

/// One notice per outage, not one per lookup: the first failure of a run of failures is told,
/// the rest are quiet until Discogs answers again. The notice says cached details are shown only
/// when they are. A foreground lookup that failed with nothing cached posts no notice: its caller
/// reports the failure as its one line.
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

    func serviceFailed(_ error: DiscogsError, cachedShown: Bool) {
        let first = lock.withLock { () -> Bool in
            defer { inOutage = true }
            return !inOutage
        }
        guard first else { return }
        onNotice(cachedShown ? "\(error.description) Cached Discogs details are shown meanwhile." : error.description)
    }

    /// A foreground lookup waits for the budget (a full window, a 429): said at once, not after
    /// a silent minute.
    func waiting(seconds: Int) {
        onNotice("Discogs limit reached; next lookup in \(seconds) s.")
    }

    func sharedTierFailed(_ reason: String) {
        let first = lock.withLock { () -> Bool in
            defer { sharedTierWarned = true }
            return !sharedTierWarned
        }
        if first { onNotice("Could not write the shared Discogs cache in the bucket: \(reason)") }
    }
}
