import Foundation

/// The rate-limit headers Discogs sends on every response (developers page, Rate Limiting):
/// `X-Discogs-Ratelimit` (the limit), `X-Discogs-Ratelimit-Used`, `X-Discogs-Ratelimit-Remaining`.
public struct DiscogsRateLimitHeaders: Sendable, Equatable {
    public var limit: Int?
    public var used: Int?
    public var remaining: Int?

    public init(limit: Int? = nil, used: Int? = nil, remaining: Int? = nil) {
        self.limit = limit
        self.used = used
        self.remaining = remaining
    }

    /// Header names are matched case-insensitively (HTTP/2 lowercases them); unparsable values are
    /// ignored.
    public init(headers: [String: String]) {
        var lowered: [String: String] = [:]
        for (name, value) in headers { lowered[name.lowercased()] = value }
        func int(_ name: String) -> Int? {
            lowered[name].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }.flatMap { $0 >= 0 ? $0 : nil }
        }
        self.init(limit: int("x-discogs-ratelimit"),
                  used: int("x-discogs-ratelimit-used"),
                  remaining: int("x-discogs-ratelimit-remaining"))
    }

    /// Remaining as stated, or derived from limit and used.
    public var effectiveRemaining: Int? {
        if let remaining { return remaining }
        if let limit, let used { return max(0, limit - used) }
        return nil
    }
}
