import Synchronization

/// The stand-in without sockets: takes a request head, applies Discogs' checks in Discogs' order
/// (User-Agent, rate window, token, then the resource) and the failure mode, logs, and returns the
/// response. Shared by every connection thread; all mutable state sits behind one lock.
final class DiscogsStandInCore: Sendable {
    struct State {
        var window: DiscogsRateWindow
        var authenticatedLimit: Int
        var unauthenticatedLimit: Int
        var failure: DiscogsFailurePlan
    }

    let configuration: DiscogsStandInConfiguration
    let catalog: DiscogsFixtureCatalog
    let log: DiscogsRequestLog
    let state: Mutex<State>

    init(configuration: DiscogsStandInConfiguration, catalog: DiscogsFixtureCatalog) throws(DiscogsStandInError) {
        self.configuration = configuration
        self.catalog = catalog
        log = try DiscogsRequestLog(path: configuration.logPath)
        state = Mutex(State(window: DiscogsRateWindow(length: configuration.window),
                            authenticatedLimit: configuration.authenticatedLimit,
                            unauthenticatedLimit: configuration.unauthenticatedLimit,
                            failure: DiscogsFailurePlan(mode: configuration.failureMode,
                                                        remaining: configuration.failureCount)))
    }

    /// `pause` sleeps for the slow mode and returns false if the server stopped meanwhile.
    func respond(to head: HTTPRequestHead, pause: (Duration) -> Bool) -> DiscogsStandInResponse? {
        let now = configuration.clock.now()
        let response = decide(head, at: now, pause: pause)
        log.append(DiscogsLoggedRequest(time: now, method: head.method, target: head.target,
                                        status: response?.status ?? 0))
        return response
    }

    private func decide(_ head: HTTPRequestHead, at now: Duration,
                        pause: (Duration) -> Bool) -> DiscogsStandInResponse? {
        // Discogs: no User-Agent gets an empty response, before any other check.
        guard let agent = head.headers["User-Agent"], !agent.isEmpty else {
            return DiscogsStandInResponse(status: configuration.missingUserAgentStatus)
        }
        let target = DiscogsRequestTarget(head.target)
        let credential = DiscogsCredential(head: head, target: target, required: configuration.token)

        let (decision, failure) = state.withLock { state in
            let limit = credential == .valid ? state.authenticatedLimit : state.unauthenticatedLimit
            let decision = state.window.admit(at: now, limit: limit)
            return (decision, decision.admitted && credential != .invalid ? state.failure.next() : .none)
        }
        var rateHeaders: [(name: String, value: String)] = [
            ("X-Discogs-Ratelimit", String(decision.limit)),
            ("X-Discogs-Ratelimit-Used", String(decision.used)),
            ("X-Discogs-Ratelimit-Remaining", String(decision.remaining)),
        ]
        guard decision.admitted else {
            if configuration.sendsRetryAfter, let wait = decision.retryAfter {
                // Whole seconds, rounded up, as RFC 9110 §10.2.3 requires.
                let seconds = Int((wait / .seconds(1)).rounded(.up))
                rateHeaders.append(("Retry-After", String(max(1, seconds))))
            }
            return .json(429, ["message": "You are making requests too quickly."], headers: rateHeaders)
        }
        guard credential != .invalid else {
            return .json(401, DiscogsRouter.mustAuthenticate.json, headers: rateHeaders)
        }
        guard head.method == "GET" || head.method == "HEAD" else {
            return .json(405, ["message": "Method not allowed."], headers: rateHeaders)
        }
        switch failure {
        case .serverError:
            return .json(500, ["message": "An internal server error occurred."], headers: rateHeaders)
        case .serverMessage(let message):
            return .json(500, ["message": message], headers: rateHeaders)
        case .tooManyRequests(let retryAfter):
            return .json(429, ["message": "You are making requests too quickly."],
                         headers: rateHeaders + (retryAfter.map { [("Retry-After", $0)] } ?? []))
        case .slow(let delay):
            guard pause(delay) else { return nil }
        case .none, .malformed, .trickle:
            break
        }
        let host = head.headers["Host"] ?? "127.0.0.1"
        let answer = DiscogsRouter(catalog: catalog, base: "http://\(host)")
            .answer(target, authenticated: credential == .valid)
        var response = DiscogsStandInResponse.json(answer.status, answer.json, headers: rateHeaders)
        if case .trickle(let interval) = failure { response.trickleInterval = interval }
        return failure == .malformed ? response.truncated() : response
    }
}
