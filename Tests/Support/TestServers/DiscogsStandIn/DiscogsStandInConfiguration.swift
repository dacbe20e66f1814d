import Glibc

/// Everything the Discogs stand-in can be told at start; the limit and the failure mode can also be
/// changed while it runs (`DiscogsStandIn.setLimit`, `setFailureMode`).
public struct DiscogsStandInConfiguration: Sendable {
    /// The personal token a client must send (`Authorization: Discogs token=T` or `?token=T`).
    /// Any other token gets 401. nil: every token is accepted. Requests without a token are
    /// answered at the unauthenticated limit either way, except search, which Discogs documents as
    /// needing authentication.
    public var token: String?
    public var authenticatedLimit = 60
    public var unauthenticatedLimit = 25
    /// Discogs: "a moving average over a 60 second window".
    public var window: Duration = .seconds(60)
    /// Adds `Retry-After: <seconds>` to 429s. Off by default: Discogs' docs do not promise it.
    public var sendsRetryAfter = false
    /// Status for a request without a User-Agent. Discogs documents only "an empty response"; 403
    /// with an empty body is what its gateway answers to a refused client, and it is not a status
    /// a client retries, so a client that forgets the header fails at once instead of looping.
    public var missingUserAgentStatus = 403
    public var failureMode: DiscogsFailureMode = .none
    /// How many requests the failure mode applies to; nil: all.
    public var failureCount: Int?
    /// Appends one line per request (`DiscogsLoggedRequest.line`) when set.
    public var logPath: String?
    public var clock: any DiscogsStandInClock = MonotonicStandInClock()
    /// 0 picks a free port.
    public var port = 0

    public init(token: String? = nil) {
        self.token = token
    }
}

public enum DiscogsStandInError: Error, Equatable, CustomStringConvertible {
    case cannotListen(LoopbackSocketError)
    case cannotOpenLog(path: String, errno: Int32)

    public var description: String {
        switch self {
        case .cannotListen(let error): "cannot listen: \(error)"
        case .cannotOpenLog(let path, let code): "cannot open log \(path): \(String(cString: strerror(code)))"
        }
    }
}
