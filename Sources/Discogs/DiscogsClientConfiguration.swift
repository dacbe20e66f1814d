import DiscogsRateLimiting
import HTTPTransport

/// Every tunable of the Discogs client (style principle 11: one home per tunable).
public struct DiscogsClientConfiguration: Sendable, Equatable, CustomStringConvertible {
    /// The s3play version the User-Agent names. Discogs asks for a unique, versioned agent
    /// ("AppName/1.0 +https://url", developers page, General Information).
    public static let s3playVersion = S3PlayVersion.current
    public static let defaultUserAgent = "s3play/\(s3playVersion) +https://github.com/s3play/s3play"
    public static let defaultBaseURL = "https://api.discogs.com"

    /// Scheme and host, no trailing slash; a stand-in or proxy in tests ("http://127.0.0.1:PORT").
    public var baseURL: String
    /// A personal access token. Sent only as `Authorization: Discogs token=…`, never in a URL
    /// (URLs end up in logs and cache keys); never printed.
    public var token: String?
    public var userAgent: String
    /// 429s answered in a row before a request gives up as `.rateLimited`. Each retry waits for
    /// the limiter; a foreground lookup is bounded by `maxForegroundWait` first.
    public var maxRateLimitRetries: Int
    /// Seconds without a byte from Discogs before a request fails as unreachable.
    public var requestTimeout: Double
    /// Seconds one request may take in all, however its bytes trickle in.
    public var requestDeadline: Double
    /// The most a lookup the user waits for (foreground) spends waiting for the budget, over all
    /// its retries: past it, the lookup fails at once with "next lookup in N s" (the catalog is
    /// then shown alone). Prefetches wait as long as the limiter says.
    public var maxForegroundWait: Double

    public init(baseURL: String = DiscogsClientConfiguration.defaultBaseURL, token: String? = nil,
                userAgent: String = DiscogsClientConfiguration.defaultUserAgent,
                maxRateLimitRetries: Int = 20, requestTimeout: Double = 20, requestDeadline: Double = 30,
                maxForegroundWait: Double = 65) {
        self.requestDeadline = max(0, requestDeadline)
        self.maxForegroundWait = max(0, maxForegroundWait)
        // "https://host/" and "https://host" name the same API; paths are appended with their "/".
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        // An empty token (an empty variable) means no token, not a token that Discogs will refuse.
        self.token = token.flatMap { $0.isEmpty ? nil : $0 }
        self.userAgent = userAgent
        self.maxRateLimitRetries = max(0, maxRateLimitRetries)
        self.requestTimeout = requestTimeout
    }

    /// `DISCOGS_API_URL` (default https://api.discogs.com) and `DISCOGS_TOKEN`.
    public static func fromEnvironment(_ environment: [String: String]) -> DiscogsClientConfiguration {
        let url = environment["DISCOGS_API_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultBaseURL
        return DiscogsClientConfiguration(baseURL: url, token: environment["DISCOGS_TOKEN"])
    }

    /// Discogs allows 60 requests a minute with a token and 25 without; the limiter's budget
    /// follows whether we send one.
    public var rateLimitConfiguration: DiscogsRateLimitConfiguration {
        token == nil ? .unauthenticated : .authenticated
    }

    /// The headers every request carries.
    var requestHeaders: [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = [
            ("User-Agent", userAgent),
            // v2 with Discogs' own text markup (the default, named so a change of default cannot bite).
            ("Accept", "application/vnd.discogs.v2.discogs+json"),
        ]
        if let token { headers.append(("Authorization", "Discogs token=\(token)")) }
        return headers
    }

    /// Safe to log: the token is reduced to whether there is one.
    public var description: String {
        "Discogs at \(baseURL), \(token == nil ? "no token" : "token set (redacted)"), "
            + "User-Agent \"\(userAgent)\", up to \(maxRateLimitRetries) rate-limit retries, "
            + "timeout \(requestTimeout) s, at most \(requestDeadline) s a request"
    }
}
