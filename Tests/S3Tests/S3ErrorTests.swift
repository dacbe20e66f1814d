import XCTest
@testable import S3

final class S3ErrorTests: XCTestCase {
    private func errorBody(_ code: String, _ extra: String = "") -> [UInt8] {
        Array("""
            <?xml version="1.0" encoding="UTF-8"?>
            <Error><Code>\(code)</Code><Message>Server says no.</Message>\(extra)\
            <RequestId>4442587FB7D0A2F9</RequestId><HostId>aGVsbG8=</HostId></Error>
            """.utf8)
    }

    // MARK: Codes of the S3 error table (apis.md section 2)

    func testMapsEachDocumentedCodeToItsCase() {
        let cases: [(status: Int, code: String, extra: String, key: String?, header: String?, expected: S3Error)] = [
            (404, "NoSuchKey", "<Key>a/b.mp3</Key>", "a/b.mp3", nil, .noSuchKey(bucket: "music", key: "a/b.mp3")),
            (404, "NoSuchBucket", "<BucketName>music</BucketName>", nil, nil, .noSuchBucket(bucket: "music")),
            (403, "AccessDenied", "", "a/b.mp3", nil, .accessDenied(bucket: "music", key: "a/b.mp3", serverMessage: "Server says no.")),
            (403, "AccessDenied", "", nil, nil, .accessDenied(bucket: "music", key: nil, serverMessage: "Server says no.")),
            (503, "SlowDown", "", "a/b.mp3", nil, .throttled(code: "SlowDown")),
            (403, "InvalidObjectState", "<StorageClass>GLACIER</StorageClass>", "a/b.mp3", nil,
             .objectNeedsRestore(bucket: "music", key: "a/b.mp3", storageClass: "GLACIER")),
            (403, "InvalidObjectState",
             "<StorageClass>INTELLIGENT_TIERING</StorageClass><AccessTier>ARCHIVE_ACCESS</AccessTier>", "a/b.mp3", nil,
             .objectNeedsRestore(bucket: "music", key: "a/b.mp3", storageClass: "INTELLIGENT_TIERING")),
            (400, "ExpiredToken", "", "a/b.mp3", nil, .expiredToken),
            (403, "RequestTimeTooSkewed",
             "<RequestTime>20240101T000000Z</RequestTime><ServerTime>2024-01-01T00:20:00Z</ServerTime>"
                + "<MaxAllowedSkewMilliseconds>900000</MaxAllowedSkewMilliseconds>", nil, nil,
             .clockSkewed(serverTime: "2024-01-01T00:20:00Z")),
            (403, "SignatureDoesNotMatch",
             "<AWSAccessKeyId>\(awsDocExampleKeyID)</AWSAccessKeyId><StringToSign>AWS4-HMAC-SHA256</StringToSign>",
             nil, nil, .invalidCredentials(code: "SignatureDoesNotMatch")),
            (403, "InvalidAccessKeyId", "", nil, nil, .invalidCredentials(code: "InvalidAccessKeyId")),
            (400, "AuthorizationHeaderMalformed", "<Region>eu-west-1</Region>", nil, nil,
             .wrongRegion(bucket: "music", region: "eu-west-1")),
            (301, "PermanentRedirect", "<Endpoint>music.s3.eu-west-1.amazonaws.com</Endpoint>", nil, "eu-west-1",
             .wrongRegion(bucket: "music", region: "eu-west-1")),
            (301, "PermanentRedirect", "", nil, nil, .wrongRegion(bucket: "music", region: nil)),
            (416, "InvalidRange", "<RangeRequested>bytes=900-</RangeRequested>", "a/b.mp3", nil,
             .invalidRange(bucket: "music", key: "a/b.mp3")),
            (412, "PreconditionFailed", "<Condition>If-Match</Condition>", "a/b.mp3", nil,
             .objectChanged(bucket: "music", key: "a/b.mp3")),
            // Not in the table, but the retry classification depends on them.
            (429, "TooManyRequests", "", nil, nil, .throttled(code: "TooManyRequests")),
            (400, "ThrottlingException", "", nil, nil, .throttled(code: "ThrottlingException")),
            (503, "RequestLimitExceeded", "", nil, nil, .throttled(code: "RequestLimitExceeded")),
            (500, "InternalError", "", nil, nil, .serverError(status: 500, code: "InternalError")),
            (503, "ServiceUnavailable", "", nil, nil, .serverError(status: 503, code: "ServiceUnavailable")),
            (501, "NotImplemented", "", nil, nil, .serverError(status: 501, code: "NotImplemented")),
            (400, "InvalidArgument", "", nil, nil,
             .unexpected(status: 400, code: "InvalidArgument", message: "Server says no.")),
            (404, "NoSuchUpload", "", nil, nil,
             .unexpected(status: 404, code: "NoSuchUpload", message: "Server says no.")),
        ]
        for c in cases {
            let error = S3Error.from(status: c.status, body: errorBody(c.code, c.extra), bucket: "music",
                                     key: c.key, bucketRegionHeader: c.header)
            XCTAssertEqual(error, c.expected, "\(c.status) \(c.code)")
            XCTAssertFalse(error.description.contains("\n"), error.description)
            XCTAssertFalse(error.description.contains("AWS4-HMAC-SHA256"), error.description)
        }
    }

    // MARK: HEAD errors carry no body

    func testAccessDeniedKeepsS3sOwnMessageNextToTheAdvice() {
        let body = Array(("<Error><Code>AccessDenied</Code><Message>User: arn:aws:sts::1:assumed-role/x is not authorized to perform: "
            + "kms:Decrypt on resource: arn:aws:kms:eu-west-1:1:key/k because no identity-based policy allows the kms:Decrypt action"
            + "</Message></Error>").utf8)
        let error = S3Error.from(status: 403, body: body, bucket: "music", key: "a.mp3")
        XCTAssertEqual(error.description, "Access to s3://music/a.mp3 was denied (AccessDenied: \"User: arn:aws:sts::1:assumed-role/x "
            + "is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:eu-west-1:1:key/k because no identity-based policy "
            + "allows the kms:Decrypt action\"): S3's message says why; check the bucket policy, any KMS key policy and the "
            + "credentials' permissions.")
        XCTAssertFalse(error.description.contains("s3:GetObject"), "does not name a permission S3 did not")
    }

    func testMapsEmptyBodiesFromTheStatusAlone() {
        let cases: [(status: Int, key: String?, header: String?, expected: S3Error)] = [
            (404, "a.mp3", nil, .noSuchKey(bucket: "music", key: "a.mp3")),
            (404, nil, nil, .noSuchBucket(bucket: "music")),
            (403, "a.mp3", nil, .accessDenied(bucket: "music", key: "a.mp3")),
            (403, nil, nil, .accessDenied(bucket: "music", key: nil)),
            (412, "a.mp3", nil, .objectChanged(bucket: "music", key: "a.mp3")),
            (416, "a.mp3", nil, .invalidRange(bucket: "music", key: "a.mp3")),
            (301, nil, "ap-southeast-2", .wrongRegion(bucket: "music", region: "ap-southeast-2")),
            (307, "a.mp3", nil, .wrongRegion(bucket: "music", region: nil)),
            (400, "a.mp3", "us-west-2", .wrongRegion(bucket: "music", region: "us-west-2")),
            (400, "a.mp3", nil, .unexpected(status: 400, code: nil, message: nil)),
            (429, nil, nil, .throttled(code: "HTTP 429")),
            (500, "a.mp3", nil, .serverError(status: 500, code: nil)),
            (503, "a.mp3", nil, .serverError(status: 503, code: nil)),
            (418, "a.mp3", nil, .unexpected(status: 418, code: nil, message: nil)),
        ]
        for c in cases {
            let error = S3Error.from(status: c.status, body: [], bucket: "music", key: c.key,
                                     bucketRegionHeader: c.header)
            XCTAssertEqual(error, c.expected, "\(c.status)")
        }
    }

    func testTreatsANonXMLBodyLikeAnEmptyOne() {
        let html = Array("<html><body><h1>502 Bad Gateway</h1></body></html>".utf8)
        XCTAssertEqual(S3Error.from(status: 502, body: html, bucket: "music", key: "a.mp3"),
                       .serverError(status: 502, code: nil))
        let text = Array("upstream connect error".utf8)
        XCTAssertEqual(S3Error.from(status: 404, body: text, bucket: "music", key: "a.mp3"),
                       .noSuchKey(bucket: "music", key: "a.mp3"))
    }

    // MARK: The error document

    func testParsesTheErrorDocumentFieldsAndDropsTheSigningEcho() {
        let body = errorBody("AuthorizationHeaderMalformed",
                             "<Region> eu-west-1 </Region><CanonicalRequest>GET /</CanonicalRequest>")
        XCTAssertEqual(S3ErrorDocument.parse(body), S3ErrorDocument(
            code: "AuthorizationHeaderMalformed", message: "Server says no.", requestID: "4442587FB7D0A2F9",
            region: "eu-west-1", storageClass: nil, serverTime: nil))
    }

    func testAcceptsTheErrorResponseWrapper() {
        let body = Array("<ErrorResponse><Error><Code>SlowDown</Code></Error></ErrorResponse>".utf8)
        XCTAssertEqual(S3ErrorDocument.parse(body), S3ErrorDocument(code: "SlowDown"))
    }

    func testReturnsNilForBodiesThatAreNotAnErrorDocument() {
        for body in ["", "<html><body>Oops</body></html>", "<Error><Message>no code</Message></Error>",
                     "<Error><Code> </Code></Error>", "<Error><Code>Broken", "not xml at all"] {
            XCTAssertNil(S3ErrorDocument.parse(Array(body.utf8)), body)
        }
    }

    // MARK: One-line messages

    func testDescribesEachCaseInOneLineThatSaysWhatToDo() {
        let cases: [(S3Error, String)] = [
            (.objectNeedsRestore(bucket: "b", key: "k", storageClass: "GLACIER"),
             "s3://b/k needs to be restored from GLACIER before it can be played "
                + "(aws s3api restore-object --bucket 'b' --key 'k' --restore-request Days=7)."),
            (.invalidCredentials(code: "SignatureDoesNotMatch"),
             "The AWS credentials were rejected (SignatureDoesNotMatch): "
                + "check AWS_SECRET_ACCESS_KEY or the profile's aws_secret_access_key."),
            (.invalidCredentials(code: "InvalidAccessKeyId"),
             "The AWS access key ID is not known to this endpoint (InvalidAccessKeyId): "
                + "check AWS_ACCESS_KEY_ID or the profile's aws_access_key_id, and the endpoint URL."),
            (.noSuchKey(bucket: "b", key: "Low/01 Sunflower.mp3"),
             "s3://b/Low/01 Sunflower.mp3 does not exist (NoSuchKey): it was deleted or renamed; rescan the library."),
            (.noSuchBucket(bucket: "b"),
             "s3://b does not exist (NoSuchBucket): check the bucket name and the endpoint URL."),
            (.accessDenied(bucket: "b", key: nil),
             "Access to s3://b was denied (AccessDenied): the credentials need s3:ListBucket on the bucket."),
            (.wrongRegion(bucket: "b", region: "eu-west-1"),
             "s3://b is in region eu-west-1: set AWS_REGION=eu-west-1 or region = eu-west-1 in the profile."),
            (.clockSkewed(serverTime: "2024-01-01T00:20:00Z"),
             "This computer's clock is more than 15 minutes off (RequestTimeTooSkewed, S3's time is "
                + "2024-01-01T00:20:00Z): set the system clock, e.g. enable NTP."),
            (.throttled(code: "SlowDown"), "S3 is limiting the request rate (SlowDown): wait a minute and try again."),
            (.serverError(status: 503, code: nil),
             "S3 failed with HTTP 503: this is usually temporary; try again in a minute."),
            (.unexpected(status: 400, code: "InvalidArgument", message: "Bad\nthing"),
             "S3 refused the request with HTTP 400 (InvalidArgument: Bad\\nthing)."),
        ]
        for (error, expected) in cases {
            XCTAssertEqual(error.description, expected)
        }
    }

    func testEveryCaseDescribesInExactlyOneLine() {
        let all: [S3Error] = [
            .invalidCredentials(code: "SignatureDoesNotMatch"), .accessDenied(bucket: "b", key: "k\n"),
            .accessDenied(bucket: "b", key: nil), .noSuchBucket(bucket: "b\r"), .noSuchKey(bucket: "b", key: "k\u{2028}"),
            .objectNeedsRestore(bucket: "b", key: "it's\n", storageClass: nil), .expiredToken,
            .clockSkewed(serverTime: nil), .wrongRegion(bucket: "b", region: nil),
            .objectChanged(bucket: "b", key: "k"), .invalidRange(bucket: "b", key: "k"), .throttled(code: "SlowDown"),
            .serverError(status: 500, code: "InternalError"), .network(endpoint: "https://s3", reason: "reset\n"),
            .malformedResponse("line1\nline2"), .unexpected(status: 400, code: nil, message: nil),
        ]
        for error in all {
            let text = error.description
            XCTAssertFalse(text.unicodeScalars.contains { $0.properties.generalCategory == .control
                               || $0 == "\u{2028}" }, text)
            XCTAssertFalse(text.isEmpty)
        }
    }

    func testEscapesControlCharactersAndQuotesInKeys() {
        XCTAssertEqual(S3Error.objectNeedsRestore(bucket: "b", key: "it's\n\u{1}", storageClass: nil).description,
                       "s3://b/it's\\n\\u{1} needs to be restored from archive storage before it can be played "
                        + "(aws s3api restore-object --bucket 'b' --key 'it'\\''s\\n\\u{1}' --restore-request Days=7).")
    }

    func testNeverShowsAPresignedURLsQueryOrUserInfo() {
        let presigned = "https://b.s3.amazonaws.com/k.mp3?X-Amz-Credential=AKIA%2F&X-Amz-Signature=abcdef"
        XCTAssertEqual(S3Error.network(endpoint: presigned, reason: "Connection reset by peer").description,
                       "Could not reach https://b.s3.amazonaws.com/k.mp3: Connection reset by peer; "
                        + "check the network connection and the endpoint URL.")
        let withPassword = "http://minio:s3cr3t@localhost:9000/music"
        XCTAssertEqual(S3Error.network(endpoint: withPassword, reason: "Connection refused").description,
                       "Could not reach http://localhost:9000/music: Connection refused; "
                        + "check the network connection and the endpoint URL.")
    }

    // MARK: Retry classification

    func testRetriesOnlyThrottlingServerFailuresAndNetworkErrors() {
        let matrix: [(S3Error, Bool)] = [
            (.throttled(code: "SlowDown"), true),
            (.throttled(code: "HTTP 429"), true),
            (.serverError(status: 500, code: "InternalError"), true),
            (.serverError(status: 502, code: nil), true),
            (.serverError(status: 503, code: nil), true),
            (.serverError(status: 504, code: nil), true),
            (.serverError(status: 501, code: "NotImplemented"), false),
            (.serverError(status: 505, code: nil), false),
            (.network(endpoint: "https://s3.amazonaws.com", reason: "Connection refused"), true),
            (.invalidCredentials(code: "SignatureDoesNotMatch"), false),
            (.accessDenied(bucket: "b", key: "k"), false),
            (.noSuchBucket(bucket: "b"), false),
            (.noSuchKey(bucket: "b", key: "k"), false),
            (.objectNeedsRestore(bucket: "b", key: "k", storageClass: "GLACIER"), false),
            (.expiredToken, false),
            (.clockSkewed(serverTime: nil), false),
            (.wrongRegion(bucket: "b", region: "eu-west-1"), false),
            (.objectChanged(bucket: "b", key: "k"), false),
            (.invalidRange(bucket: "b", key: "k"), false),
            (.malformedResponse("x"), false),
            (.unexpected(status: 400, code: "InvalidArgument", message: nil), false),
        ]
        for (error, retryable) in matrix {
            XCTAssertEqual(error.isRetryable, retryable, "\(error)")
        }
    }
}
