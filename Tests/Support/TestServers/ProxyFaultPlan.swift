import Synchronization

/// What an HTTPFaultProxy injects. A value: every fault is off by default, and faults combine
/// by chaining, e.g. `ProxyFaultPlan().respondWithStatus(status: 503, code: "SlowDown", count: 1)
/// .withAddedLatency(.milliseconds(20))`. Counts ("the first k") are spent by the proxy, in the
/// order requests arrive across all its connections.
public struct ProxyFaultPlan: Sendable, Equatable {
    /// Which requests a status injection applies to; nil means any.
    public struct RequestFilter: Sendable, Equatable {
        public var methods: Set<String>?
        /// Compared with the target's path (query excluded), e.g. "/bucket/music/".
        public var pathPrefix: String?

        public init(methods: Set<String>? = nil, pathPrefix: String? = nil) {
            self.methods = methods
            self.pathPrefix = pathPrefix
        }

        public static let any = RequestFilter()

        public func matches(method: String, path: some StringProtocol) -> Bool {
            (methods?.contains(method) ?? true) && (pathPrefix.map { path.hasPrefix($0) } ?? true)
        }
    }

    /// Answer requests from the proxy with an S3-style error, never contacting upstream.
    public struct StatusInjection: Sendable, Equatable {
        public var status: Int
        /// S3 error code for the XML body, e.g. "SlowDown", "InternalError".
        public var code: String
        public var count: Int
        public var filter: RequestFilter
    }

    /// Applied to GET responses only: those are the streams the player reads and resumes.
    public struct ResponseCut: Sendable, Equatable {
        /// Response bytes (head and body) forwarded before the fault.
        public var afterBytes: Int
        public var times: Int
    }

    public struct ResponseStall: Sendable, Equatable {
        public var afterBytes: Int
        public var duration: Duration
        public var times: Int
    }

    public var statusInjection: StatusInjection?
    /// Close the client connection with a RST (SO_LINGER 0) after `afterBytes` of a GET response.
    public var reset: ResponseCut?
    /// Forward nothing more of a GET response for `duration` after `afterBytes`, then go on.
    public var stall: ResponseStall?
    /// One-way delay added to every byte in each direction; a round trip gains twice this.
    public var addedLatency: Duration
    /// Response bytes per second, shared by all connections of the proxy (one simulated link).
    public var bandwidthLimit: Int?
    /// A small self-hosted server's limit: a request arriving while this many are in flight
    /// (request head seen, response not yet all sent) is answered 503 SlowDown by the proxy.
    public var maxConcurrentRequests: Int?

    public init(statusInjection: StatusInjection? = nil, reset: ResponseCut? = nil, stall: ResponseStall? = nil,
                addedLatency: Duration = .zero, bandwidthLimit: Int? = nil) {
        self.statusInjection = statusInjection
        self.reset = reset
        self.stall = stall
        self.addedLatency = addedLatency
        self.bandwidthLimit = bandwidthLimit
    }

    public func respondWithStatus(status: Int, code: String, count: Int,
                                  matching filter: RequestFilter = .any) -> ProxyFaultPlan {
        var plan = self
        plan.statusInjection = StatusInjection(status: status, code: code, count: count, filter: filter)
        return plan
    }

    public func resetAfterResponseBytes(_ bytes: Int, times: Int = 1) -> ProxyFaultPlan {
        var plan = self
        plan.reset = ResponseCut(afterBytes: bytes, times: times)
        return plan
    }

    public func stallAfterResponseBytes(_ bytes: Int, for duration: Duration, times: Int = 1) -> ProxyFaultPlan {
        var plan = self
        plan.stall = ResponseStall(afterBytes: bytes, duration: duration, times: times)
        return plan
    }

    public func withAddedLatency(_ oneWay: Duration) -> ProxyFaultPlan {
        var plan = self
        plan.addedLatency = oneWay
        return plan
    }

    public func slowingDownAbove(concurrentRequests limit: Int) -> ProxyFaultPlan {
        var plan = self
        plan.maxConcurrentRequests = limit
        return plan
    }

    public func withBandwidthLimit(bytesPerSecond: Int) -> ProxyFaultPlan {
        var plan = self
        plan.bandwidthLimit = bytesPerSecond
        return plan
    }
}

extension ProxyFaultPlan.StatusInjection {
    /// The whole injected response. Shaped like S3's own errors (an `<Error>` document with Code,
    /// Message, Resource, RequestId) so the client's error parsing is exercised too. Content-Length
    /// is always set and the connection stays open, as S3 does for 503 SlowDown.
    func response(method: String, target: String, requestID: Int) -> [UInt8] {
        let body = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Error><Code>\(xmlEscaped(code))</Code><Message>Injected by HTTPFaultProxy</Message>\
            <Resource>\(xmlEscaped(target))</Resource><RequestId>proxy-\(requestID)</RequestId></Error>

            """
        let bodyBytes = Array(body.utf8)
        let head = "HTTP/1.1 \(status) \(reasonPhrase(status))\r\n"
            + "Content-Type: application/xml\r\n"
            + "Content-Length: \(bodyBytes.count)\r\n"
            + "x-amz-request-id: proxy-\(requestID)\r\n"
            + "\r\n"
        // A response to HEAD keeps its Content-Length but carries no body (RFC 9110 §9.3.2).
        return Array(head.utf8) + (method == "HEAD" ? [] : bodyBytes)
    }

    private func xmlEscaped(_ text: String) -> String {
        text.replacingAll("&", "&amp;").replacingAll("<", "&lt;").replacingAll(">", "&gt;")
    }

    private func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 400: "Bad Request"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 409: "Conflict"
        case 416: "Requested Range Not Satisfiable"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Slow Down"
        case 504: "Gateway Timeout"
        default: "Injected"
        }
    }
}

extension String {
    /// Foundation-free replacement; TestSupport's value types stay importable without Foundation.
    func replacingAll(_ target: String, _ replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}

/// The faults one exchange gets, decided when its request head is read.
struct ExchangeFaults: Sendable {
    var injection: ProxyFaultPlan.StatusInjection?
    var resetAfterBytes: Int?
    var stall: (afterBytes: Int, duration: Duration)?
}

/// What is left of a plan's counted faults: the plan is a value, the proxy spends it here.
final class ProxyFaultBudget: Sendable {
    private let plan: ProxyFaultPlan
    private let remaining: Mutex<(injections: Int, resets: Int, stalls: Int)>
    private let inFlight = Mutex(0)

    static let slowDown = ProxyFaultPlan.StatusInjection(status: 503, code: "SlowDown", count: 1, filter: .any)

    /// Whether a new request may go upstream under `maxConcurrentRequests`; each admitted one
    /// is ended by `finished()`.
    func admit() -> Bool {
        inFlight.withLock { count in
            if let limit = plan.maxConcurrentRequests, count >= limit { return false }
            count += 1
            return true
        }
    }

    func finished() {
        inFlight.withLock { $0 = max(0, $0 - 1) }
    }

    init(_ plan: ProxyFaultPlan) {
        self.plan = plan
        remaining = Mutex((plan.statusInjection?.count ?? 0, plan.reset?.times ?? 0, plan.stall?.times ?? 0))
    }

    func faults(method: String, path: some StringProtocol) -> ExchangeFaults {
        remaining.withLock { left in
            var faults = ExchangeFaults()
            if let injection = plan.statusInjection, left.injections > 0,
               injection.filter.matches(method: method, path: path) {
                left.injections -= 1
                faults.injection = injection
                return faults  // answered by the proxy: there is no upstream response to cut or stall
            }
            guard method == "GET" else { return faults }
            if let reset = plan.reset, left.resets > 0 {
                left.resets -= 1
                faults.resetAfterBytes = reset.afterBytes
            }
            if let stall = plan.stall, left.stalls > 0 {
                left.stalls -= 1
                faults.stall = (stall.afterBytes, stall.duration)
            }
            return faults
        }
    }
}
