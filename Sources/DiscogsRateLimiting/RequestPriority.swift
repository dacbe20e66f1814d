/// Who a Discogs request is for.
public enum RequestPriority: Sendable, Equatable {
    /// What the user looks at now; always served before any prefetch.
    case foreground
    /// Read-ahead (the next artist, album art); uses only leftover budget and can be cancelled.
    case prefetch
}

/// The outcome of `DiscogsRateLimiter.acquire(priority:)`.
public enum RateLimitGrant: Sendable, Equatable {
    /// The request may be sent now; it was recorded at this clock time.
    case granted(at: Double)
    /// A waiting prefetch was cancelled by `cancelPrefetch()`; do not send it.
    case cancelled
    /// The next request could go only after the caller's deadline (this clock time); nothing
    /// was recorded. A foreground lookup gives up at once instead of waiting in silence.
    case notBefore(Double)
}
