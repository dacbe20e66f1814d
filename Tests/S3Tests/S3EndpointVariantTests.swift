// The AWS hosts the client builds for accelerate, dualstack and FIPS, and for access-point ARNs,
// checked against the SDKs' S3 endpoint rule tests (aws-sdk-ruby endpoint_provider_spec.rb).
// No request leaves the machine: a transport that records what it is given and refuses to send.

import Foundation
import HTTPTransport
import S3
import XCTest

/// Records each request and fails it as unreachable, so nothing is sent anywhere.
private final class RefusingTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [HTTPRequest] = []
    var requests: [HTTPRequest] { lock.withLock { recorded } }

    func send(_ request: HTTPRequest) throws(HTTPTransportError) -> HTTPResponse {
        lock.withLock { recorded.append(request) }
        throw .cannotConnect("test transport: nothing is sent")
    }
}

final class S3EndpointVariantTests: XCTestCase {
    private var home: URL!

    override func setUpWithError() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("s3play-variants-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home.appendingPathComponent(".aws"), withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: home)
    }

    private func settings(_ extra: [String: String] = [:], config: String? = nil, endpointURL: String? = nil) throws -> S3ClientSettings {
        if let config {
            try config.write(to: home.appendingPathComponent(".aws/config"), atomically: true, encoding: .utf8)
        }
        let env = ["HOME": home.path, "AWS_ACCESS_KEY_ID": "K", "AWS_SECRET_ACCESS_KEY": "s", "AWS_REGION": "us-west-2"]
        return try S3ClientSettings.resolve(environment: env.merging(extra) { $1 }, endpointURL: endpointURL)
    }

    /// The URL, Host header and signing region of the one request a GetObject sends.
    private func sent(_ settings: S3ClientSettings, bucket: String = "bucket-name", key: String = "a/key.mp3")
        throws -> (url: String, host: String?, scope: String?) {
        var settings = settings
        settings.retry = S3RetrySettings(mode: .standard, maxAttempts: 1)
        let transport = RefusingTransport()
        XCTAssertThrowsError(try S3Client(settings: settings, transport: transport).getObjectBytes(bucket: bucket, key: key))
        let request = try XCTUnwrap(transport.requests.first)
        XCTAssertEqual(transport.requests.count, 1)
        let authorization = request.headers.first { $0.name.lowercased() == "authorization" }?.value ?? ""
        let scope = authorization.split(separator: "/").dropFirst(2).first.map(String.init)
        return (request.url, request.headers.first { $0.name.lowercased() == "host" }?.value, scope)
    }

    func testDualstackFipsAndBothBuildTheSDKsHosts() throws {
        XCTAssertEqual(try sent(settings(["AWS_USE_DUALSTACK_ENDPOINT": "true"])).url,
                       "https://bucket-name.s3.dualstack.us-west-2.amazonaws.com/a/key.mp3")
        XCTAssertEqual(try sent(settings(["AWS_USE_FIPS_ENDPOINT": "true"])).url,
                       "https://bucket-name.s3-fips.us-west-2.amazonaws.com/a/key.mp3")
        let both = try sent(settings(["AWS_USE_FIPS_ENDPOINT": "TRUE", "AWS_USE_DUALSTACK_ENDPOINT": "true"]))
        XCTAssertEqual(both.url, "https://bucket-name.s3-fips.dualstack.us-west-2.amazonaws.com/a/key.mp3")
        XCTAssertEqual(both.host, "bucket-name.s3-fips.dualstack.us-west-2.amazonaws.com")
        XCTAssertEqual(both.scope, "us-west-2")
        XCTAssertEqual(try sent(settings(["AWS_REGION": "cn-north-1", "AWS_USE_DUALSTACK_ENDPOINT": "true"])).url,
                       "https://bucket-name.s3.dualstack.cn-north-1.amazonaws.com.cn/a/key.mp3")
    }

    func testProfileSettingsTurnTheVariantsOnAndTheEnvironmentWins() throws {
        let config = """
        [default]
        use_fips_endpoint = true
        s3 =
          use_dualstack_endpoint = true
        """
        XCTAssertEqual(try sent(settings(config: config)).url,
                       "https://bucket-name.s3-fips.dualstack.us-west-2.amazonaws.com/a/key.mp3")
        XCTAssertEqual(try sent(settings(["AWS_USE_FIPS_ENDPOINT": "false"], config: config)).url,
                       "https://bucket-name.s3.dualstack.us-west-2.amazonaws.com/a/key.mp3")
    }

    func testAccelerateUsesTheGlobalAccelerateHostSignedForTheRegion() throws {
        let accelerate = "[default]\ns3 =\n  use_accelerate_endpoint = true\n"
        let plain = try sent(settings(config: accelerate))
        XCTAssertEqual(plain.url, "https://bucket-name.s3-accelerate.amazonaws.com/a/key.mp3")
        XCTAssertEqual(plain.scope, "us-west-2")
        XCTAssertEqual(try sent(settings(["AWS_USE_DUALSTACK_ENDPOINT": "true"], config: accelerate)).url,
                       "https://bucket-name.s3-accelerate.dualstack.amazonaws.com/a/key.mp3")
        // A dotted bucket cannot be in the accelerate host name: refused before anything is sent.
        let transport = RefusingTransport()
        XCTAssertThrowsError(try S3Client(settings: settings(config: accelerate), transport: transport)
            .listObjectsPage(bucket: "my.music")) { error in
            XCTAssertTrue("\(error)".contains("turn use_accelerate_endpoint off"), "\(error)")
        }
        XCTAssertEqual(transport.requests.count, 0)
    }

    func testCombinationsTheSDKsRefuseAreRefusedInOneLine() {
        let accelerate = "[default]\ns3 =\n  use_accelerate_endpoint = true\n"
        let cases: [([String: String], String?, String?, String)] = [
            (["AWS_USE_FIPS_ENDPOINT": "true"], accelerate, nil, "S3 Transfer Acceleration (use_accelerate_endpoint) cannot be used with use_fips_endpoint"),
            (["AWS_USE_FIPS_ENDPOINT": "true"], nil, "http://127.0.0.1:9000", "The AWS host settings use_fips_endpoint cannot be used with a custom endpoint"),
            (["AWS_USE_DUALSTACK_ENDPOINT": "true"], nil, "http://127.0.0.1:9000", "The AWS host settings use_dualstack_endpoint cannot be used with a custom endpoint"),
            (["AWS_REGION": "cn-north-1"], accelerate, nil, "not available in region cn-north-1"),
            (["AWS_USE_FIPS_ENDPOINT": "yes"], nil, nil, "The setting AWS_USE_FIPS_ENDPOINT 'yes' from AWS_USE_FIPS_ENDPOINT must be true or false"),
        ]
        for (env, config, endpoint, expected) in cases {
            XCTAssertThrowsError(try settings(env, config: config ?? "", endpointURL: endpoint)) { error in
                XCTAssertTrue("\(error)".contains(expected), "\(error)")
                XCTAssertFalse("\(error)".contains("\n"))
            }
        }
    }

    // MARK: access points

    func testAccessPointARNAddressesTheAccessPointSignedForItsRegion() throws {
        let arn = "arn:aws:s3:eu-west-1:123456789012:accesspoint/music-ap"
        let request = try sent(settings(), bucket: arn, key: "Artist/song.mp3")
        XCTAssertEqual(request.url, "https://music-ap-123456789012.s3-accesspoint.eu-west-1.amazonaws.com/Artist/song.mp3")
        XCTAssertEqual(request.host, "music-ap-123456789012.s3-accesspoint.eu-west-1.amazonaws.com")
        XCTAssertEqual(request.scope, "eu-west-1", "the ARN's region, not the configured us-west-2")
        XCTAssertEqual(try sent(settings(["AWS_USE_FIPS_ENDPOINT": "true", "AWS_USE_DUALSTACK_ENDPOINT": "true"]),
                                bucket: "arn:aws:s3:us-gov-west-1:123456789012:accesspoint:ap").url,
                       "https://ap-123456789012.s3-accesspoint-fips.dualstack.us-gov-west-1.amazonaws.com/a/key.mp3")
        XCTAssertEqual(try sent(settings(), bucket: "arn:aws-cn:s3:cn-north-1:123456789012:accesspoint/ap").url,
                       "https://ap-123456789012.s3-accesspoint.cn-north-1.amazonaws.com.cn/a/key.mp3")
    }

    func testAccessPointARNsThatCannotBeSentSayWhatIsSupported() throws {
        let cases: [(S3ClientSettings, String, String)] = [
            (try settings(endpointURL: "http://127.0.0.1:9000"), "arn:aws:s3:eu-west-1:123456789012:accesspoint/ap",
             "access-point ARNs are supported on AWS only; with the custom endpoint http://127.0.0.1:9000 give the bucket name"),
            (try settings(), "arn:aws:s3-outposts:us-east-1:123456789012:outpost:op-01234567890123456:accesspoint:ap",
             "only s3 access points are supported"),
            (try settings(), "arn:aws:s3::123456789012:accesspoint/mfzwi23gnjvgw.mrap", "multi-region access point"),
            (try settings(), "arn:aws:s3:us-west-2:123456789012:accesspoint/ap/more", "single resource component"),
            (try settings(config: "[default]\ns3 =\n  use_accelerate_endpoint = true\n"),
             "arn:aws:s3:us-west-2:123456789012:accesspoint/ap", "access points do not support S3 Transfer Acceleration"),
        ]
        for (settings, bucket, expected) in cases {
            let transport = RefusingTransport()
            XCTAssertThrowsError(try S3Client(settings: settings, transport: transport).listObjectsPage(bucket: bucket)) { error in
                XCTAssertTrue("\(error)".contains(expected), "\(error)")
            }
            XCTAssertEqual(transport.requests.count, 0, bucket)
        }
    }

    func testS3URLsTakeAnAccessPointARNAsTheBucket() {
        let location = S3Location("s3://arn:aws:s3:eu-west-1:123456789012:accesspoint/music-ap/Artist/Album/")
        XCTAssertEqual(location?.bucket, "arn:aws:s3:eu-west-1:123456789012:accesspoint/music-ap")
        XCTAssertEqual(location?.path, "Artist/Album/")
        XCTAssertEqual(S3Location("s3://arn:aws:s3:eu-west-1:123456789012:accesspoint/music-ap")?.path, "")
        XCTAssertEqual(S3Location("s3://music/Artist")?.bucket, "music")
    }

    // MARK: requester pays

    func testRequesterPaysFromTheProfileIsSentAndSigned() throws {
        let request = try XCTUnwrap({ () throws -> HTTPRequest? in
            var settings = try settings(config: "[default]\nrequest_payer = requester\n")
            XCTAssertEqual(settings.requestPayer, "requester")
            settings.retry = S3RetrySettings(maxAttempts: 1)
            let transport = RefusingTransport()
            XCTAssertThrowsError(try S3Client(settings: settings, transport: transport).headObject(bucket: "b", key: "k"))
            return transport.requests.first
        }())
        XCTAssertEqual(request.headers.first { $0.name == "x-amz-request-payer" }?.value, "requester")
        let authorization = request.headers.first { $0.name.lowercased() == "authorization" }?.value ?? ""
        XCTAssertTrue(authorization.contains("x-amz-request-payer"), authorization)
        XCTAssertThrowsError(try settings(config: "[default]\nrequest_payer = bucket-owner\n")) { error in
            XCTAssertTrue("\(error)".contains("the only value is requester"), "\(error)")
        }
    }
}
