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
