/// Discogs' rate limit as a moving window: a request is answered if fewer than `limit` requests
/// were answered in the `length` before it (developers page, "Rate Limiting": 60/min authenticated,
/// 25/min unauthenticated, "a moving average over a 60 second window"). Requests refused with 429
/// are not counted, so the window drains while a client backs off, and no `length`-long span ever
/// holds more than `limit` answered requests. Pure value: the caller supplies the time.
public struct DiscogsRateWindow: Sendable, Equatable {
    public var length: Duration
    /// Times (from the stand-in's clock) of the answered requests still inside the window, oldest first.
    public private(set) var answered: [Duration] = []

    public init(length: Duration = .seconds(60)) {
        self.length = length
    }

    public struct Decision: Sendable, Equatable {
        public var admitted: Bool
        public var limit: Int
        /// Requests counted in the window, this one included when admitted.
        public var used: Int
        public var remaining: Int { max(0, limit - used) }
        /// When refused: how long until the oldest counted request leaves the window.
        public var retryAfter: Duration?

        public init(admitted: Bool, limit: Int, used: Int, retryAfter: Duration?) {
            self.admitted = admitted
            self.limit = limit
            self.used = used
            self.retryAfter = retryAfter
        }
    }

    /// Counts the request at `now` if the window has room under `limit`.
    public mutating func admit(at now: Duration, limit: Int) -> Decision {
        answered.removeAll { now - $0 >= length }
        guard answered.count < limit else {
            // Room opens when the request at index count-limit leaves; a limit of 0 never opens.
            let wait = limit <= 0 ? length : length - (now - answered[answered.count - limit])
            return Decision(admitted: false, limit: limit, used: answered.count, retryAfter: wait)
        }
        answered.append(now)
        return Decision(admitted: true, limit: limit, used: answered.count, retryAfter: nil)
    }
}
