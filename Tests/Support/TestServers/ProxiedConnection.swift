import Dispatch
import Foundation
import Glibc
import Synchronization

/// What every connection of one proxy shares.
struct ProxyContext: Sendable {
    var upstreamPort: Int
    var budget: ProxyFaultBudget
    var log: ProxyTrafficLog
    var latency: Duration
    var pacer: BandwidthPacer?
}

/// One client connection. A request pump (client → upstream) runs on its own thread and the
/// response pump (upstream → client) on the connection's thread; a FIFO of exchanges between them
/// keeps responses in request order even when the proxy answers some requests itself, and lets an
/// upstream "100 Continue" reach the client while the request body is still on its way.
final class ProxiedConnection: Sendable {
    private let client: Int32
    private let context: ProxyContext
    private let wake: WakeSignal
    private let threads = DispatchGroup()
    private let clientSink: any ByteSink
    private let exchanges: ExchangeQueue
    private let resetRequested = ResetRequest()
    private let upstream = Mutex<UpstreamLink?>(nil)

    init(client: Int32, wake: WakeSignal, context: ProxyContext) {
        self.client = client
        self.wake = wake
        self.context = context
        exchanges = ExchangeQueue(wake: wake)
        clientSink = makeSink(fd: client, latency: context.latency, wake: wake, threads: threads,
                              onReset: { [resetRequested] in resetRequested.request() })
    }

    /// Serves the connection until either side ends it, then closes both sockets.
    func run() {
        threads.enter()
        Thread.detachNewThread { [self] in
            defer { threads.leave() }
            pumpRequests()
        }
        pumpResponses()
        clientSink.finish()  // with added latency, the last response may still be in the line
        wake.fire()
        threads.wait()
        if let link = upstream.withLock({ $0 }) { close(link.input.fd) }
        if resetRequested.isRequested {
            LoopbackSocket.closeWithReset(client)
        } else {
            close(client)
        }
    }

    // MARK: Client → upstream

    private func pumpRequests() {
        defer { exchanges.push(.clientDone) }
        let input = SocketInputBuffer(fd: client, wake: wake)
        do {
            while let headBytes = try input.readHead() {
                // A malformed request ends the connection: curl and the S3 SDKs never send one.
                let head = try HTTPRequestHead(parsing: headBytes)
                let framing = try HTTPBodyFraming.forRequest(head)
                let record = context.log.requestStarted(method: head.method, target: head.target,
                                                        range: head.headers["Range"])
                var faults = context.budget.faults(method: head.method, path: head.path)
                if faults.injection == nil, !context.budget.admit() { faults.injection = ProxyFaultBudget.slowDown }
                if let injection = faults.injection {
                    context.log.faultApplied(record, .injectedStatus)
                    let response = injection.response(method: head.method, target: head.target, requestID: record + 1)
                    exchanges.push(.answered(response, status: injection.status, record: record))
                    // A client waiting for "100 Continue" will not send its body; end after the answer.
                    if head.headers.tokens("Expect").contains("100-continue") { return }
                    try input.forwardBody(framing) { _ in }  // read and dropped: upstream never sees it
                    continue
                }
                let link: UpstreamLink
                do {
                    link = try upstreamLink()
                } catch {
                    context.budget.finished()
                    let refusal = ProxyFaultPlan.StatusInjection(status: 502, code: "BadGateway", count: 1, filter: .any)
                    exchanges.push(.answered(refusal.response(method: head.method, target: head.target, requestID: record + 1),
                                             status: 502, record: record))
                    return
                }
                // Queued before the head goes up, so the response pump is already waiting for
                // the answer (which may be an interim 100 the client needs before its body).
                exchanges.push(.forwarded(link, method: head.method, record: record, faults: faults))
                try link.sink.send(headBytes)
                try input.forwardBody(framing) { try link.sink.send($0) }
            }
        } catch {
            // The client vanished or the connection was interrupted; the response pump ends it.
        }
    }

    /// Connected on first use, so requests the proxy answers itself never reach upstream.
    private func upstreamLink() throws -> UpstreamLink {
        if let link = upstream.withLock({ $0 }) { return link }
        let fd = try LoopbackSocket.connect(port: context.upstreamPort)
        let link = UpstreamLink(input: SocketInputBuffer(fd: fd, wake: wake),
                                sink: makeSink(fd: fd, latency: context.latency, wake: wake, threads: threads,
                                               onReset: {}))
        upstream.withLock { $0 = link }
        return link
    }

    // MARK: Upstream → client

    private func pumpResponses() {
        while let exchange = exchanges.pop() {
            switch exchange {
            case .clientDone:
                return
            case .answered(let bytes, let status, let record):
                let headCount = endOfHead(in: bytes[...]) ?? bytes.count
                context.log.responseStarted(record, status: status)
                context.log.responseBytesSent(record, count: headCount, isBody: false)
                context.log.responseBytesSent(record, count: bytes.count - headCount, isBody: true)
                guard (try? clientSink.send(bytes)) != nil else { return }
            case .forwarded(let link, let method, let record, let faults):
                defer { context.budget.finished() }
                let forwarder = ResponseForwarder(sink: clientSink, log: context.log, record: record,
                                                  faults: faults, pacer: context.pacer, wake: wake)
                guard let keepAlive = try? forwardResponse(from: link, method: method, record: record,
                                                           through: forwarder),
                      keepAlive else { return }
            }
        }
    }

    /// Forwards interim heads, the final head and its body; returns whether the connection persists.
    private func forwardResponse(from link: UpstreamLink, method: String, record: Int,
                                 through forwarder: ResponseForwarder) throws -> Bool {
        var head: HTTPResponseHead
        repeat {
            guard let headBytes = try link.input.readHead() else { return false }  // upstream closed
            head = try HTTPResponseHead(parsing: headBytes)
            if !head.isInterim { context.log.responseStarted(record, status: head.status) }
            try forwarder.forward(headBytes, isBody: false)
        } while head.isInterim
        let framing = try HTTPBodyFraming.forResponse(head, requestMethod: method)
        try link.input.forwardBody(framing) { try forwarder.forward($0, isBody: true) }
        try forwarder.forward([], isBody: true)  // a reset or stall due exactly at the end
        // Mirror upstream: if it closes after this response, so does the proxy.
        return framing != .untilClose && head.keepsConnectionAlive
    }
}

/// The proxy's connection to upstream for one client connection.
final class UpstreamLink: @unchecked Sendable {
    /// Read only by the response pump.
    let input: SocketInputBuffer
    let sink: any ByteSink

    init(input: SocketInputBuffer, sink: any ByteSink) {
        self.input = input
        self.sink = sink
    }
}

private func makeSink(fd: Int32, latency: Duration, wake: WakeSignal, threads: DispatchGroup,
                      onReset: @escaping @Sendable () -> Void) -> any ByteSink {
    latency > .zero
        ? DelayLine(fd: fd, latency: latency, wake: wake, threads: threads, onReset: onReset)
        : DirectSink(fd: fd, wake: wake, onReset: onReset)
}

final class ResetRequest: Sendable {
    private let flag = Atomic<Bool>(false)
    func request() { flag.store(true, ordering: .sequentiallyConsistent) }
    var isRequested: Bool { flag.load(ordering: .sequentiallyConsistent) }
}

/// The FIFO between the two pumps of a connection.
final class ExchangeQueue: @unchecked Sendable {
    enum Exchange {
        case forwarded(UpstreamLink, method: String, record: Int, faults: ExchangeFaults)
        /// Answered by the proxy: an injected status, or 502 when upstream refused the connection.
        case answered([UInt8], status: Int, record: Int)
        case clientDone
    }

    private let condition = NSCondition()
    private let wake: WakeSignal
    private var items: [Exchange] = []

    init(wake: WakeSignal) {
        self.wake = wake
        wake.onFire { [condition] in
            condition.lock()
            condition.broadcast()
            condition.unlock()
        }
    }

    func push(_ exchange: Exchange) {
        condition.lock()
        items.append(exchange)
        condition.signal()
        condition.unlock()
    }

    /// Next exchange in request order; nil once the connection is interrupted.
    func pop() -> Exchange? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !wake.isFired { condition.wait() }
        return wake.isFired ? nil : items.removeFirst()
    }
}
