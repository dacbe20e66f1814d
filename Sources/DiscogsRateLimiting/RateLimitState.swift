/// The limiter's decisions as a plain value (no locks, no clock): `DiscogsRateLimiter` holds one
/// under its lock and performs what `decide` returns.
public struct RateLimitState: Sendable, Equatable {
    public enum Decision: Sendable, Equatable {
        case send
        /// Wait until this time, or for a change of state when nil.
        case wait(until: Double?)
    }

    public let configuration: DiscogsRateLimitConfiguration
    public private(set) var window: RateWindow
    /// The last `X-Discogs-Ratelimit` seen.
    public private(set) var serverLimit: Int?
    /// No request before this time (after a 429).
    public private(set) var pausedUntil: Double = -.infinity
    /// Foreground callers currently inside `acquire`; prefetch waits while any are.
    public var foregroundWaiting = 0

    public init(configuration: DiscogsRateLimitConfiguration, times: [Double] = []) {
        self.configuration = configuration
        window = RateWindow(length: configuration.windowLength + configuration.arrivalSlack, times: times)
    }

    /// min(configured ceiling, server limit - headroom), at least 1.
    public var effectiveCeiling: Int {
        guard let serverLimit else { return configuration.ceiling }
        return max(1, min(configuration.ceiling, serverLimit - configuration.serverHeadroom))
    }

    public mutating func decide(_ priority: RequestPriority, now: Double) -> Decision {
        window.prune(now: now)
        if now < pausedUntil { return .wait(until: pausedUntil) }
        let limit: Int
        switch priority {
        case .foreground:
            limit = effectiveCeiling
        case .prefetch:
            if foregroundWaiting > 0 { return .wait(until: nil) }
            limit = effectiveCeiling - configuration.prefetchReservedSlots
            // No leftover budget at this ceiling: wait until the ceiling rises or cancellation.
            if limit < 1 { return .wait(until: nil) }
        }
        if let freeAt = window.timeWhenCount(below: limit) { return .wait(until: freeAt) }
        return .send
    }

    public mutating func record(_ time: Double) {
        window.record(time)
    }

    /// Follows the server when it knows of a smaller budget than we do. Returns true when the
    /// window changed (slots were reserved) and should be saved.
    ///
    /// A lower `X-Discogs-Ratelimit` lowers the effective ceiling. A `Remaining` below what the local
    /// window leaves free means someone else uses the same IP or token; the difference is recorded
    /// as requests made now, so it leaves the window one window length later, as theirs will.
    public mutating func observe(_ headers: DiscogsRateLimitHeaders, now: Double) -> Bool {
        if let limit = headers.limit { serverLimit = limit }
        guard let remaining = headers.effectiveRemaining else { return false }
        window.prune(now: now)
        let ceiling = effectiveCeiling
        // The part of the server's budget we do not use on purpose (headroom, or a lower
        // configured ceiling) is not free for us either.
        let unused = (serverLimit ?? ceiling + configuration.serverHeadroom) - ceiling
        let serverFree = max(0, remaining - unused)
        let localFree = max(0, ceiling - window.count)
        guard serverFree < localFree else { return false }
        for _ in 0..<(localFree - serverFree) { window.record(now) }
        return true
    }

    /// A 429: nothing is sent before `Retry-After` seconds, or, without it, before the window has been
    /// quiet for one window length ("the window resets after 60 s with no requests"). A negative or
    /// non-finite value counts as absent; a longer one than `maxRetryAfter` is cut to it (a server
    /// asking for 999999 s would otherwise silence every lookup for 11.6 days).
    public mutating func observe429(retryAfter: Double?, now: Double) {
        let until: Double
        if let retryAfter, retryAfter >= 0, retryAfter.isFinite {
            until = now + min(retryAfter, configuration.maxRetryAfter)
        } else {
            until = max(window.newest ?? now, now - configuration.windowLength) + configuration.windowLength
        }
        pausedUntil = max(pausedUntil, until)
    }
}
