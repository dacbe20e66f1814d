/// How the stand-in misbehaves, for testing a client's error paths. Failures are applied after the
/// User-Agent, token and rate checks, so a failed answer still carries the rate-limit headers and
/// counts against the window, as a real 5xx from Discogs' backend does.
public enum DiscogsFailureMode: Sendable, Equatable {
    /// Answer normally.
    case none
    /// HTTP 500 with a JSON message body.
    case serverError
    /// Wait this long, then answer normally (a client's timeout must fire first if shorter).
    case slow(Duration)
    /// HTTP 200 with a JSON body cut off mid-object.
    case malformed
    /// HTTP 429 with this `Retry-After` value sent as is ("999999", an HTTP-date, "-5"), or
    /// without the header when nil; the window is not consulted.
    case tooManyRequests(retryAfter: String?)
    /// The right answer, its body sent one byte per interval (a stall timeout never fires).
    case trickle(Duration)
    /// HTTP 500 with Discogs' own message in the body ("Query time exceeded. …").
    case serverMessage(String)
}

/// A failure mode and how many requests it still applies to (nil: all of them).
struct DiscogsFailurePlan: Sendable {
    var mode: DiscogsFailureMode = .none
    var remaining: Int?

    /// The mode for the next request, using up one of `remaining`.
    mutating func next() -> DiscogsFailureMode {
        guard mode != .none else { return .none }
        if let count = remaining {
            guard count > 0 else { return .none }
            remaining = count - 1
        }
        return mode
    }
}
