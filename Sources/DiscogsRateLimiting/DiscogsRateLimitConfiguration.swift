/// Every tunable of the Discogs rate limiter (style principle 11: one home per tunable).
public struct DiscogsRateLimitConfiguration: Sendable, Equatable {
    /// Requests allowed in any window. Discogs allows 60/min with authentication and 25/min without
    /// (developers page, Rate Limiting); we stay a few below so clock skew and requests in flight
    /// never reach the server's limit.
    public var ceiling: Int
    /// Discogs' window is 60 s.
    public var windowLength: Double
    /// Slots a prefetch leaves free for what the user looks at: a prefetch is sent only while the
    /// window would still have this many free slots after it.
    public var prefetchReservedSlots: Int
    /// Kept below the limit the server reports in `X-Discogs-Ratelimit`: 60 - 5 = 55, 25 - 3 = 22.
    public var serverHeadroom: Int
    /// How much longer than the window our own requests are counted. The limiter stamps a request
    /// when it grants it; the server when it arrives, a little later. Without this slack a
    /// request leaves our window just before it leaves the server's, the next response then
    /// reports one slot fewer than we think, and `observe` books that slot for a whole window:
    /// after a full burst that halved the rate for a minute. 1 s (the presets) costs under 2 % of
    /// throughput; 0 for a configuration built by hand.
    public var arrivalSlack: Double
    /// The longest pause a 429's `Retry-After` can impose. Discogs' window is 60 s, so no honest
    /// answer asks for more than that; twice it leaves room for a busy server.
    public var maxRetryAfter: Double

    public init(ceiling: Int, windowLength: Double = 60, prefetchReservedSlots: Int = 10,
                serverHeadroom: Int = 3, arrivalSlack: Double = 0, maxRetryAfter: Double = 120) {
        self.maxRetryAfter = max(0, maxRetryAfter)
        self.ceiling = max(1, ceiling)
        self.windowLength = windowLength
        self.arrivalSlack = max(0, arrivalSlack)
        self.prefetchReservedSlots = max(0, prefetchReservedSlots)
        self.serverHeadroom = max(0, serverHeadroom)
    }

    /// With a personal token or key/secret: 55 of Discogs' 60/min.
    public static let authenticated = DiscogsRateLimitConfiguration(ceiling: 55, serverHeadroom: 5, arrivalSlack: 1)
    /// Without authentication: 22 of Discogs' 25/min.
    public static let unauthenticated = DiscogsRateLimitConfiguration(ceiling: 22, serverHeadroom: 3, arrivalSlack: 1)
}
