import Foundation

/// Where the limiter keeps its request times between runs, so a restart in the middle of a burst
/// does not grant a fresh 60 requests (Discogs counts per IP, across our restarts). The file store
/// implements it now; the metadata cache can implement it later.
public protocol RequestTimeStore: Sendable {
    /// The stored times, or none with a one-line notice when the stored data cannot be read.
    func loadRequestTimes() -> StoredRequestTimes
    func saveRequestTimes(_ times: [Double]) throws
}

public struct StoredRequestTimes: Sendable, Equatable {
    public var times: [Double]
    /// A one-line, human-readable notice when stored data was ignored.
    public var notice: String?

    public init(times: [Double], notice: String? = nil) {
        self.times = times
        self.notice = notice
    }
}

/// Keeps times for the life of the process only (tests, or no writable state directory).
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
