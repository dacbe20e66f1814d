import Foundation
import S3
import TestSupport
import XCTest

/// The S3 endpoint settings of issue #18 as a user meets them through the binary: a bucket's
/// region kept in the catalog across runs, requester pays, a private CA, and one catalog per
/// endpoint for buckets of the same name.
final class AWSEndpointCommandTests: XCTestCase {
    private let emptyListing = Array("""
    <?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>b</Name><KeyCount>0</KeyCount>\
    <MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated></ListBucketResult>
    """.utf8)

    /// A private cache and config home; only the given AWS settings.
    private func environment(_ extra: [String: String?] = [:]) throws -> (env: [String: String?], cache: URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("s3play-aws-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("home"), withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: root) }
        let env: [String: String?] = [
            "HOME": root.appendingPathComponent("home").path,
            "XDG_CACHE_HOME": root.appendingPathComponent("cache").path,
            "XDG_CONFIG_HOME": root.appendingPathComponent("config").path,
            "DISCOGS_TOKEN": nil, "S3PLAY_LIBRARY": nil, "AWS_PROFILE": nil, "AWS_CA_BUNDLE": nil,
            "AWS_CONFIG_FILE": nil, "AWS_SHARED_CREDENTIALS_FILE": nil, "AWS_REGION": nil, "AWS_DEFAULT_REGION": nil,
            "AWS_ENDPOINT_URL_S3": nil, "AWS_ENDPOINT_URL": nil, "AWS_EC2_METADATA_DISABLED": "true",
        ]
        return (env.merging(extra) { $1 }, root.appendingPathComponent("cache/s3play"))
    }

    /// The credential scope's region of a SigV4 Authorization header.
    private static func signedRegion(_ request: ScriptedHTTPServer.Request) -> String? {
        let credential = request.headers["Authorization"]?.split(separator: " ").first { $0.hasPrefix("Credential=") }
        return credential.map { $0.split(separator: "/") }.flatMap { $0.count >= 3 ? String($0[2]) : nil }
    }

    /// A bucket in eu-central-1: anything signed for another region gets 301 PermanentRedirect.
    private func bucketInFrankfurt() throws -> ScriptedHTTPServer {
        try ScriptedHTTPServer { [emptyListing] request in
            guard Self.signedRegion(request) == "eu-central-1" else {
                return .init(status: 301, body: Array("<Error><Code>PermanentRedirect</Code><Message>elsewhere</Message></Error>".utf8),
                             headers: [("x-amz-bucket-region", "eu-central-1")])
            }
            if request.target.contains("list-type=2") { return .ok(emptyListing) }
            return .init(status: 404, body: Array("<Error><Code>NoSuchKey</Code></Error>".utf8))
        }
    }

    func testABucketsRegionFoundOnceIsSignedForAtOnceOnTheNextRun() throws {
        let server = try bucketInFrankfurt()
        defer { server.stop() }
        let (env, _) = try environment(["AWS_ACCESS_KEY_ID": "K", "AWS_SECRET_ACCESS_KEY": "s"])
        let arguments = ["scan", "--library", "s3://music/", "--endpoint-url", server.endpoint]
        let first = try S3PlayProcess.run(arguments, environment: env)
        XCTAssertEqual(first.status, 0, first.standardError)
        let firstRun = server.requests
        let redirected = firstRun.filter { Self.signedRegion($0) == "us-east-1" }.count
        XCTAssertGreaterThanOrEqual(redirected, 1, "the first run pays the redirect round trip")

        let second = try S3PlayProcess.run(arguments, environment: env)
        XCTAssertEqual(second.status, 0, second.standardError)
        let secondRun = server.requests.dropFirst(firstRun.count)
        XCTAssertFalse(secondRun.isEmpty)
        XCTAssertEqual(secondRun.map { Self.signedRegion($0) }, Array(repeating: "eu-central-1", count: secondRun.count),
                       "the catalog remembered the region: no request signed for us-east-1, no redirect")
        XCTAssertEqual(secondRun.count, firstRun.count - redirected, "the same requests without the redirected ones")
    }

    func testRequestPayerReachesTheServerOnEveryRequest() throws {
        let server = try ScriptedHTTPServer { [emptyListing] _ in .ok(emptyListing) }
        defer { server.stop() }
        let (env, _) = try environment(["AWS_ACCESS_KEY_ID": "K", "AWS_SECRET_ACCESS_KEY": "s"])
        let scan = try S3PlayProcess.run(["scan", "--library", "s3://music/", "--endpoint-url", server.endpoint,
                                          "--request-payer", "requester"], environment: env)
        XCTAssertEqual(scan.status, 0, scan.standardError)
        XCTAssertFalse(server.requests.isEmpty)
        for request in server.requests {
            XCTAssertEqual(request.headers["x-amz-request-payer"], "requester", request.target)
            XCTAssertTrue(request.headers["Authorization"]?.contains("x-amz-request-payer") ?? false, "signed")
        }
        let wrong = try S3PlayProcess.run(["ls", "s3://music/", "--endpoint-url", server.endpoint,
                                           "--request-payer", "owner"], environment: env)
        XCTAssertEqual(wrong.status, 1)
        XCTAssertEqual(wrong.standardError, "s3play: --request-payer takes only requester (for requester-pays buckets), not 'owner'.\n")
    }

    func testRequesterPaysRequestsAreAcceptedBySeaweedFSsSignatureCheck() throws {
        let client = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(client)
        try client.putObject(bucket: bucket, key: "a.mp3", body: Array("x".utf8))
        let (env, _) = try environment(["AWS_ENDPOINT_URL_S3": try SeaweedFS.endpoint(),
                                        "AWS_ACCESS_KEY_ID": ProcessInfo.processInfo.environment["AWS_ACCESS_KEY_ID"],
                                        "AWS_SECRET_ACCESS_KEY": ProcessInfo.processInfo.environment["AWS_SECRET_ACCESS_KEY"]])
        let listing = try S3PlayProcess.run(["ls", "s3://\(bucket)/", "--request-payer", "requester"], environment: env)
        XCTAssertEqual(listing.status, 0, listing.standardError)
        XCTAssertEqual(listing.standardOutput, "a.mp3\n")
    }

    func testAPrivateCAEndpointNeedsItsBundleAndKeepsItsOwnCatalog() throws {
        let proxy = try TLSTestProxy()
        defer { proxy.stop() }
        let client = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(client)
        try SampleLibrary.upload(to: client, bucket: bucket)
        let keys: [String: String?] = ["AWS_ACCESS_KEY_ID": ProcessInfo.processInfo.environment["AWS_ACCESS_KEY_ID"],
                                       "AWS_SECRET_ACCESS_KEY": ProcessInfo.processInfo.environment["AWS_SECRET_ACCESS_KEY"]]
        let (env, cache) = try environment(keys)

        let refused = try S3PlayProcess.run(["ls", "s3://\(bucket)/", "--endpoint-url", proxy.endpoint], environment: env)
        XCTAssertEqual(refused.status, 1)
        XCTAssertEqual(refused.standardError.split(separator: "\n").count, 1, refused.standardError)
        XCTAssertTrue(refused.standardError.contains("is not trusted") && refused.standardError.contains("AWS_CA_BUNDLE")
                      && refused.standardError.contains("ca_bundle"), refused.standardError)

        var trusted = env
        trusted["AWS_CA_BUNDLE"] = proxy.caBundle
        let listing = try S3PlayProcess.run(["ls", "s3://\(bucket)/", "--endpoint-url", proxy.endpoint], environment: trusted)
        XCTAssertEqual(listing.status, 0, listing.standardError)
        XCTAssertEqual(listing.standardOutput.split(separator: "\n").count, try SampleLibrary.keys().count)
        let firstMP3 = try XCTUnwrap(try SampleLibrary.keys().first { $0.hasSuffix(".mp3") })
        let info = try S3PlayProcess.run(["info", "s3://\(bucket)/\(firstMP3)", "--endpoint-url", proxy.endpoint], environment: trusted)
        XCTAssertEqual(info.status, 0, info.standardError)

        // The same bucket through two endpoints: two catalogs.
        for endpoint in [proxy.endpoint, try SeaweedFS.endpoint()] {
            let scan = try S3PlayProcess.run(["scan", "--library", "s3://\(bucket)/", "--endpoint-url", endpoint], environment: trusted)
            XCTAssertEqual(scan.status, 0, scan.standardError)
        }
        let catalogs = try FileManager.default.contentsOfDirectory(atPath: cache.path)
            .filter { $0.hasPrefix("catalog-") && $0.hasSuffix(".sqlite") }
        XCTAssertEqual(catalogs.count, 2, "\(catalogs)")
    }

    func testPlayThroughAPrivateCAEndpointWritesMpg123sPCM() throws {
        let proxy = try TLSTestProxy()
        defer { proxy.stop() }
        let client = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(client)
        let file = try TestAudioFiles.url(.mono22k)
        try client.putObject(bucket: bucket, key: "song.mp3", body: Array(try Data(contentsOf: file)))
        let pcmFile = FileManager.default.temporaryDirectory.appendingPathComponent("s3play-pcm-\(UUID()).raw")
        defer { try? FileManager.default.removeItem(at: pcmFile) }
        let played = try S3PlayProcess.run(["play", "--quiet", "--endpoint-url", proxy.endpoint, "s3://\(bucket)/song.mp3"],
                                           environment: ["S3PLAY_TEST_ALSA_OUT": pcmFile.path, "AWS_CA_BUNDLE": proxy.caBundle,
                                                         "AWS_PROFILE": nil])
        XCTAssertEqual(played.status, 0, played.standardError)
        XCTAssertTrue(Array(try Data(contentsOf: pcmFile)) == (try TestAudioFiles.referencePCM(file)), "PCM differs from mpg123 -s")
    }
}
