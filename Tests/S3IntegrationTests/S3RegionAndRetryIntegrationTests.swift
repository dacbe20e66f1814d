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
