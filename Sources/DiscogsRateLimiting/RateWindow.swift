/// The request times inside the moving window. Discogs tracks its limit "as a moving average over a
/// 60 s window" (developers page, Rate Limiting), so we keep the real times, not a per-minute counter.
/// A request made at `t` is in the window at `now` while `now - t < length`.
public struct RateWindow: Sendable, Equatable {
    public let length: Double
    /// Sorted ascending.
    public private(set) var times: [Double]

    public init(length: Double, times: [Double] = []) {
        self.length = length
        self.times = times.sorted()
    }

    public var count: Int { times.count }

    public mutating func prune(now: Double) {
        let cutoff = now - length
        if let firstKept = times.firstIndex(where: { $0 > cutoff }) {
            times.removeFirst(firstKept)
        } else {
            times.removeAll()
        }
    }

    public mutating func record(_ time: Double) {
        let index = times.lastIndex(where: { $0 <= time }).map { $0 + 1 } ?? 0
        times.insert(time, at: index)
    }

    /// When the window will hold fewer than `limit` requests (assuming none are added), or nil when
    /// it already does. `limit` must be at least 1.
    public func timeWhenCount(below limit: Int) -> Double? {
        guard times.count >= limit else { return nil }
        return times[times.count - limit] + length
    }

    public var newest: Double? { times.last }
}
