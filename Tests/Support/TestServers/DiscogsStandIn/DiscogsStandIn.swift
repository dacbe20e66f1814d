import Glibc

/// A stand-in for api.discogs.com on 127.0.0.1, for tests and the demo (the real API is not
/// reachable from the build machines). It serves `DiscogsFixtureCatalog` in Discogs' JSON shapes and
/// behaves as Discogs documents: User-Agent required, personal token checked, a moving-window
/// rate limit with the X-Discogs-Ratelimit headers and 429s, Discogs' error bodies. Failure modes
/// (500s, slow and malformed answers) test a client's error paths. Every request is logged.
public final class DiscogsStandIn: Sendable {
    public let port: Int
    private let core: DiscogsStandInCore
    private let listener: LoopbackListener

    public init(_ configuration: DiscogsStandInConfiguration = DiscogsStandInConfiguration(),
                catalog: DiscogsFixtureCatalog = .standard) throws(DiscogsStandInError) {
        let core = try DiscogsStandInCore(configuration: configuration, catalog: catalog)
        self.core = core
        do {
            listener = try LoopbackListener(port: configuration.port) { fd, wake in
                Self.serve(fd: fd, wake: wake, core: core)
            }
        } catch {
            throw .cannotListen(error)
        }
        port = listener.port
    }

    /// "http://127.0.0.1:PORT", the base URL a client under test is pointed at.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Every request so far, in arrival order.
    public var requestLog: [DiscogsLoggedRequest] { core.log.all }

    /// Changes the limits from the next request on; requests already in the window still count,
    /// so lowering the limit below the window's count refuses until enough of them age out.
    public func setLimit(_ authenticated: Int, unauthenticated: Int? = nil) {
        core.state.withLock { state in
            state.authenticatedLimit = authenticated
            if let unauthenticated { state.unauthenticatedLimit = unauthenticated }
        }
    }

    /// Applies `mode` to the next `count` admitted requests (nil: until changed).
    public func setFailureMode(_ mode: DiscogsFailureMode, count: Int? = nil) {
        core.state.withLock { $0.failure = DiscogsFailurePlan(mode: mode, remaining: count) }
    }

    public func stop() { listener.stop() }

    deinit { listener.stop() }

    /// One connection: keep-alive, requests answered in order, bodies read and ignored.
    private static func serve(fd: Int32, wake: WakeSignal, core: DiscogsStandInCore) {
        HTTPRequestLoop.serve(fd: fd, wake: wake) { exchange in
            let head = exchange.head
            try exchange.dropBody()
            let pause = { (delay: Duration) in wake.sleep(until: .now + delay) }
            guard let response = core.respond(to: head, pause: pause) else { return false }
            let closing = exchange.clientCloses
            if let interval = response.trickleInterval, head.method != "HEAD" {
                // A byte at a time until the client gives up (the send fails) or the server stops.
                try LoopbackSocket.sendAll(fd, response.encodedHead(closing: true), wake: wake)
                for byte in response.body {
                    guard wake.sleep(until: .now + interval) else { return false }
                    try LoopbackSocket.sendAll(fd, [byte], wake: wake)
                }
                return false
            }
            try LoopbackSocket.sendAll(fd, response.encoded(method: head.method, closing: closing), wake: wake)
            return !closing
        }
    }
}
