/// A Discogs request that got no usable answer, classified by what the user (or the cache) should
/// do about it. A 404 is not here: it is an answer (`DiscogsFetchResult.notFound`). A 429 is not
/// here either, unless it persisted through every retry. No case carries the token.
public enum DiscogsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 401: the token was refused.
    case unauthorized
    /// 403: Discogs refuses the client itself (its gateway's answer to a missing or blocked User-Agent).
    case forbidden
    /// Still 429 after this many attempts.
    case rateLimited(attempts: Int)
    /// A foreground lookup would have had to wait longer than its bound (a full window, a long
    /// `Retry-After`, 429 after 429): it gives up instead. The next request may go in this many seconds.
    case rateLimitWait(seconds: Int)
    /// A search without a token: Discogs documents search as needing authentication, so nothing is sent.
    case tokenRequired
    /// 5xx, after one retry; `message` is Discogs' own (`{"message": …}`), when it sent one.
    case serverError(status: Int, message: String? = nil)
    /// No answer: DNS, connection, timeout, or the body broke off.
    case unreachable(reason: String)
    /// A 2xx body that is not the JSON the endpoint documents.
    case malformedResponse(reason: String)
    /// Any other status (a 404 of a search, a 400), with Discogs' own message when it sent one.
    case unexpectedStatus(Int, message: String? = nil)
    /// A prefetch cancelled while it waited for the rate limiter; nothing was sent.
    case cancelled

    /// Discogs is down, slow or garbled for now: the cache should serve what it has, even stale.
    /// Not for 401/403, where stale data would hide a setting the user must fix.
    public var isServiceUnavailable: Bool {
        switch self {
        case .unreachable, .serverError, .malformedResponse, .rateLimited, .rateLimitWait: return true
        case .unauthorized, .forbidden, .unexpectedStatus, .cancelled, .tokenRequired: return false
        }
    }

    public var description: String {
        switch self {
        case .unauthorized:
            return "Discogs refused the token: check DISCOGS_TOKEN or discogs.token in the config file."
        case .forbidden:
            return "Discogs refused this client (HTTP 403): check the User-Agent and DISCOGS_API_URL."
        case .rateLimited(let attempts):
            return "Discogs kept answering \"too many requests\" (\(attempts) attempts): wait a minute and try again."
        case .rateLimitWait(let seconds):
            return "Discogs limit reached; next lookup in \(seconds) s: try again then."
        case .tokenRequired:
            return "Discogs search needs a token: set DISCOGS_TOKEN or discogs.token in the config file."
        case .serverError(let status, let message?):
            return "Discogs is having trouble (HTTP \(status): \(Self.oneLine(message))): try again later."
        case .serverError(let status, nil):
            return "Discogs is having trouble (HTTP \(status)): try again later."
        case .unreachable(let reason):
            return "Cannot reach Discogs (\(Self.oneLine(reason))): check the network connection or DISCOGS_API_URL."
        case .malformedResponse(let reason):
            return "Discogs sent an answer s3play cannot read (\(Self.oneLine(reason))): try again later."
        case .unexpectedStatus(let status, let message?):
            return "Discogs answered HTTP \(status): \(Self.oneLine(message))"
        case .unexpectedStatus(let status, nil):
            return "Discogs answered HTTP \(status) unexpectedly: try again later, or report it if it persists."
        case .cancelled:
            return "Discogs request cancelled before it was sent."
        }
    }

    /// Descriptions are status-line sentences: a multi-line reason from below is folded.
    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
