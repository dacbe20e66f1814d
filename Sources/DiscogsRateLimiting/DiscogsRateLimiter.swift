import Foundation

/// Paces Discogs requests so the server's 429 ("You are making requests too quickly.") stays rare:
/// a ceiling per moving window (Discogs: 60/min authenticated, 25/min without, over a 60 s moving
/// window), foreground before prefetch, the server's rate-limit headers and 429s followed, and the
/// window kept on disk across restarts.
///
/// Callers are threads: `acquire` blocks the calling thread.
public final class DiscogsRateLimiter: @unchecked Sendable {
    private let condition = NSCondition()
    private let clock: any RateLimiterClock
    /// nil: the window is this process's alone (nothing loaded, nothing saved).
    private let store: (any RequestTimeStore)?
    private let onNotice: @Sendable (String) -> Void
    // Guarded by `condition`.
    private var state: RateLimitState
    private var prefetchGeneration = 0

    /// Loads the stored window, dropping times older than the window. A stored file that cannot be
    /// read is ignored and reported through `onNotice` as one line; so are failed saves.
    public init(configuration: DiscogsRateLimitConfiguration = .authenticated,
                clock: any RateLimiterClock = SystemRateLimiterClock(),
                store: (any RequestTimeStore)? = nil,
                onNotice: @escaping @Sendable (String) -> Void = { _ in }) {
        self.clock = clock
        self.store = store
        self.onNotice = onNotice
        let loaded = store?.loadRequestTimes() ?? StoredRequestTimes(times: [])
        if let notice = loaded.notice { onNotice(notice) }
        let now = clock.now
        // A time in the future (wall clock set back) counts as now: conservative, never lost.
        var state = RateLimitState(configuration: configuration, times: loaded.times.map { min($0, now) })
        _ = state.decide(.foreground, now: now)  // prunes
        self.state = state
    }

    /// The limiter's clock: what `acquire`'s deadline and a `Retry-After` date are measured on.
    public var now: Double { clock.now }

    /// Blocks until a request of this priority may be sent, records it, and returns its time.
    /// Only a waiting `.prefetch` can come back `.cancelled`. With a `deadline`, a wait that would
    /// end after it returns `.notBefore` at once; `onWait` hears of each wait before it starts
    /// (seconds to go), so a foreground caller can say so instead of going silent. It is called
    /// with the limiter locked: it must not call back into the limiter.
    @discardableResult
    public func acquire(priority: RequestPriority = .foreground, deadline: Double? = nil,
                        onWait: ((Double) -> Void)? = nil) -> RateLimitGrant {
        condition.lock()
        defer { condition.unlock() }
        let generation = prefetchGeneration
        if priority == .foreground { state.foregroundWaiting += 1 }
        defer {
            if priority == .foreground {
                state.foregroundWaiting -= 1
                // A prefetch may have been holding back for this caller.
                condition.broadcast()
            }
        }
        while true {
            if priority == .prefetch && generation != prefetchGeneration { return .cancelled }
            let now = clock.now
            switch state.decide(priority, now: now) {
            case .send:
                state.record(now)
                save()
                return .granted(at: now)
            case .wait(let until):
                if let deadline, let until, until > deadline { return .notBefore(until) }
                if let until, let onWait, until > now { onWait(until - now) }
                clock.wait(on: condition, until: until)
            }
        }
    }

    /// Cancels every prefetch waiting now (the user moved on); they return `.cancelled` promptly.
    public func cancelPrefetch() {
        condition.lock()
        prefetchGeneration += 1
        condition.broadcast()
        condition.unlock()
    }

    /// Feed every Discogs response's headers here.
    public func observe(headers: [String: String]) {
        observe(DiscogsRateLimitHeaders(headers: headers))
    }

    public func observe(_ headers: DiscogsRateLimitHeaders) {
        condition.lock()
        if state.observe(headers, now: clock.now) { save() }
        condition.broadcast()
        condition.unlock()
    }

    /// After an HTTP 429: no request is granted before `retryAfter` seconds (the `Retry-After`
    /// header, at most `maxRetryAfter`), or without it before the window has been quiet for a full
    /// window length. The caller then acquires again and retries.
    public func observe429(retryAfter: Double?) {
        condition.lock()
        state.observe429(retryAfter: retryAfter, now: clock.now)
        condition.broadcast()
        condition.unlock()
    }

    /// The ceiling in force now (configured, or lower when the server says so).
    public var effectiveCeiling: Int {
        condition.lock(); defer { condition.unlock() }
        return state.effectiveCeiling
    }

    /// The request times in the current window, oldest first (for a status line or tests).
    public var requestTimesInWindow: [Double] {
        condition.lock(); defer { condition.unlock() }
        var window = state.window
        window.prune(now: clock.now)
        return window.times
    }

    /// Called with `condition` locked, so saves happen in request order.
    private func save() {
        do {
            try store?.saveRequestTimes(state.window.times)
        } catch {
            onNotice("Could not save Discogs request times: \(error.localizedDescription)")
        }
    }
}
