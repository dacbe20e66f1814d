import Synchronization

/// One request that passed through (or was answered by) the proxy.
public struct ProxiedExchange: Sendable, Equatable {
    public enum Fault: Sendable, Equatable {
        /// Answered by the proxy itself; upstream never saw the request.
        case injectedStatus
        case reset
        case stall
    }

    public var method: String
    /// Path and query as the client sent them.
    public var target: String
    /// The Range header value, if any (the player's reads are ranged GETs).
    public var range: String?
    /// Final status sent to the client; nil if no response head got through.
    public var status: Int?
    /// Body bytes sent to the client, as on the wire (chunk framing included for chunked bodies).
    public var responseBodyBytes: Int
    public var faults: [Fault]
}

public struct ProxyTrafficSnapshot: Sendable, Equatable {
    public var requestsByMethod: [String: Int] = [:]
    /// In the order the proxy read the request heads.
    public var exchanges: [ProxiedExchange] = []
    /// Every response byte sent to clients, heads included, injected responses included.
    public var totalResponseBytes = 0
    public var connectionsAccepted = 0

    public var requestCount: Int { exchanges.count }
}

/// Counters a test or benchmark reads after the fact. Each is updated before the bytes it
/// describes are sent on, so once a client has its response the snapshot already accounts for it.
public final class ProxyTrafficLog: Sendable {
    private let state = Mutex(ProxyTrafficSnapshot())

    public init() {}

    public func snapshot() -> ProxyTrafficSnapshot { state.withLock { $0 } }

    func connectionAccepted() {
        state.withLock { $0.connectionsAccepted += 1 }
    }

    /// Returns the exchange's index for the updates below.
    func requestStarted(method: String, target: String, range: String?) -> Int {
        state.withLock { state in
            state.requestsByMethod[method, default: 0] += 1
            state.exchanges.append(ProxiedExchange(method: method, target: target, range: range, status: nil,
                                                   responseBodyBytes: 0, faults: []))
            return state.exchanges.count - 1
        }
    }

    func responseStarted(_ exchange: Int, status: Int) {
        state.withLock { $0.exchanges[exchange].status = status }
    }

    func responseBytesSent(_ exchange: Int, count: Int, isBody: Bool) {
        state.withLock { state in
            state.totalResponseBytes += count
            if isBody { state.exchanges[exchange].responseBodyBytes += count }
        }
    }

    func faultApplied(_ exchange: Int, _ fault: ProxiedExchange.Fault) {
        state.withLock { $0.exchanges[exchange].faults.append(fault) }
    }
}
