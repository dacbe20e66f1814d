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
        self.init { lowered[$0.lowercased()] }
    }

    /// The one parser of these headers: `value` gives a header's value by name (the client passes
    /// its response's case-insensitive lookup). A value that is not a whole number ≥ 0 is ignored.
    public init(value: (String) -> String?) {
        func int(_ name: String) -> Int? {
            value(name).flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }.flatMap { $0 >= 0 ? $0 : nil }
        }
        self.init(limit: int("X-Discogs-Ratelimit"),
                  used: int("X-Discogs-Ratelimit-Used"),
                  remaining: int("X-Discogs-Ratelimit-Remaining"))
    }

    /// Remaining as stated, or derived from limit and used.
    public var effectiveRemaining: Int? {
        if let remaining { return remaining }
        if let limit, let used { return max(0, limit - used) }
        return nil
    }
}
