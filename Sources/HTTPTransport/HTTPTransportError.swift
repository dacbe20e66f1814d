/// Why a request got no complete answer. HTTP error statuses are not transport errors: they
/// arrive as a normal response for the protocol client to interpret.
public enum HTTPTransportError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidRequest(String)
    case cannotResolveHost(String)
    case cannotConnect(String)
    /// Connect took too long, or the server sent nothing for the stall timeout.
    case timedOut(String)
    /// The connection broke mid-request or mid-body (reset, truncated body).
    case connectionLost(String)
    case tls(String)
    /// The server's certificate is not signed by a trusted CA (or is for another host).
    case untrustedCertificate(String)
    case cancelled
    case bodyTooLarge(limit: Int)
    case other(String)

    /// Failures where the same request may well succeed if sent again.
    public var isConnectionFailure: Bool {
        switch self {
        case .cannotResolveHost, .cannotConnect, .timedOut, .connectionLost: return true
        case .invalidRequest, .tls, .untrustedCertificate, .cancelled, .bodyTooLarge, .other: return false
        }
    }

    public var description: String {
        switch self {
        case .invalidRequest(let detail): return "invalid request: \(detail)"
        case .cannotResolveHost(let detail): return "cannot resolve host: \(detail)"
        case .cannotConnect(let detail): return "cannot connect: \(detail)"
        case .timedOut(let detail): return "timed out: \(detail)"
        case .connectionLost(let detail): return "connection lost: \(detail)"
        case .tls(let detail): return "TLS failure: \(detail)"
        case .untrustedCertificate(let detail): return "untrusted certificate: \(detail)"
        case .cancelled: return "request cancelled"
        case .bodyTooLarge(let limit): return "response body larger than \(limit) bytes"
        case .other(let detail): return detail
        }
    }
}
