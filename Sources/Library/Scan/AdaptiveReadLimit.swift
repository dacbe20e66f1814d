import Foundation

/// How many tag reads may be in flight, adapted to what the server tolerates: halved when it
/// answers "slow down" (503 SlowDown, 429, Throttling), grown by one after as many reads in a
/// row succeed as the limit allows — additive increase, multiplicative decrease, the idea of the
/// AWS SDKs' adaptive retry mode (a client-side rate that backs off on throttling and recovers).
/// It starts at `start` and may grow up to `ceiling`: reads of tags are latency-bound (one small
/// GET, a round trip each), so a server that never says "slow down" gets more at once — at
/// +25 ms each way 32 in flight top out at ~640 reads/s, 128 at ~2,500. A small self-hosted
/// server that turns requests away above a few at once is met at its own pace instead of
/// failing reads.
final class AdaptiveReadLimit: @unchecked Sendable {
    private let condition = NSCondition()
    let ceiling: Int
    private var limit: Int
    private var inFlight = 0
    private var successesSinceChange = 0
    /// The lowest and highest limits reached (for the report and tests).
    private(set) var lowestLimit: Int
    private(set) var highestLimit: Int

    init(start: Int, ceiling: Int) {
        self.ceiling = max(1, ceiling)
        limit = min(max(1, start), self.ceiling)
        lowestLimit = limit
        highestLimit = limit
    }

    /// Waits for a slot; returns false when `isCancelled` turned true while waiting.
    func acquire(isCancelled: () -> Bool) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while inFlight >= limit {
            if isCancelled() { return false }
            // Woken by a release; the timeout only re-checks cancellation.
            _ = condition.wait(until: Date(timeIntervalSinceNow: 0.2))
        }
        inFlight += 1
        return true
    }

    /// Ends one read. `throttled`: the server said to slow down (after the client's own retries).
    func release(throttled: Bool) {
        condition.lock()
        defer { condition.unlock() }
        inFlight -= 1
        if throttled {
            limit = max(1, limit / 2)
            lowestLimit = min(lowestLimit, limit)
            successesSinceChange = 0
        } else {
            successesSinceChange += 1
            if successesSinceChange >= limit, limit < ceiling {
                limit += 1
                highestLimit = max(highestLimit, limit)
                successesSinceChange = 0
            }
        }
        condition.broadcast()
    }

    var currentLimit: Int {
        condition.lock()
        defer { condition.unlock() }
        return limit
    }
}
