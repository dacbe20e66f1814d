// retry_mode = adaptive: the AWS SDKs' client-side rate limiter (AWS SDKs and Tools reference
// guide, "Retry behavior", adaptive mode; botocore/retries/adaptive.py, bucket.py, standard.py).
// A token bucket every request takes a token from; it is off until the first throttling answer.
// Each answer measures the client's send rate (requests per half-second bucket, smoothed 0.8);
// a throttling answer cuts the bucket's fill rate to 0.7 × the rate at the time (CUBIC's beta),
// and successes grow it back along the CUBIC curve 0.4 × (t − K)³ + Wmax, K = ∛(Wmax × 0.3 / 0.4),
// never above twice the measured rate. The fill rate never drops below 0.5 requests per second.
// Pure arithmetic on an injected clock: the tests drive it with a stepping clock.

import Foundation

public final class S3AdaptiveRateLimiter: @unchecked Sendable {
    /// botocore's constants: minimum fill rate (requests/s), CUBIC scale and beta, rate smoothing,
    /// the measuring bucket's width (s).
    static let minimumFillRate = 0.5
    static let scale = 0.4
    static let beta = 0.7
    static let smoothing = 0.8
    static let measuringBucket = 0.5

    private let lock = NSLock()
    private let now: @Sendable () -> Double
    private let sleep: @Sendable (Double) -> Void

    /// Off until the first throttling answer: until then requests are not held back at all.
    public private(set) var isEnabled = false
    // Token bucket.
    private var fillRate = 0.5
    private var capacity = 0.0
    private var maxCapacity = 1.0
    private var lastRefill: Double?
    // CUBIC.
    private var lastMaxRate = 0.5
    private var lastThrottle: Double
    private var zeroPoint: Double
    // Measured send rate.
    private var measuredRate = 0.0
    private var lastMeasuredBucket: Double
    private var requestsInBucket = 0.0

    /// `now`: seconds on any monotonic scale; `sleep`: waits that many seconds (advances the clock in tests).
    public init(now: @escaping @Sendable () -> Double, sleep: @escaping @Sendable (Double) -> Void) {
        self.now = now
        self.sleep = sleep
        let start = now()
        lastThrottle = start
        lastMeasuredBucket = (start).rounded(.down)
        zeroPoint = Self.zeroPoint(maxRate: 0.5)
    }

    /// The bucket's current fill rate in requests per second (for tests and diagnostics).
    public var currentFillRate: Double { lock.withLock { fillRate } }

    /// Called before each request: takes a token, sleeping until one is there once enabled.
    /// After the wait the token is taken whatever the refill computes: re-checking in a loop (as
    /// botocore does) can spin forever when the wait is too small to move a clock that reads 1.7e9
    /// seconds. Threads that wait together each take theirs; the capacity then goes below zero
    /// and the next request waits for the debt too, so the rate holds.
    public func acquireToken() {
        let wait: Double = lock.withLock {
            guard isEnabled else { return 0 }
            refill()
            if capacity >= 1 {
                capacity -= 1
                return 0
            }
            return (1 - capacity) / fillRate
        }
        guard wait > 0 else { return }
        sleep(wait)
        lock.withLock {
            refill()
            capacity -= 1
        }
    }

    /// Called with each answer (or transport failure): throttling slows the bucket, success speeds it up.
    public func record(throttled: Bool) {
        lock.withLock {
            let rate = measure()
            let time = now()
            let newRate: Double
            if throttled {
                let rateToUse = isEnabled ? min(rate, fillRate) : rate
                lastMaxRate = rateToUse
                zeroPoint = Self.zeroPoint(maxRate: rateToUse)
                lastThrottle = time
                newRate = rateToUse * Self.beta
                isEnabled = true
            } else {
                let elapsed = time - lastThrottle
                newRate = Self.scale * pow(elapsed - zeroPoint, 3) + lastMaxRate
            }
            setMaxRate(min(newRate, 2 * rate))
        }
    }

    // MARK: under the lock

    private static func zeroPoint(maxRate: Double) -> Double {
        cbrt(maxRate * (1 - beta) / scale)
    }

    private func setMaxRate(_ rate: Double) {
        refill()
        fillRate = max(rate, Self.minimumFillRate)
        maxCapacity = max(rate, 1)
        capacity = min(capacity, maxCapacity)
    }

    private func refill() {
        let time = now()
        guard let last = lastRefill else {
            lastRefill = time
            return
        }
        capacity = min(maxCapacity, capacity + (time - last) * fillRate)
        lastRefill = time
    }

    /// Requests per second over the last half-second buckets, exponentially smoothed.
    private func measure() -> Double {
        let time = now()
        let bucket = (time / Self.measuringBucket).rounded(.down) * Self.measuringBucket
        requestsInBucket += 1
        if bucket > lastMeasuredBucket {
            let current = requestsInBucket / (bucket - lastMeasuredBucket)
            measuredRate = current * Self.smoothing + measuredRate * (1 - Self.smoothing)
            requestsInBucket = 0
            lastMeasuredBucket = bucket
        }
        return measuredRate
    }
}
