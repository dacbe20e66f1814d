import TestDoubles
import DiscogsRateLimiting
import Foundation
import XCTest

/// Grant times collected from many threads.
final class GrantLog: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Double] = []

    func append(_ grant: RateLimitGrant) {
        guard case .granted(let time) = grant else { return }
        lock.lock(); storage.append(time); lock.unlock()
    }

    var times: [Double] {
        lock.lock(); defer { lock.unlock() }
        return storage.sorted()
    }
}

/// The most requests any window of `length` seconds holds: a window starting at each request time
/// covers [t, t + length), which is every distinct window that matters.
func maxRequestsInAnyWindow(_ times: [Double], length: Double) -> Int {
    let sorted = times.sorted()
    var best = 0
    var end = 0
    for start in sorted.indices {
        while end < sorted.count && sorted[end] < sorted[start] + length { end += 1 }
        best = max(best, end - start)
    }
    return best
}

/// One `acquire` on its own thread, so a test can watch it block.
final class BackgroundAcquire: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var grant: RateLimitGrant?

    init(_ limiter: DiscogsRateLimiter, priority: RequestPriority) {
        Thread {
            let result = limiter.acquire(priority: priority)
            self.lock.lock(); self.grant = result; self.lock.unlock()
            self.done.signal()
        }.start()
    }

    var result: RateLimitGrant? {
        lock.lock(); defer { lock.unlock() }
        return grant
    }

    /// Waits in real time; nil when still blocked after `timeout`.
    func wait(timeout: Double = 10) -> RateLimitGrant? {
        guard done.wait(timeout: .now() + timeout) == .success else { return nil }
        done.signal()
        return result
    }
}

/// Runs `threads` threads over a manual clock (`ManualRateLimiterClock.runSimulation`).
func runSimulated(threads: Int, clock: ManualRateLimiterClock,
                  file: StaticString = #filePath, line: UInt = #line,
                  _ body: @escaping @Sendable (Int) -> Void) {
    if let stall = clock.runSimulation(threads: threads, body) { XCTFail(stall, file: file, line: line) }
}


func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("DiscogsRateLimitingTests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Polls until the blocked threads' deadlines are exactly `expected` (a woken thread stays listed
/// until it runs again, so a count alone can be stale).
func waitForSleeperDeadlines(_ clock: ManualRateLimiterClock, _ expected: [Double?], timeout: Double = 10) -> Bool {
    let limit = Date().addingTimeInterval(timeout)
    while clock.sleeperDeadlines != expected {
        if Date() >= limit { return false }
        Thread.sleep(forTimeInterval: 0.001)
    }
    return true
}
