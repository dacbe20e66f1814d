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
