import Foundation

/// Counts a scan's progress from several threads and reports each change.
final class ScanTracker: @unchecked Sendable {
    private let lock = NSLock()
    private var progress = ScanProgress()
    private let started: Double
    private let clock: @Sendable () -> Double
    private let onProgress: @Sendable (ScanProgress) -> Void

    init(started: Double, clock: @escaping @Sendable () -> Double, onProgress: @escaping @Sendable (ScanProgress) -> Void) {
        self.started = started
        self.clock = clock
        self.onProgress = onProgress
    }

    func listed(_ count: Int) {
        update { $0.objectsListed += count }
    }

    /// New or changed objects of one listing page, queued for reading.
    func queued(_ count: Int) {
        guard count > 0 else { return }
        update { $0.tagsToRead += count }
    }

    func listingFinished() {
        update { $0.listingFinished = true }
    }

    func read(bytes: Int64) {
        update {
            $0.tagsRead += 1
            $0.bytesFetched += bytes
        }
    }

    /// Bytes of a read that will be tried again (throttled): counted, not yet a tag read.
    func fetched(bytes: Int64) {
        update { $0.bytesFetched += bytes }
    }

    private func update(_ change: (inout ScanProgress) -> Void) {
        // Reported under the lock so the numbers a progress bar sees never go backwards.
        lock.withLock {
            change(&progress)
            progress.elapsed = clock() - started
            onProgress(progress)
        }
    }
}
