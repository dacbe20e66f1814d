import XCTest
@testable import S3

final class S3RetryPolicyTests: XCTestCase {
    func testDefaultsAreTheSDKStandardMode() {
        let policy = S3RetryPolicy()
        XCTAssertEqual(policy.maxAttempts, 3)
        XCTAssertEqual(policy.baseDelay, 1)
        XCTAssertEqual(policy.maxBackoff, 20)
    }

    func testDelayDoublesFromTheBaseAndIsCappedAtMaxBackoff() {
        let half = S3RetryPolicy(random: { 0.5 })
        XCTAssertEqual((1...7).map(half.delayBeforeRetry), [0.5, 1, 2, 4, 8, 10, 10])
        let full = S3RetryPolicy(random: { 1 })
        XCTAssertEqual((1...7).map(full.delayBeforeRetry), [1, 2, 4, 8, 16, 20, 20])
        let none = S3RetryPolicy(random: { 0 })
        XCTAssertEqual((1...3).map(none.delayBeforeRetry), [0, 0, 0])
    }

    func testDelayUsesTheConfiguredBaseAndCap() {
        let policy = S3RetryPolicy(maxAttempts: 5, baseDelay: 0.25, maxBackoff: 1.5, random: { 0.5 })
        XCTAssertEqual((1...5).map(policy.delayBeforeRetry), [0.125, 0.25, 0.5, 0.75, 0.75])
    }

    func testDelayStaysCappedForAbsurdRetryNumbersAndOutOfRangeRandoms() {
        XCTAssertEqual(S3RetryPolicy(random: { 0.25 }).delayBeforeRetry(5000), 5)
        XCTAssertEqual(S3RetryPolicy(random: { 7 }).delayBeforeRetry(2), 2)
        XCTAssertEqual(S3RetryPolicy(random: { -1 }).delayBeforeRetry(2), 0)
        XCTAssertEqual(S3RetryPolicy(random: { 0.5 }).delayBeforeRetry(0), 0.5)
    }

    func testRetriesTransientErrorsUntilMaxAttemptsAreMade() {
        let policy = S3RetryPolicy()
        let slowDown = S3Error.throttled(code: "SlowDown")
        XCTAssertEqual((1...4).map { policy.shouldRetry(slowDown, attempt: $0) }, [true, true, false, false])
        let reset = S3Error.network(endpoint: "https://s3.amazonaws.com", reason: "Connection reset by peer")
        XCTAssertEqual((1...3).map { policy.shouldRetry(reset, attempt: $0) }, [true, true, false])
    }

    func testNeverRetriesClientErrors() {
        let policy = S3RetryPolicy(maxAttempts: 10)
        XCTAssertFalse(policy.shouldRetry(.noSuchKey(bucket: "b", key: "k"), attempt: 1))
        XCTAssertFalse(policy.shouldRetry(.invalidCredentials(code: "SignatureDoesNotMatch"), attempt: 1))
        XCTAssertFalse(policy.shouldRetry(.unexpected(status: 400, code: "InvalidArgument", message: nil), attempt: 1))
    }

    func testMaxAttemptsOfOneDisablesRetries() {
        let policy = S3RetryPolicy(maxAttempts: 1)
        XCTAssertFalse(policy.shouldRetry(.serverError(status: 503, code: nil), attempt: 1))
    }

    func testAPersistentlyThrottledRequestIsSentThreeTimesAndWaitsTwice() {
        let policy = S3RetryPolicy(random: { 0.5 })
        var attempts = 0
        var waits: [Double] = []
        while true {
            attempts += 1
            let error = S3Error.throttled(code: "SlowDown")  // every attempt fails the same way
            guard policy.shouldRetry(error, attempt: attempts) else { break }
            waits.append(policy.delayBeforeRetry(attempts))
        }
        XCTAssertEqual(attempts, 3)
        XCTAssertEqual(waits, [0.5, 1])
    }
}
