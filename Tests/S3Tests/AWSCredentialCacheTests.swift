import Foundation
import S3
import XCTest

/// A provider that hands out numbered 15-minute credentials and counts its fetches.
private final class CountingProvider: AWSCredentialProvider, @unchecked Sendable {
    let sourceDescription = "counting test source"
    private let lock = NSLock()
    private var count = 0
    private var failing = false
    let clock: ManualClock

    init(clock: ManualClock) { self.clock = clock }

    var fetches: Int { lock.withLock { count } }
    func setFailing(_ value: Bool) { lock.withLock { failing = value } }

    func fetch() throws(AWSCredentialError) -> AWSExpiringCredentials {
        let (number, fail) = lock.withLock { () -> (Int, Bool) in count += 1; return (count, failing) }
        if fail { throw AWSCredentialError(source: sourceDescription, reason: "STS is down") }
        return AWSExpiringCredentials(credentials: AWSCredentials(accessKeyID: "KEY\(number)", secretAccessKey: "secret\(number)",
                                                                  sessionToken: "token\(number)"),
                                      expiration: clock.now().addingTimeInterval(15 * 60))
    }
}

final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: 1_800_000_000)
    func now() -> Date { lock.withLock { current } }
    func advance(minutes: Double) { lock.withLock { current.addTimeInterval(minutes * 60) } }
}

final class AWSCredentialCacheTests: XCTestCase {
    private func waitForFetches(_ provider: CountingProvider, _ count: Int) {
        let deadline = Date().addingTimeInterval(10)
        while provider.fetches < count && Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
        XCTAssertEqual(provider.fetches, count)
    }

    func testOneFetchServesEveryRequestUntilTheRefreshWindow() throws {
        let clock = ManualClock()
        let provider = CountingProvider(clock: clock)
        let cache = try AWSCredentialCache(provider: provider, now: { clock.now() })
        for _ in 0..<100 { XCTAssertEqual(try cache.credentials().accessKeyID, "KEY1") }
        clock.advance(minutes: 9.9)
        XCTAssertEqual(try cache.credentials().accessKeyID, "KEY1")
        XCTAssertEqual(provider.fetches, 1)
        XCTAssertEqual(cache.fetchCount, 1)
    }

    func testFifteenMinuteCredentialsRefreshInTheBackgroundBeforeExpiry() throws {
        let clock = ManualClock()
        let provider = CountingProvider(clock: clock)
        let cache = try AWSCredentialCache(provider: provider, now: { clock.now() })
        clock.advance(minutes: 11)  // 4 minutes left: inside the 5-minute background window
        XCTAssertEqual(try cache.credentials().accessKeyID, "KEY1", "the old credentials serve while the refresh runs")
        waitForFetches(provider, 2)
        let deadline = Date().addingTimeInterval(10)
        while (try? cache.credentials().accessKeyID) != "KEY2" && Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
        XCTAssertEqual(try cache.credentials().accessKeyID, "KEY2")
        // A whole day of 15-minute sessions: one fetch per 10 minutes, never an expired credential.
        for _ in 0..<144 {
            let before = provider.fetches
            clock.advance(minutes: 10.5)
            XCTAssertEqual(try cache.credentials().accessKeyID, "KEY\(before)", "still valid: served while refreshing")
            waitForFetches(provider, before + 1)
            while (try? cache.credentials().accessKeyID) != "KEY\(before + 1)" && Date() < deadline.addingTimeInterval(60) {
                Thread.sleep(forTimeInterval: 0.005)
            }
        }
        XCTAssertEqual(provider.fetches, 146)
    }

    func testAFailedBackgroundRefreshKeepsTheValidCredentialsAndTheMandatoryRefreshReportsTheError() throws {
        let clock = ManualClock()
        let provider = CountingProvider(clock: clock)
        let cache = try AWSCredentialCache(provider: provider, now: { clock.now() })
        provider.setFailing(true)
        clock.advance(minutes: 11)
        XCTAssertEqual(try cache.credentials().accessKeyID, "KEY1")
        waitForFetches(provider, 2)
        XCTAssertEqual(try cache.credentials().accessKeyID, "KEY1", "no second attempt within 30 s")
        Thread.sleep(forTimeInterval: 0.05)
        XCTAssertEqual(provider.fetches, 2)
        clock.advance(minutes: 3.5)  // 30 s left: requests now wait for a fetch, which fails but old keys still work
        XCTAssertEqual(try cache.credentials().accessKeyID, "KEY1")
        clock.advance(minutes: 1)  // expired
        XCTAssertThrowsError(try cache.credentials()) { error in
            XCTAssertEqual(String(describing: error), "Could not get AWS credentials from counting test source: STS is down")
        }
        provider.setFailing(false)
        XCTAssertTrue(try cache.credentials().accessKeyID.hasPrefix("KEY"))
    }

    func testRetrySettingsFollowAWSMaxAttemptsAndRetryMode() throws {
        func resolve(_ extra: [String: String]) throws -> S3RetrySettings {
            try S3ClientSettings.resolve(environment: ["HOME": "/nonexistent", "AWS_ACCESS_KEY_ID": "K",
                                                      "AWS_SECRET_ACCESS_KEY": "s"].merging(extra) { $1 }).retry
        }
        XCTAssertEqual(try resolve([:]), S3RetrySettings(mode: .standard, maxAttempts: 3))
        XCTAssertEqual(try resolve(["AWS_RETRY_MODE": "legacy"]).maxAttempts, 5)
        XCTAssertEqual(try resolve(["AWS_RETRY_MODE": "adaptive", "AWS_MAX_ATTEMPTS": "1"]), S3RetrySettings(mode: .adaptive, maxAttempts: 1))
        XCTAssertThrowsError(try resolve(["AWS_MAX_ATTEMPTS": "zero"])) { error in
            XCTAssertEqual(String(describing: error), "Invalid max_attempts 'zero' from AWS_MAX_ATTEMPTS: it must be a whole number of at least 1.")
        }
    }
}
