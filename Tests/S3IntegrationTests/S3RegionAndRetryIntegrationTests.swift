import Foundation
import HTTPTransport
import S3
import TestSupport
import XCTest

/// AWS_MAX_ATTEMPTS / AWS_RETRY_MODE per request, and buckets in another region, against
/// loopback stand-ins that answer as S3 does.
final class S3RegionAndRetryIntegrationTests: XCTestCase {
    private let emptyListing = Array("""
    <?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>b</Name><KeyCount>0</KeyCount>\
    <MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated></ListBucketResult>
    """.utf8)

    private func client(_ server: ScriptedHTTPServer, _ extra: [String: String] = [:]) throws -> S3Client {
        let env = ["HOME": "/nonexistent", "AWS_ACCESS_KEY_ID": "K", "AWS_SECRET_ACCESS_KEY": "s",
                   "AWS_EC2_METADATA_DISABLED": "true"].merging(extra) { $1 }
        let settings = try S3ClientSettings.resolve(environment: env, endpointURL: server.endpoint)
        return S3Client(settings: settings, transport: SeaweedFS.transport, sleep: { _ in })
    }

    func testMaxAttemptsFromTheEnvironmentBoundsRequestsToA503Server() throws {
        let server = try ScriptedHTTPServer { _ in
            .init(status: 503, body: Array("<Error><Code>ServiceUnavailable</Code></Error>".utf8))
        }
        defer { server.stop() }
        for (attempts, mode) in [(1, "standard"), (5, "standard"), (2, "legacy"), (4, "adaptive")] {
            let before = server.requests.count
            let client = try client(server, ["AWS_MAX_ATTEMPTS": String(attempts), "AWS_RETRY_MODE": mode])
            XCTAssertThrowsError(try client.listObjectsPage(bucket: "b"))
            XCTAssertEqual(server.requests.count - before, attempts, "AWS_MAX_ATTEMPTS=\(attempts) \(mode)")
        }
        let before = server.requests.count
        XCTAssertThrowsError(try client(server, ["AWS_RETRY_MODE": "legacy"]).listObjectsPage(bucket: "b"))
        XCTAssertEqual(server.requests.count - before, 5, "legacy mode's default is 5 attempts")
    }

    /// The credential scope's region in a SigV4 Authorization header.
    private static func signedRegion(_ request: ScriptedHTTPServer.Request) -> String? {
        guard let authorization = request.headers["Authorization"],
              let credential = authorization.split(separator: " ").first(where: { $0.hasPrefix("Credential=") }) else { return nil }
        let parts = credential.split(separator: "/")
        return parts.count >= 3 ? String(parts[2]) : nil
    }

    func testPermanentRedirectIsFollowedBySigningForTheBucketsRegionOnTheSameEndpoint() throws {
        let server = try ScriptedHTTPServer { [emptyListing] request in
            if Self.signedRegion(request) == "eu-central-1" { return .ok(emptyListing) }
            return .init(status: 301, body: Array("<Error><Code>PermanentRedirect</Code><Message>use the right endpoint</Message></Error>".utf8),
                         headers: [("x-amz-bucket-region", "eu-central-1")])
        }
        defer { server.stop() }
        let client = try client(server)
        XCTAssertEqual(try client.listObjectsPage(bucket: "b").objects.count, 0)
        XCTAssertEqual(server.requests.count, 2)
        XCTAssertEqual(client.bucketRegions.region(of: "b"), "eu-central-1")
        _ = try client.listObjectsPage(bucket: "b")
        XCTAssertEqual(server.requests.count, 3, "the bucket's region is remembered: no second redirect")
        XCTAssertEqual(server.requests.map { Self.signedRegion($0) }, ["us-east-1", "eu-central-1", "eu-central-1"])
    }

    func testAuthorizationHeaderMalformedNamingTheRegionIsFollowed() throws {
        let server = try ScriptedHTTPServer { [emptyListing] request in
            if Self.signedRegion(request) == "ap-southeast-2" { return .ok(emptyListing) }
            return .init(status: 400, body: Array("""
            <Error><Code>AuthorizationHeaderMalformed</Code><Message>the region 'us-east-1' is wrong; expecting 'ap-southeast-2'</Message>\
            <Region>ap-southeast-2</Region></Error>
            """.utf8))
        }
        defer { server.stop() }
        XCTAssertEqual(try client(server).listObjectsPage(bucket: "b").objects.count, 0)
        XCTAssertEqual(server.requests.count, 2)
    }

    func testARedirectToAHostileRegionNameIsNotFollowed() throws {
        let server = try ScriptedHTTPServer { _ in
            .init(status: 301, headers: [("x-amz-bucket-region", "evil.example.com/")])
        }
        defer { server.stop() }
        XCTAssertThrowsError(try client(server).listObjectsPage(bucket: "b"))
        XCTAssertEqual(server.requests.count, 1)
    }

    func testOnAWSTheBucketsRegionalHostIsUsed() throws {
        let settings = S3ClientSettings(credentials: AWSCredentials(accessKeyID: "K", secretAccessKey: "s"), region: "us-east-1")
        XCTAssertEqual(settings.requestTarget(bucket: "music", key: "a", region: "eu-west-3").baseURL,
                       "https://music.s3.eu-west-3.amazonaws.com")
    }
}

/// retry_mode = adaptive against a server that throttles with 503 SlowDown, on a clock that moves
/// only when the client sleeps: the retry backoff is 0 (random 0), so every wait is the limiter's.
final class S3AdaptiveRetryIntegrationTests: XCTestCase {
    private let emptyListing = Array("""
    <?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>b</Name><KeyCount>0</KeyCount>\
    <MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated></ListBucketResult>
    """.utf8)

    private final class Clock: @unchecked Sendable {
        let seconds = LockedBox<Double>(1_000_000)
        let waits = LockedBox<[Double]>([])
    }

    /// Answers SlowDown to the first `throttled` requests, then an empty listing.
    private func run(mode: String, throttled: Int, listings: Int) throws -> (requests: Int, waits: [Double]) {
        let count = LockedBox(0)
        let server = try ScriptedHTTPServer { [emptyListing] _ in
            var number = 0
            count.mutate { $0 += 1; number = $0 }
            if number <= throttled {
                return .init(status: 503, body: Array("<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>".utf8))
            }
            return .ok(emptyListing)
        }
        defer { server.stop() }
        let env = ["HOME": "/nonexistent", "AWS_ACCESS_KEY_ID": "K", "AWS_SECRET_ACCESS_KEY": "s",
                   "AWS_EC2_METADATA_DISABLED": "true", "AWS_RETRY_MODE": mode, "AWS_MAX_ATTEMPTS": "10"]
        let settings = try S3ClientSettings.resolve(environment: env, endpointURL: server.endpoint)
        let clock = Clock()
        let client = S3Client(settings: settings, transport: SeaweedFS.transport,
                              retryPolicy: S3RetryPolicy(maxAttempts: 10, random: { 0 }),
                              now: { Date(timeIntervalSince1970: clock.seconds.value) },
                              sleep: { seconds in
                                  clock.seconds.mutate { $0 += seconds }
                                  if seconds > 0 { clock.waits.mutate { $0.append(seconds) } }
                              })
        for _ in 0..<listings { _ = try client.listObjectsPage(bucket: "b") }
        return (server.requests.count, clock.waits.value)
    }

    func testStandardModeRetriesSlowDownWithoutHoldingRequestsBack() throws {
        let result = try run(mode: "standard", throttled: 3, listings: 3)
        XCTAssertEqual(result.requests, 6)
        XCTAssertEqual(result.waits, [], "the backoff is 0 here and nothing else waits")
    }

    func testAdaptiveModeWaitsForTokensAfterSlowDown() throws {
        let result = try run(mode: "adaptive", throttled: 3, listings: 3)
        XCTAssertEqual(result.requests, 6, "the same requests, spaced out")
        // Three throttles in a row with no rate measured yet: each next request waits for one
        // token at the floor of 0.5 tokens per second.
        XCTAssertEqual(Array(result.waits.prefix(3)), [2, 2, 2])
        XCTAssertGreaterThanOrEqual(result.waits.count, 3)
    }

    func testAdaptiveModeDoesNotWaitWhileNothingIsThrottled() throws {
        let result = try run(mode: "adaptive", throttled: 0, listings: 5)
        XCTAssertEqual(result.requests, 5)
        XCTAssertEqual(result.waits, [])
    }
}
