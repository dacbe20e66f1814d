/// An HTTP/1.1-aware TCP proxy on 127.0.0.1 that sits between our S3 client and a real S3 server
/// in tests and benchmarks, injecting the faults and latency of `ProxyFaultPlan` and counting what
/// passes in `log`.
///
/// HTTP-aware rather than a byte pipe because faults and counts are per request: on a keep-alive
/// connection each request head is parsed and its body forwarded, then the response head is
/// parsed and its body forwarded (by Content-Length or chunked; none for HEAD, 1xx, 204, 304), so
/// every request is counted and can be faulted on its own. Pipelined requests keep their order.
///
/// Each accepted connection gets a thread per direction (see ProxiedConnection); the upstream
/// connection is opened on the first request the proxy does not answer itself.
public final class HTTPFaultProxy: Sendable {
    /// The port the proxy listens on, on 127.0.0.1.
    public let port: Int
    public let upstreamPort: Int
    public let plan: ProxyFaultPlan
    public let log: ProxyTrafficLog
    private let listener: LoopbackListener

    /// - Parameters:
    ///   - upstreamPort: the server on 127.0.0.1 to forward to.
    ///   - listenPort: 0 lets the kernel choose a free port (see `port`).
    public init(upstreamPort: Int, plan: ProxyFaultPlan = ProxyFaultPlan(), listenPort: Int = 0) throws {
        let log = ProxyTrafficLog()
        let context = ProxyContext(upstreamPort: upstreamPort, budget: ProxyFaultBudget(plan), log: log,
                                   latency: plan.addedLatency,
                                   pacer: plan.bandwidthLimit.map { BandwidthPacer(bytesPerSecond: $0) })
        listener = try LoopbackListener(port: listenPort) { fd, wake in
            log.connectionAccepted()
            ProxiedConnection(client: fd, wake: wake, context: context).run()
        }
        port = listener.port
        self.upstreamPort = upstreamPort
        self.plan = plan
        self.log = log
    }

    /// Stops accepting, ends every open connection and waits (at most a few seconds) for them to
    /// close. Idempotent.
    public func stop() {
        listener.stop()
    }

    deinit {
        listener.stop()
    }
}
