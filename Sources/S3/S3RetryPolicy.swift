// When and how long to wait before repeating a failed S3 request: the AWS SDKs' "standard" retry
// mode. Numbers from the AWS SDKs and Tools reference guide, "Retry behavior"
// (docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html): 3 attempts in all; the
// wait before retry i is min(b * r^i, MAX_BACKOFF) with b random in [0, 1], r = 2 and
// MAX_BACKOFF = 20 s. With the 1 s base the SDKs use (AWS SDK for Java 2.x StandardRetryStrategy:
// "base delay of 1 second and max delay of 20 seconds"; Rust RetryConfig::standard: "the first
// retry will occur after 0 to 1 seconds, the second after 0 to 2 seconds") that is full jitter,
// random * min(20, 1 * 2^(i-1)).
// The standard mode's retry quota (a token bucket shared per client) is left out: one listener's
// player makes a handful of concurrent requests, and the attempt bound already caps the load.

/// Standard-mode retries: bounded attempts, capped exponential backoff with full jitter.
public struct S3RetryPolicy: Sendable {
    /// Attempts in all, the first one included (so 3 means at most 2 retries).
    public var maxAttempts: Int
    /// Seconds; the cap on the first retry's wait, doubled for each later retry.
    public var baseDelay: Double
    /// Seconds; no wait is longer than this.
    public var maxBackoff: Double
    private let random: @Sendable () -> Double

    /// `random` returns a number in [0, 1); inject a constant in tests.
    public init(maxAttempts: Int = 3, baseDelay: Double = 1, maxBackoff: Double = 20,
                random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxBackoff = maxBackoff
        self.random = random
    }

    /// The policy AWS_MAX_ATTEMPTS / AWS_RETRY_MODE ask for. Legacy mode (botocore's
    /// `base * 2^(attempt-1)`, base random in [0, 1)) has no cap; adaptive mode's client-side
    /// rate limiter is not implemented, so it waits as standard mode does.
    public init(settings: S3RetrySettings) {
        self.init(maxAttempts: settings.maxAttempts, maxBackoff: settings.mode == .legacy ? .infinity : 20)
    }

    /// Seconds to wait before retry number `retry` (1 for the first retry).
    public func delayBeforeRetry(_ retry: Int) -> Double {
        // 2^(retry-1) overflows nothing: Double saturates to infinity and min() caps it.
        let ceiling = min(maxBackoff, baseDelay * Double.pow2(max(retry - 1, 0)))
        let jitter = min(max(random(), 0), 1)
        return jitter * max(ceiling, 0)
    }

    /// Whether to try again after `error`, given that `attempt` attempts have been made so far.
    public func shouldRetry(_ error: S3Error, attempt: Int) -> Bool {
        error.isRetryable && attempt < maxAttempts
    }
}

private extension Double {
    /// 2^n without Foundation's pow.
    static func pow2(_ n: Int) -> Double {
        n >= 1024 ? .infinity : Double(sign: .plus, exponent: n, significand: 1)
    }
}
