// AWS Signature Version 4, header form ("Authorization: AWS4-HMAC-SHA256 ..."), as specified in
// docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html and checked against the
// aws-c-auth test suite (tests/aws-signing-test-suite/v4) and the S3 documentation's examples.
// The signer is a pure function of (request, payload hash, date): no clock, no I/O, so a test can
// pin the date and compare every intermediate string.

import Crypto
import Foundation

/// A request as the signer sees it. Everything is raw (unencoded): the signer encodes the path and
/// query once, and the caller sends exactly `canonicalURI(path)` and `canonicalQueryString(query)`
/// so what is signed and what is sent can never drift apart.
public struct SigV4Request: Sendable {
    public var method: String
    /// Raw, not encoded, starts with "/", e.g. "/bucket/a b+c.mp3".
    public var path: String
    /// Raw, not encoded; order does not matter (the canonical form sorts).
    public var query: [(name: String, value: String)]
    /// Must include "host" (with ":port" when non-default). Repeated names are signed as one
    /// comma-joined value, in the order given.
    public var headers: [(name: String, value: String)]

    public init(method: String, path: String, query: [(name: String, value: String)] = [],
                headers: [(name: String, value: String)] = []) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
    }
}

public struct SigV4Signer: Sendable {
    public enum PathEncoding: Sendable {
        /// S3: encode the raw path once, keep "/", no dot-segment normalization ("a/../b" and
        /// "a//b" are distinct S3 keys).
        case s3
        /// Every other AWS service: the path is taken as sent on the wire and encoded once more
        /// (AWS's "double encoding"), optionally after RFC 3986 dot-segment removal and "//"
        /// collapsing. Used to run the official test suite, whose request.txt paths are wire paths.
        case standard(normalize: Bool)
    }

    /// SHA-256 of the empty body, for GET/HEAD.
    public static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    /// Tells S3 the body is not hashed (valid over TLS; S3 still checks Content-MD5 if sent).
    public static let unsignedPayload = "UNSIGNED-PAYLOAD"

    public let credentials: AWSCredentials
    public let region: String
    public let service: String
    public let pathEncoding: PathEncoding
    /// S3 rejects requests without x-amz-content-sha256; the generic suite cases do not carry it.
    public let addsContentSHA256Header: Bool

    public init(credentials: AWSCredentials, region: String, service: String = "s3",
                pathEncoding: PathEncoding = .s3, addsContentSHA256Header: Bool = true) {
        self.credentials = credentials
        self.region = region
        self.service = service
        self.pathEncoding = pathEncoding
        self.addsContentSHA256Header = addsContentSHA256Header
    }

    // MARK: Canonical request parts

    /// The canonical URI. For `.s3` this is also exactly what goes on the wire as the URL path.
    public func canonicalURI(_ path: String) -> String {
        guard !path.isEmpty else { return "/" }
        switch pathEncoding {
        case .s3:
            return S3URIEncoding.encode(path, keepingSlashes: true)
        case .standard(let normalize):
            return S3URIEncoding.encode(normalize ? Self.normalizedPath(path) : path, keepingSlashes: true)
        }
    }

    /// Names and values encoded (so "/" is %2F), sorted by name then value, joined with "&"; a name
    /// without a value becomes "name=". Also used verbatim as the URL query.
    public func canonicalQueryString(_ query: [(name: String, value: String)]) -> String {
        query.map { (name: S3URIEncoding.encode($0.name, keepingSlashes: false),
                     value: S3URIEncoding.encode($0.value, keepingSlashes: false)) }
            // Encoded strings are ASCII, so byte order is the code-point order AWS sorts by.
            .sorted { ($0.name, $0.value) < ($1.name, $1.value) }
            .map { "\($0.name)=\($0.value)" }
            .joined(separator: "&")
    }

    public func canonicalRequest(_ request: SigV4Request, payloadHash: String, date: Date) -> String {
        let headers = canonicalHeaders(request, payloadHash: payloadHash, date: date)
        return [
            request.method,
            canonicalURI(request.path),
            canonicalQueryString(request.query),
            headers.map { "\($0.name):\($0.value)\n" }.joined(),
            Self.signedHeaderList(headers),
            payloadHash,
        ].joined(separator: "\n")
    }

    public func stringToSign(canonicalRequest: String, date: Date) -> String {
        let stamp = SigV4Timestamp(date)
        return [
            Self.algorithm,
            stamp.dateTime,
            credentialScope(stamp),
            Self.hex(SHA256.hash(data: Array(canonicalRequest.utf8))),
        ].joined(separator: "\n")
    }

    /// Returns the headers to ADD to the request: x-amz-date, x-amz-content-sha256 (when
    /// addsContentSHA256Header), x-amz-security-token (with session token), authorization.
    /// Any of these already in `request.headers` are replaced, not signed twice.
    public func sign(_ request: SigV4Request, payloadHash: String, date: Date) -> [(name: String, value: String)] {
        let stamp = SigV4Timestamp(date)
        let headers = canonicalHeaders(request, payloadHash: payloadHash, date: date)
        let canonical = canonicalRequest(request, payloadHash: payloadHash, date: date)
        let toSign = stringToSign(canonicalRequest: canonical, date: date)
        let signature = Self.hex(HMAC<SHA256>.authenticationCode(
            for: Array(toSign.utf8), using: SymmetricKey(data: signingKey(stamp))))
        let authorization = "\(Self.algorithm) Credential=\(credentials.accessKeyID)/\(credentialScope(stamp)), "
            + "SignedHeaders=\(Self.signedHeaderList(headers)), Signature=\(signature)"
        return signerOwnedHeaders(payloadHash: payloadHash, stamp: stamp) + [("authorization", authorization)]
    }

    // MARK: Internals

    private static let algorithm = "AWS4-HMAC-SHA256"

    /// Headers a proxy or the HTTP library may add, drop or rewrite after signing; signing them
    /// would break the signature in transit. Same list as botocore's SIGNED_HEADERS_BLACKLIST,
    /// plus "authorization" so re-signing a request does not sign its old signature.
    private static let unsignableHeaders: Set<String> = [
        "authorization", "connection", "expect", "keep-alive", "proxy-authenticate",
        "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "user-agent",
        "x-amzn-trace-id",
    ]
    private static let signerOwnedHeaderNames: Set<String> = [
        "x-amz-date", "x-amz-content-sha256", "x-amz-security-token",
    ]

    private func signerOwnedHeaders(payloadHash: String, stamp: SigV4Timestamp) -> [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = [("x-amz-date", stamp.dateTime)]
        if addsContentSHA256Header { headers.append(("x-amz-content-sha256", payloadHash)) }
        if let token = credentials.sessionToken { headers.append(("x-amz-security-token", token)) }
        return headers
    }

    /// Lowercased names, values trimmed with inner whitespace runs collapsed to one space (the
    /// spec's Trimall), repeated names joined with "," in request order, sorted by name.
    private func canonicalHeaders(_ request: SigV4Request, payloadHash: String, date: Date) -> [(name: String, value: String)] {
        var order: [String] = []
        var values: [String: [String]] = [:]
        let supplied = request.headers.filter {
            let name = $0.name.lowercased()
            return !Self.unsignableHeaders.contains(name) && !Self.signerOwnedHeaderNames.contains(name)
        }
        for (name, value) in supplied + signerOwnedHeaders(payloadHash: payloadHash, stamp: SigV4Timestamp(date)) {
            let lowered = name.lowercased()
            if values[lowered] == nil { order.append(lowered) }
            values[lowered, default: []].append(Self.trimAll(value))
        }
        return order
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            .map { (name: $0, value: values[$0, default: []].joined(separator: ",")) }
    }

    private static func signedHeaderList(_ headers: [(name: String, value: String)]) -> String {
        headers.map(\.name).joined(separator: ";")
    }

    private static func trimAll(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" })
            .joined(separator: " ")
    }

    private func credentialScope(_ stamp: SigV4Timestamp) -> String {
        "\(stamp.date)/\(region)/\(service)/aws4_request"
    }

    /// kDate = HMAC("AWS4" + secret, yyyymmdd) → kRegion → kService → kSigning("aws4_request").
    private func signingKey(_ stamp: SigV4Timestamp) -> [UInt8] {
        [stamp.date, region, service, "aws4_request"].reduce(Array("AWS4\(credentials.secretAccessKey)".utf8)) { key, part in
            Array(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: SymmetricKey(data: key)))
        }
    }

    /// RFC 3986 section 5.2.4 dot-segment removal plus empty-segment collapsing ("//" → "/"), as
    /// aws-c-auth does for `normalize: true`. A trailing "/" is kept.
    static func normalizedPath(_ path: String) -> String {
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": _ = segments.popLast()
            default: segments.append(segment)
            }
        }
        let joined = "/" + segments.joined(separator: "/")
        let endsWithDirectory = path.hasSuffix("/") || path.hasSuffix("/.") || path.hasSuffix("/..")
        return endsWithDirectory && !segments.isEmpty ? joined + "/" : joined
    }

    /// The payload hash of a request body, as x-amz-content-sha256 and the signature want it.
    public static func payloadHash(_ body: [UInt8]) -> String {
        hex(SHA256.hash(data: body))
    }

    private static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// The two timestamp forms SigV4 needs, computed from the epoch in UTC by hand: a DateFormatter
/// would follow the process locale and calendar (a Buddhist or Japanese calendar gives another
/// year), and a wrong year is a 403 that is hard to diagnose.
struct SigV4Timestamp {
    /// yyyyMMdd'T'HHmmss'Z'
    let dateTime: String
    /// yyyyMMdd
    let date: String

    init(_ instant: Date) {
        let seconds = Int64(instant.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = Self.civilDate(daysSinceEpoch: days)
        date = Self.pad(year, 4) + Self.pad(month, 2) + Self.pad(day, 2)
        dateTime = date + "T" + Self.pad(secondOfDay / 3600, 2) + Self.pad(secondOfDay / 60 % 60, 2)
            + Self.pad(secondOfDay % 60, 2) + "Z"
    }

    /// Proleptic Gregorian date from days since 1970-01-01 (Howard Hinnant's civil_from_days).
    static func civilDate(daysSinceEpoch: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
