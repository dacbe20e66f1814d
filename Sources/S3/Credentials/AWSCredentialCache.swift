// One fetch serves every request until the credentials near their expiry (botocore's
// RefreshableCredentials: an "advisory" window in which a refresh is attempted but the old
// credentials still serve, and a "mandatory" window in which requests wait for new ones).
// Here the advisory refresh runs on a thread of its own, so playback never waits on STS; only
// when credentials are about to lapse (mandatory window) does a request wait for the fetch.

import Foundation

/// When to refresh temporary credentials, relative to their expiry. The one home of these tunables.
public struct AWSCredentialRefreshTiming: Sendable, Equatable {
    /// Seconds before expiry from which a background refresh starts (botocore: 15 min for
    /// refreshable credentials; 5 min here, so 15-minute role sessions serve 10 min per fetch).
    public var backgroundRefreshBefore: Double = 5 * 60
    /// Seconds before expiry from which requests wait for fresh credentials (botocore: 10 min).
    public var mandatoryRefreshBefore: Double = 60
    /// Seconds between background attempts while the source keeps failing.
    public var retryFailedRefreshAfter: Double = 30

    public init(backgroundRefreshBefore: Double = 5 * 60, mandatoryRefreshBefore: Double = 60,
                retryFailedRefreshAfter: Double = 30) {
        self.backgroundRefreshBefore = backgroundRefreshBefore
        self.mandatoryRefreshBefore = mandatoryRefreshBefore
        self.retryFailedRefreshAfter = retryFailedRefreshAfter
    }
}

/// Holds the current credentials of one provider and refreshes them before they expire.
public final class AWSCredentialCache: @unchecked Sendable {
    public let provider: AWSCredentialProvider
    private let timing: AWSCredentialRefreshTiming
    private let now: @Sendable () -> Date
    private let state = NSLock()
    private var held: AWSExpiringCredentials
    private var backgroundRefreshRunning = false
    /// A failed background refresh is not retried for `retryFailedRefreshAfter` seconds, so a
    /// source that is down is not asked once per request.
    private var lastFailedRefresh: Date?
    private var fetches = 1
    /// Serializes fetches so concurrent requests in the mandatory window trigger one, not many.
    private let fetching = NSLock()

    /// Fetches once now: a source that cannot deliver fails at startup, with its own error.
    public init(provider: AWSCredentialProvider, timing: AWSCredentialRefreshTiming = AWSCredentialRefreshTiming(),
                now: @escaping @Sendable () -> Date = { Date() }) throws(AWSCredentialError) {
        self.provider = provider
        self.timing = timing
        self.now = now
        held = try provider.fetch()
    }

    /// How many times the provider was asked (the first fetch included), for tests and traces.
    public var fetchCount: Int { state.withLock { fetches } }

    /// The credentials to sign the next request with.
    public func credentials() throws(AWSCredentialError) -> AWSCredentials {
        state.lock()
        let current = held
        guard let expiration = current.expiration else { state.unlock(); return current.credentials }
        let remaining = expiration.timeIntervalSince(now())
        if remaining > timing.backgroundRefreshBefore {
            state.unlock()
            return current.credentials
        }
        if remaining > timing.mandatoryRefreshBefore {
            let clock = now()
            let start = !backgroundRefreshRunning
                && lastFailedRefresh.map { clock.timeIntervalSince($0) >= timing.retryFailedRefreshAfter } ?? true
            if start { backgroundRefreshRunning = true }
            state.unlock()
            if start { startBackgroundRefresh() }
            return current.credentials
        }
        state.unlock()
        return try refreshNow(stillValid: remaining > 0 ? current.credentials : nil)
    }

    private func startBackgroundRefresh() {
        // The thread ends after one fetch; it holds the cache only that long.
        let thread = Thread { [self] in
            let failed = (try? refreshNow(stillValid: nil)) == nil
            let clock = now()
            state.withLock {
                backgroundRefreshRunning = false
                lastFailedRefresh = failed ? clock : nil
            }
        }
        thread.name = "s3play.credentials"
        thread.start()
    }

    /// Fetches unless another caller just did; a failed fetch falls back to credentials that
    /// have not expired yet (botocore does the same in the advisory window).
    private func refreshNow(stillValid: AWSCredentials?) throws(AWSCredentialError) -> AWSCredentials {
        fetching.lock()
        defer { fetching.unlock() }
        let before = state.withLock { held }
        if let expiration = before.expiration,
           expiration.timeIntervalSince(now()) > timing.backgroundRefreshBefore {
            return before.credentials  // refreshed while this caller waited for the lock
        }
        do {
            let fresh = try provider.fetch()
            state.withLock {
                held = fresh
                fetches += 1
            }
            return fresh.credentials
        } catch {
            state.withLock { fetches += 1 }
            if let stillValid { return stillValid }
            throw error
        }
    }
}
