/// The one seam between protocol clients (S3, Discogs) and the network.
public protocol HTTPTransport: Sendable {
    /// Sends the request and returns once the response head has arrived; the body streams
    /// from the returned value. Throws only for transport failures, never for HTTP statuses.
    func send(_ request: HTTPRequest) throws(HTTPTransportError) -> HTTPResponse
}

/// Timeouts and limits shared by every request of a transport. The one home of these tunables.
public struct HTTPTransportConfiguration: Sendable {
    /// Seconds to open a connection (TCP and TLS). 5: a handshake takes well under a second on
    /// any working path, and a dead endpoint must be reported in seconds (issue #19 measured
    /// 90-160 s with 10 s here and 30 s to the first byte, times 3 attempts).
    public var connectTimeout: Double = 5
    /// Seconds from sending a request to the first byte of the answer. S3 answers in tens of
    /// milliseconds; 10 s is a server that is not going to answer.
    public var firstByteTimeout: Double = 10
    /// Seconds with no bytes arriving before a transfer is abandoned as stalled.
    public var stallTimeout: Double = 30
    /// A transfer slower than this many bytes per second over `lowSpeedWindow` seconds is
    /// abandoned as stalled (a server that sends one byte a second is not "no byte at all").
    /// 1 KiB/s is an eighth of a 64 kbps stream. 0 turns the check off.
    public var lowSpeedBytesPerSecond: Double = 1024
    public var lowSpeedWindow: Double = 20
    /// Body bytes held per response before the transfer is paused until the reader catches up.
    public var maxBufferedBodyBytes: Int = 1 << 20
    /// Warm connections kept for reuse across requests.
    public var maxPooledConnections: Int = 16
    public var verifiesTLS: Bool = true
    /// A PEM file of CAs trusted instead of the system's (AWS_CA_BUNDLE / ca_bundle, as botocore
    /// passes it to urllib3 as `verify`): a private CA of a MinIO, Ceph or NAS endpoint.
    public var caBundlePath: String?
    public var userAgent: String = "s3play/\(S3PlayVersion.current)"
    /// Proxy for http:// URLs that libcurl would not find itself: it reads only the lowercase
    /// `http_proxy` (uppercase HTTP_PROXY is ignored for http, the "httpoxy" rule), while the AWS
    /// CLI honours both. nil: libcurl's own environment handling.
    public var httpProxy: String?
    /// Hosts that bypass `httpProxy` (NO_PROXY / no_proxy).
    public var noProxy: String?

    public init() {}

    /// `HTTP_PROXY` when `http_proxy` is unset (libcurl reads the lowercase one itself).
    public mutating func applyUppercaseProxy(environment: [String: String]) {
        guard environment["http_proxy"].map(\.isEmpty) ?? true, let proxy = environment["HTTP_PROXY"], !proxy.isEmpty else { return }
        httpProxy = proxy
        noProxy = [environment["no_proxy"], environment["NO_PROXY"]].compactMap { $0 }.first { !$0.isEmpty }
    }
}
