// SigV4 against the official suite (aws-c-auth) and the S3 documentation's worked examples: every
// intermediate string is compared exactly, so a failure points at the step that diverged.

import Foundation
import S3
import XCTest

final class SigV4SignerTests: XCTestCase {
    // MARK: Official suite (service "service", standard path encoding)

    func testSuiteVanillaAndQueryOrderingCases() {
        assertSuiteCases(["get-vanilla", "get-vanilla-query", "get-vanilla-query-order-key-case",
                          "get-vanilla-empty-query-key", "post-vanilla", "post-vanilla-query"])
    }

    func testSuiteUnreservedCharactersStayUnencodedInPathAndQuery() {
        assertSuiteCases(["get-unreserved", "get-vanilla-query-unreserved"])
    }

    func testSuiteUTF8IsPercentEncodedPerByteInPathAndQuery() {
        assertSuiteCases(["get-utf8", "get-vanilla-utf8-query"])
    }

    func testSuiteSpaceSlashAndRelativePathsNormalizedAndUnnormalized() {
        assertSuiteCases([
            "get-space-normalized", "get-space-unnormalized",
            "get-slash-normalized", "get-slash-unnormalized",
            "get-slash-dot-slash-normalized", "get-slash-dot-slash-unnormalized",
            "get-slash-pointless-dot-normalized", "get-slash-pointless-dot-unnormalized",
            "get-slashes-normalized", "get-slashes-unnormalized",
            "get-relative-normalized", "get-relative-unnormalized",
            "get-relative-relative-normalized", "get-relative-relative-unnormalized",
        ])
    }

    func testSuiteHeaderValuesAreTrimmedCollapsedAndDuplicatesJoinedInOrder() {
        assertSuiteCases(["get-header-value-trim", "get-header-key-duplicate", "get-header-value-multiline",
                          "get-header-value-order", "post-header-key-sort", "post-header-value-case"])
    }

    func testSuiteSessionTokenIsSignedAsXAmzSecurityToken() {
        assertSuiteCases(["get-vanilla-with-session-token", "post-sts-header-before"])
    }

    func testSuiteSignedBodyAddsContentSHA256Header() {
        assertSuiteCases(["post-x-www-form-urlencoded", "post-x-www-form-urlencoded-parameters"])
    }

    func testEveryEmbeddedSuiteCaseIsAsserted() {
        let asserted: Set<String> = [
            "get-vanilla", "get-vanilla-query", "get-vanilla-query-order-key-case", "get-vanilla-empty-query-key",
            "post-vanilla", "post-vanilla-query", "get-unreserved", "get-vanilla-query-unreserved", "get-utf8",
            "get-vanilla-utf8-query", "get-space-normalized", "get-space-unnormalized", "get-slash-normalized",
            "get-slash-unnormalized", "get-slash-dot-slash-normalized", "get-slash-dot-slash-unnormalized",
            "get-slash-pointless-dot-normalized", "get-slash-pointless-dot-unnormalized", "get-slashes-normalized",
            "get-slashes-unnormalized", "get-relative-normalized", "get-relative-unnormalized",
            "get-relative-relative-normalized", "get-relative-relative-unnormalized", "get-header-value-trim",
            "get-header-key-duplicate", "get-header-value-multiline", "get-header-value-order",
            "post-header-key-sort", "post-header-value-case", "get-vanilla-with-session-token",
            "post-sts-header-before", "post-x-www-form-urlencoded", "post-x-www-form-urlencoded-parameters",
        ]
        XCTAssertEqual(Set(SigV4SuiteVectors.cases.map(\.name)), asserted)
        XCTAssertEqual(SigV4SuiteVectors.cases.count, 34)
    }

    // MARK: S3 documentation examples (service "s3", S3 path encoding, x-amz-content-sha256)

    private let s3DocCredentials = AWSCredentials(accessKeyID: awsDocExampleKeyID,
                                                  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    private let s3DocDate = Date(timeIntervalSince1970: 1_369_353_600)  // 2013-05-24T00:00:00Z

    func testS3DocExampleRangedGetObjectSignature() {
        let signer = SigV4Signer(credentials: s3DocCredentials, region: "us-east-1")
        let request = SigV4Request(method: "GET", path: "/test.txt",
                                   headers: [("Host", "examplebucket.s3.amazonaws.com"), ("Range", "bytes=0-9")])
        let empty = SigV4Signer.emptyPayloadHash
        let canonical = signer.canonicalRequest(request, payloadHash: empty, date: s3DocDate)
        XCTAssertEqual(canonical, "GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\n"
            + "x-amz-content-sha256:\(empty)\nx-amz-date:20130524T000000Z\n\n"
            + "host;range;x-amz-content-sha256;x-amz-date\n\(empty)")
        XCTAssertEqual(signer.stringToSign(canonicalRequest: canonical, date: s3DocDate),
                       "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
                       + "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972")
        let added = signer.sign(request, payloadHash: empty, date: s3DocDate)
        XCTAssertEqual(added.map(\.name), ["x-amz-date", "x-amz-content-sha256", "authorization"])
        XCTAssertEqual(added.map(\.value), [
            "20130524T000000Z", empty,
            "AWS4-HMAC-SHA256 Credential=\(awsDocExampleKeyID)/20130524/us-east-1/s3/aws4_request, "
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
        ])
    }

    func testS3DocExampleListObjectsSignature() {
        let signer = SigV4Signer(credentials: s3DocCredentials, region: "us-east-1")
        let request = SigV4Request(method: "GET", path: "/", query: [("prefix", "J"), ("max-keys", "2")],
                                   headers: [("host", "examplebucket.s3.amazonaws.com")])
        let empty = SigV4Signer.emptyPayloadHash
        XCTAssertEqual(signer.canonicalRequest(request, payloadHash: empty, date: s3DocDate),
                       "GET\n/\nmax-keys=2&prefix=J\nhost:examplebucket.s3.amazonaws.com\n"
                       + "x-amz-content-sha256:\(empty)\nx-amz-date:20130524T000000Z\n\n"
                       + "host;x-amz-content-sha256;x-amz-date\n\(empty)")
        XCTAssertEqual(signer.sign(request, payloadHash: empty, date: s3DocDate).last?.value,
                       "AWS4-HMAC-SHA256 Credential=\(awsDocExampleKeyID)/20130524/us-east-1/s3/aws4_request, "
                       + "SignedHeaders=host;x-amz-content-sha256;x-amz-date, "
                       + "Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7")
    }

    // MARK: S3 specifics

    func testS3PathIsEncodedOnceWithSlashesKeptAndNoDotSegmentNormalization() {
        let signer = SigV4Signer(credentials: s3DocCredentials, region: "us-east-1")
        XCTAssertEqual(signer.canonicalURI("/bucket/a b+c.mp3"), "/bucket/a%20b%2Bc.mp3")
        XCTAssertEqual(signer.canonicalURI("/bucket/x/../y/./z"), "/bucket/x/../y/./z")
        XCTAssertEqual(signer.canonicalURI("/bucket//leading-slash-key"), "/bucket//leading-slash-key")
        XCTAssertEqual(signer.canonicalURI("/bucket/100%.mp3"), "/bucket/100%25.mp3")
        XCTAssertEqual(signer.canonicalURI("/bucket/"), "/bucket/")
    }

    func testStandardPathEncodingEncodesTheWirePathAgain() {
        let signer = SigV4Signer(credentials: s3DocCredentials, region: "us-east-1", service: "service",
                                 pathEncoding: .standard(normalize: false))
        XCTAssertEqual(signer.canonicalURI("/a%20b"), "/a%2520b")
    }

    func testCanonicalQueryStringSortsByNameThenValueAndEncodesReservedCharacters() {
        let signer = SigV4Signer(credentials: s3DocCredentials, region: "us-east-1")
        let query = signer.canonicalQueryString([
            ("prefix", "Albums/A b"), ("list-type", "2"), ("continuation-token", "1/2+3="),
            ("a", "2"), ("a", "1"), ("delimiter", "/"), ("fetch-owner", ""),
        ])
        XCTAssertEqual(query, "a=1&a=2&continuation-token=1%2F2%2B3%3D&delimiter=%2F&fetch-owner=&list-type=2&prefix=Albums%2FA%20b")
    }

    func testSessionTokenIsAddedAndSignedForS3() {
        let credentials = AWSCredentials(accessKeyID: awsDocExampleKeyID,
                                         secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", sessionToken: "TOKEN/+=")
        let signer = SigV4Signer(credentials: credentials, region: "us-east-1")
        let added = signer.sign(SigV4Request(method: "HEAD", path: "/k", headers: [("host", "b.s3.us-east-1.amazonaws.com")]),
                                payloadHash: SigV4Signer.emptyPayloadHash, date: s3DocDate)
        XCTAssertEqual(added.map(\.name), ["x-amz-date", "x-amz-content-sha256", "x-amz-security-token", "authorization"])
        XCTAssertEqual(added[2].value, "TOKEN/+=")
        XCTAssertTrue(added[3].value.contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token, "))
    }

    func testCallerSuppliedSignerHeadersAreReplacedNotDuplicated() {
        let signer = SigV4Signer(credentials: s3DocCredentials, region: "us-east-1")
        let request = SigV4Request(method: "GET", path: "/k", headers: [
            ("host", "b.s3.us-east-1.amazonaws.com"), ("X-Amz-Date", "19990101T000000Z"),
            ("x-amz-content-sha256", "stale"), ("Authorization", "AWS4-HMAC-SHA256 old"),
        ])
        let canonical = signer.canonicalRequest(request, payloadHash: SigV4Signer.unsignedPayload, date: s3DocDate)
        XCTAssertEqual(canonical, "GET\n/k\n\nhost:b.s3.us-east-1.amazonaws.com\nx-amz-content-sha256:UNSIGNED-PAYLOAD\n"
            + "x-amz-date:20130524T000000Z\n\nhost;x-amz-content-sha256;x-amz-date\nUNSIGNED-PAYLOAD")
    }

    func testHeadersRewrittenInTransitAreNotSigned() {
        let signer = SigV4Signer(credentials: s3DocCredentials, region: "us-east-1")
        let request = SigV4Request(method: "GET", path: "/k", headers: [
            ("host", "h"), ("User-Agent", "s3play/1.0"), ("Connection", "keep-alive"), ("If-Match", "\"etag\""),
        ])
        let authorization = signer.sign(request, payloadHash: SigV4Signer.emptyPayloadHash, date: s3DocDate).last?.value ?? ""
        XCTAssertTrue(authorization.contains("SignedHeaders=host;if-match;x-amz-content-sha256;x-amz-date, "), authorization)
    }

    func testTimestampIsUTCAndCalendarIndependentIncludingLeapDayAndPreEpoch() {
        let signer = SigV4Signer(credentials: s3DocCredentials, region: "eu-west-1")
        func stamp(_ seconds: TimeInterval) -> String {
            signer.stringToSign(canonicalRequest: "", date: Date(timeIntervalSince1970: seconds))
                .split(separator: "\n").dropFirst().prefix(2).joined(separator: " ")
        }
        XCTAssertEqual(stamp(1_440_938_160), "20150830T123600Z 20150830/eu-west-1/s3/aws4_request")
        XCTAssertEqual(stamp(951_868_799.999), "20000229T235959Z 20000229/eu-west-1/s3/aws4_request")
        XCTAssertEqual(stamp(4_107_542_400), "21000301T000000Z 21000301/eu-west-1/s3/aws4_request")
        XCTAssertEqual(stamp(-1), "19691231T235959Z 19691231/eu-west-1/s3/aws4_request")
    }

    func testEmptyPayloadHashConstants() {
        XCTAssertEqual(SigV4Signer.emptyPayloadHash, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SigV4Signer.unsignedPayload, "UNSIGNED-PAYLOAD")
    }

    // MARK: Suite harness

    private let suiteDate = Date(timeIntervalSince1970: 1_440_938_160)  // 2015-08-30T12:36:00Z

    private func assertSuiteCases(_ names: [String], file: StaticString = #filePath, line: UInt = #line) {
        for name in names {
            guard let vector = SigV4SuiteVectors.cases.first(where: { $0.name == name }) else {
                XCTFail("no embedded suite case \(name)", file: file, line: line)
                continue
            }
            let signer = SigV4Signer(
                credentials: AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                            sessionToken: vector.sessionToken),
                region: "us-east-1", service: "service", pathEncoding: .standard(normalize: vector.normalize),
                addsContentSHA256Header: vector.bodyHash != nil)
            let request = Self.parseSuiteRequest(vector.request)
            let payloadHash = vector.bodyHash ?? SigV4Signer.emptyPayloadHash
            let canonical = signer.canonicalRequest(request, payloadHash: payloadHash, date: suiteDate)
            XCTAssertEqual(canonical, vector.canonicalRequest, "\(name): canonical request", file: file, line: line)
            XCTAssertEqual(signer.stringToSign(canonicalRequest: canonical, date: suiteDate), vector.stringToSign,
                           "\(name): string to sign", file: file, line: line)
            let added = signer.sign(request, payloadHash: payloadHash, date: suiteDate)
            var expected = [("x-amz-date", "20150830T123600Z")]
            if let bodyHash = vector.bodyHash { expected.append(("x-amz-content-sha256", bodyHash)) }
            if let token = vector.sessionToken { expected.append(("x-amz-security-token", token)) }
            expected.append(("authorization", vector.authorization))
            XCTAssertEqual(added.map(\.name), expected.map(\.0), "\(name): added header names", file: file, line: line)
            XCTAssertEqual(added.map(\.value), expected.map(\.1), "\(name): added header values", file: file, line: line)
        }
    }

    /// request.txt: "METHOD PATH[?QUERY] HTTP/1.1", then "Name:value" lines (an indented line
    /// continues the previous value), then an empty line and the body. Path and query are raw.
    static func parseSuiteRequest(_ text: String) -> SigV4Request {
        let head = text.components(separatedBy: "\n\n")[0]
        var lines = head.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let requestLine = lines.removeFirst()
        let method = String(requestLine.prefix(while: { $0 != " " }))
        let target = String(requestLine.dropFirst(method.count + 1).dropLast(" HTTP/1.1".count))
        let pathAndQuery = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let query = pathAndQuery.count > 1
            ? pathAndQuery[1].split(separator: "&").map { pair -> (name: String, value: String) in
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
            }
            : []
        var headers: [(name: String, value: String)] = []
        for line in lines where !line.isEmpty {
            if line.first == " " || line.first == "\t", !headers.isEmpty {
                headers[headers.count - 1].value += line
            } else if let colon = line.firstIndex(of: ":") {
                headers.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
            }
        }
        return SigV4Request(method: method, path: String(pathAndQuery[0]), query: query, headers: headers)
    }
}
