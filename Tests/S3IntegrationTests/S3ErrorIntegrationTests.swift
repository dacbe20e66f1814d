import S3
import TestSupport
import XCTest

/// What real servers answer when something is wrong, as the user will read it.
final class S3ErrorIntegrationTests: XCTestCase {
    func testWrongSecretIsReportedAsRejectedCredentialsWithoutTheSecret() throws {
        let wrongSecret = "wrong-secret-0123456789-abcdefghijklmnopqrstu"
        let client = try SeaweedFS.client(secret: wrongSecret)
        XCTAssertThrowsError(try client.listObjectsPage(bucket: "anything")) { error in
            guard case .invalidCredentials = error as? S3Error else {
                return XCTFail("expected invalidCredentials, got \(error)")
            }
            let message = String(describing: error)
            XCTAssertFalse(message.contains(wrongSecret))
            XCTAssertFalse(message.contains("\n"))
        }
    }

    func testMissingBucketSaysSo() throws {
        let client = try SeaweedFS.client()
        XCTAssertThrowsError(try client.listObjectsPage(bucket: "no-such-bucket-s3play")) { error in
            XCTAssertEqual(error as? S3Error, .noSuchBucket(bucket: "no-such-bucket-s3play"))
        }
    }

    func testMissingKeySaysSoForGetAndForBodylessHead() throws {
        let client = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(client)
        XCTAssertThrowsError(try client.getObject(bucket: bucket, key: "missing.mp3")) { error in
            XCTAssertEqual(error as? S3Error, .noSuchKey(bucket: bucket, key: "missing.mp3"))
        }
        XCTAssertThrowsError(try client.headObject(bucket: bucket, key: "missing.mp3")) { error in
            XCTAssertEqual(error as? S3Error, .noSuchKey(bucket: bucket, key: "missing.mp3"))
        }
    }

    func testUnreachableEndpointIsANetworkErrorAfterBoundedRetries() throws {
        // Port 9 (discard) on loopback: nothing listens there, so the connection is refused at once.
        let attempts = LockedBox(0)
        let client = S3Client(settings: try SeaweedFS.settings(endpoint: "http://127.0.0.1:9"),
                              transport: SeaweedFS.transport,
                              retryPolicy: S3RetryPolicy(maxAttempts: 3, random: { 0 }),
                              sleep: { _ in attempts.mutate { $0 += 1 } })
        XCTAssertThrowsError(try client.listObjectsPage(bucket: "music")) { error in
            guard case .network(let endpoint, _) = error as? S3Error else {
                return XCTFail("expected a network error, got \(error)")
            }
            XCTAssertEqual(endpoint, "http://127.0.0.1:9")
        }
        XCTAssertEqual(attempts.value, 2, "3 attempts in all: 2 waits between them")
    }
}

/// Retries as the SDKs' standard mode, seen on the wire through the fault proxy.
final class S3RetryIntegrationTests: XCTestCase {
    func testA503SlowDownIsRetriedAndTheRequestSucceeds() throws {
        let client = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(client)
        try client.putObject(bucket: bucket, key: "a.mp3", body: Array("payload".utf8))
        let proxy = try HTTPFaultProxy(upstreamPort: SeaweedFS.port(),
                                       plan: ProxyFaultPlan().respondWithStatus(status: 503, code: "SlowDown", count: 1))
        defer { proxy.stop() }
        let waits = LockedBox<[Double]>([])
        let proxied = S3Client(settings: try SeaweedFS.settings(endpoint: "http://127.0.0.1:\(proxy.port)"),
                               transport: SeaweedFS.transport, retryPolicy: S3RetryPolicy(random: { 0.5 }),
                               sleep: { seconds in waits.mutate { $0.append(seconds) } })
        XCTAssertEqual(try proxied.getObjectBytes(bucket: bucket, key: "a.mp3"), Array("payload".utf8))
        let exchanges = proxy.log.snapshot().exchanges
        XCTAssertEqual(exchanges.map(\.status), [503, 200], "one throttled attempt, then success")
        XCTAssertEqual(waits.value, [0.5], "one backoff of random(0.5) x 1 s before the retry")
    }

    func testA403IsNeverRetried() throws {
        let proxy = try HTTPFaultProxy(upstreamPort: SeaweedFS.port())
        defer { proxy.stop() }
        let proxied = S3Client(settings: try SeaweedFS.settings(endpoint: "http://127.0.0.1:\(proxy.port)", secret: "wrong-secret-for-the-retry-test-0000000000"),
                               transport: SeaweedFS.transport, sleep: { _ in XCTFail("no retry of a client error") })
        XCTAssertThrowsError(try proxied.listObjectsPage(bucket: "anything"))
        XCTAssertEqual(proxy.log.snapshot().requestCount, 1)
    }

    func testPersistentThrottlingGivesUpAfterThreeAttempts() throws {
        let proxy = try HTTPFaultProxy(upstreamPort: SeaweedFS.port(),
                                       plan: ProxyFaultPlan().respondWithStatus(status: 503, code: "SlowDown", count: 10))
        defer { proxy.stop() }
        let proxied = S3Client(settings: try SeaweedFS.settings(endpoint: "http://127.0.0.1:\(proxy.port)"),
                               transport: SeaweedFS.transport, retryPolicy: S3RetryPolicy(random: { 0 }), sleep: { _ in })
        XCTAssertThrowsError(try proxied.listObjectsPage(bucket: "anything")) { error in
            XCTAssertEqual(error as? S3Error, .throttled(code: "SlowDown"))
        }
        XCTAssertEqual(proxy.log.snapshot().requestCount, 3)
    }
}
