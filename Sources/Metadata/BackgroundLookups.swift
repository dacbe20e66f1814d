import Discogs
import Foundation

/// The Discogs work nobody waits for, on one thread ("s3play.discogs"): revalidations of stale
/// entries and daily refreshes first, prefetches after them. One thread is enough: the limiter
/// allows about one request a second, and a queued revalidation of a key already queued is dropped.
final class BackgroundLookups: @unchecked Sendable {
    enum Job: Sendable, Equatable {
        case revalidate(DiscogsResource)
        case refresh(DiscogsResource)
        case prefetch(DiscogsResource)

        var resource: DiscogsResource {
            switch self {
            case .revalidate(let resource), .refresh(let resource), .prefetch(let resource): return resource
            }
        }

        var isPrefetch: Bool {
            if case .prefetch = self { return true }
            return false
        }
    }

    private let condition = NSCondition()
    private let work: @Sendable (Job) -> Void
    // Guarded by `condition`.
    private var urgent: [Job] = []
    private var prefetches: [Job] = []
    private var queuedKeys: Set<String> = []
    private var running: Job?
    private var stopped = false
    private var thread: Thread?

    init(work: @escaping @Sendable (Job) -> Void) {
        self.work = work
    }

    func enqueue(_ job: Job) {
        condition.lock()
        defer { condition.unlock() }
        let key = job.resource.cacheKey
        guard !stopped, !queuedKeys.contains(key), running?.resource.cacheKey != key else { return }
        queuedKeys.insert(key)
        urgent.append(job)
        startIfNeeded()
        condition.broadcast()
    }

    /// Replaces the queued prefetches (the user's focus moved).
    func replacePrefetches(_ jobs: [Job]) {
        condition.lock()
        defer { condition.unlock() }
        for job in prefetches { queuedKeys.remove(job.resource.cacheKey) }
        prefetches = []
        for job in jobs where !queuedKeys.contains(job.resource.cacheKey) {
            queuedKeys.insert(job.resource.cacheKey)
            prefetches.append(job)
        }
        if !prefetches.isEmpty { startIfNeeded() }
        condition.broadcast()
    }

    func waitUntilIdle(timeout: Double, includingPrefetches: Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        defer { condition.unlock() }
        while !urgent.isEmpty || (includingPrefetches && !prefetches.isEmpty)
                || (running != nil && (includingPrefetches || running?.isPrefetch == false)) {
            if !condition.wait(until: deadline) { return false }
        }
        return true
    }

    func stop() {
        condition.lock()
        stopped = true
        urgent = []
        prefetches = []
        condition.broadcast()
        condition.unlock()
    }

    /// Called with `condition` locked.
    private func startIfNeeded() {
        guard thread == nil else { return }
        let thread = Thread { [self] in run() }
        thread.name = "s3play.discogs"
        self.thread = thread
        thread.start()
    }

    private func run() {
        while true {
            condition.lock()
            while urgent.isEmpty && prefetches.isEmpty && !stopped { condition.wait() }
            if stopped {
                condition.unlock()
                return
            }
            let job = urgent.isEmpty ? prefetches.removeFirst() : urgent.removeFirst()
            queuedKeys.remove(job.resource.cacheKey)
            running = job
            condition.unlock()

            work(job)

            condition.lock()
            running = nil
            condition.broadcast()
            condition.unlock()
        }
    }
}
