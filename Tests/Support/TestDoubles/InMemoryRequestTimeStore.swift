import DiscogsRateLimiting
import Foundation

/// Keeps times in memory, for tests that check what a limiter saves and what the next one loads.
public final class InMemoryRequestTimeStore: RequestTimeStore, @unchecked Sendable {
    private let lock = NSLock()
    private var times: [Double]

    public init(times: [Double] = []) {
        self.times = times
    }

    public func loadRequestTimes() -> StoredRequestTimes {
        lock.lock(); defer { lock.unlock() }
        return StoredRequestTimes(times: times)
    }

    public func saveRequestTimes(_ times: [Double]) throws {
        lock.lock(); defer { lock.unlock() }
        self.times = times
    }
}
