import SafeText

// Everything that can go wrong talking to S3, as values the player can act on, each with one
// human sentence for the status line (house style, principle 7). Codes and statuses follow the
// S3 error table of the shared API notes (reference/apis.md section 2) and the S3 API reference
// "Error responses".

/// A failed S3 request, classified by what the user (or the retry loop) should do about it.
public enum S3Error: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidCredentials(code: String)                 // SignatureDoesNotMatch, InvalidAccessKeyId
    /// `serverMessage`: S3's own <Message> (a KMS key denial, a policy explanation), kept in the line.
    case accessDenied(bucket: String, key: String?, serverMessage: String? = nil)
    case noSuchBucket(bucket: String)
    case noSuchKey(bucket: String, key: String)
    case objectNeedsRestore(bucket: String, key: String, storageClass: String?)   // 403 InvalidObjectState
    case expiredToken
    case clockSkewed(serverTime: String?)                  // RequestTimeTooSkewed
    case wrongRegion(bucket: String, region: String?)      // AuthorizationHeaderMalformed / PermanentRedirect
    case objectChanged(bucket: String, key: String)        // 412 PreconditionFailed on If-Match
    case invalidRange(bucket: String, key: String)         // 416
    /// A GET answered with other bytes than those asked for (a shifted Content-Range, a status
    /// that is neither 200 nor 206, more bytes than announced): final for this object.
    case wrongBytes(bucket: String, key: String, detail: String)
    /// A GET answered with fewer bytes than asked for (an empty 206, a Content-Length smaller than
    /// its Content-Range, a body that ended early): retried, under the retry budget.
    case incompleteAnswer(bucket: String, key: String, detail: String)
    /// A listing that would not end (a continuation token seen before, keys going backwards) or
    /// that passed the sanity cap on keys.
    case endlessListing(bucket: String, detail: String)
    case throttled(code: String)                           // 503 SlowDown, 429, Throttling*, RequestLimitExceeded
    case serverError(status: Int, code: String?)           // other 5xx
    case network(endpoint: String, reason: String)         // filled by the client from transport errors
    case malformedResponse(String)
    case unexpected(status: Int, code: String?, message: String?)
    /// Temporary credentials could not be refreshed; the text names the source and its reason.
    case credentialsUnavailable(String)
    /// A bucket address or endpoint combination s3play cannot send (an access-point ARN on a
    /// custom endpoint, acceleration with a dotted bucket): the sentence says what is supported.
    case unsupportedAddress(String)
    /// The server's TLS certificate is not signed by a trusted CA. `caBundle`: the bundle in use
    /// (AWS_CA_BUNDLE / ca_bundle), nil for the system's.
    case untrustedCertificate(endpoint: String, detail: String, caBundle: String?)

    /// Maps an HTTP failure. `body` may be empty: errors on HEAD carry no body, so the status alone
    /// decides (404 → noSuchKey when a key is given, else noSuchBucket; 403 → accessDenied; …).
    /// `bucketRegionHeader` is the x-amz-bucket-region response header, if any.
    public static func from(status: Int, body: [UInt8], bucket: String, key: String?,
                            bucketRegionHeader: String? = nil) -> S3Error {
        let document = S3ErrorDocument.parse(body)
        if let document,
           let error = from(document, bucket: bucket, key: key, bucketRegionHeader: bucketRegionHeader) {
            return error
        }
        let code = document?.code
        switch status {
        case 301, 307:  // a redirect to another regional endpoint, with or without a body
            return .wrongRegion(bucket: bucket, region: bucketRegionHeader)
        // HEAD to the wrong region answers 400 with no body but with x-amz-bucket-region.
        case 400 where code == nil && bucketRegionHeader != nil:
            return .wrongRegion(bucket: bucket, region: bucketRegionHeader)
        case 403 where code == nil:
            return .accessDenied(bucket: bucket, key: key)
        case 404 where code == nil:
            if let key { return .noSuchKey(bucket: bucket, key: key) }
            return .noSuchBucket(bucket: bucket)
        case 412 where code == nil:
            return .objectChanged(bucket: bucket, key: key ?? "")
        case 416 where code == nil:
            return .invalidRange(bucket: bucket, key: key ?? "")
        case 429:
            return .throttled(code: code ?? "HTTP 429")
        case 500...599:
            return .serverError(status: status, code: code)
        default:
            return .unexpected(status: status, code: code, message: document?.message)
        }
    }

    /// The codes S3 documents, whatever the status they arrive with.
    private static func from(_ document: S3ErrorDocument, bucket: String, key: String?,
                             bucketRegionHeader: String?) -> S3Error? {
        switch document.code {
        case "SignatureDoesNotMatch", "InvalidAccessKeyId":
            return .invalidCredentials(code: document.code)
        case "AccessDenied":
            return .accessDenied(bucket: bucket, key: key, serverMessage: document.message)
        case "NoSuchBucket":
            return .noSuchBucket(bucket: bucket)
        case "NoSuchKey":
            return .noSuchKey(bucket: bucket, key: key ?? "")
        case "InvalidObjectState":
            return .objectNeedsRestore(bucket: bucket, key: key ?? "", storageClass: document.storageClass)
        case "ExpiredToken":
            return .expiredToken
        case "RequestTimeTooSkewed":
            return .clockSkewed(serverTime: document.serverTime)
        case "AuthorizationHeaderMalformed", "PermanentRedirect":
            return .wrongRegion(bucket: bucket, region: document.region ?? bucketRegionHeader)
        case "PreconditionFailed":
            return .objectChanged(bucket: bucket, key: key ?? "")
        case "InvalidRange":
            return .invalidRange(bucket: bucket, key: key ?? "")
        case let code where isThrottlingCode(code):
            return .throttled(code: code)
        default:
            return nil
        }
    }

    /// The throttling codes the AWS SDKs' standard retry mode treats as throttling (boto3 retries
    /// guide, "standard retry mode"); S3 itself sends SlowDown (503).
    static func isThrottlingCode(_ code: String) -> Bool {
        code.hasPrefix("Throttl") || code.hasSuffix("ThrottledException") || [
            "SlowDown", "RequestLimitExceeded", "BandwidthLimitExceeded", "RequestThrottled",
            "TooManyRequestsException", "ProvisionedThroughputExceededException", "LimitExceededException",
        ].contains(code)
    }

    /// Retry only transient failures, as the AWS SDKs' standard mode does: throttling, 500/502/503/504
    /// and connection-level failures. Never a 4xx client error: repeating it gives the same answer.
    public var isRetryable: Bool {
        switch self {
        case .throttled, .network, .incompleteAnswer: return true
        case .serverError(let status, _): return [500, 502, 503, 504].contains(status)
        default: return false
        }
    }

    /// ONE line: what happened and what to do. Never includes secrets, signatures or presigned
    /// URLs; control characters in keys are escaped so the line stays one line.
    public var description: String {
        switch self {
        case .invalidCredentials(let code) where code == "InvalidAccessKeyId":
            return "The AWS access key ID is not known to this endpoint (InvalidAccessKeyId): "
                + "check AWS_ACCESS_KEY_ID or the profile's aws_access_key_id, and the endpoint URL."
        case .invalidCredentials(let code):
            return "The AWS credentials were rejected (\(oneLine(code))): "
                + "check AWS_SECRET_ACCESS_KEY or the profile's aws_secret_access_key."
        case .accessDenied(let bucket, let key, let message?):
            return "Access to \(url(bucket, key)) was denied (AccessDenied: \"\(oneLine(message))\"): "
                + "S3's message says why; check the bucket policy, any KMS key policy and the credentials' permissions."
        case .accessDenied(let bucket, let key?, nil):
            return "Access to \(url(bucket, key)) was denied (AccessDenied): the credentials need "
                + "s3:GetObject on it (without s3:ListBucket a missing key is also reported this way)."
        case .accessDenied(let bucket, nil, nil):
            return "Access to \(url(bucket, nil)) was denied (AccessDenied): "
                + "the credentials need s3:ListBucket on the bucket."
        case .noSuchBucket(let bucket):
            return "\(url(bucket, nil)) does not exist (NoSuchBucket): check the bucket name and the endpoint URL."
        case .noSuchKey(let bucket, let key):
            return "\(url(bucket, key)) does not exist (NoSuchKey): it was deleted or renamed; rescan the library."
        case .objectNeedsRestore(let bucket, let key, let storageClass):
            return "\(url(bucket, key)) needs to be restored from \(oneLine(storageClass ?? "archive storage")) "
                + "before it can be played (aws s3api restore-object --bucket \(shellQuoted(bucket)) "
                + "--key \(shellQuoted(key)) --restore-request Days=7)."
        case .expiredToken:
            return "The AWS session token has expired (ExpiredToken): "
                + "refresh the credentials (e.g. aws sso login) and AWS_SESSION_TOKEN."
        case .clockSkewed(let serverTime):
            let server = serverTime.map { ", S3's time is \(oneLine($0))" } ?? ""
            return "This computer's clock is more than 15 minutes off (RequestTimeTooSkewed\(server)): "
                + "set the system clock, e.g. enable NTP."
        case .wrongRegion(let bucket, let region?):
            return "\(url(bucket, nil)) is in region \(oneLine(region)): "
                + "set AWS_REGION=\(oneLine(region)) or region = \(oneLine(region)) in the profile."
        case .wrongRegion(let bucket, nil):
            return "\(url(bucket, nil)) is in another region than the one configured: "
                + "set AWS_REGION or the profile's region to the bucket's region."
        case .objectChanged(let bucket, let key):
            return "\(url(bucket, key)) was replaced while it was being read (PreconditionFailed): "
                + "play it again to read the new version."
        case .invalidRange(let bucket, let key):
            return "\(url(bucket, key)) is shorter than expected (InvalidRange): "
                + "it changed since it was listed; rescan the library."
        case .wrongBytes(let bucket, let key, let detail):
            return "The server answered a read of \(url(bucket, key)) with other bytes than those asked for "
                + "(\(oneLine(detail))): check the endpoint URL, or the proxy in front of it."
        case .incompleteAnswer(let bucket, let key, let detail):
            return "The server's answers to a read of \(url(bucket, key)) stay incomplete "
                + "(\(oneLine(detail))): try again later, or check the endpoint URL."
        case .endlessListing(let bucket, let detail):
            return "The listing of \(url(bucket, nil)) was stopped: \(oneLine(detail)); "
                + "the server (or a proxy in front of it) is not answering as S3 does."
        case .throttled(let code):
            return "S3 is limiting the request rate (\(oneLine(code))): wait a minute and try again."
        case .serverError(let status, let code):
            return "S3 failed with HTTP \(status)\(code.map { " \(oneLine($0))" } ?? ""): "
                + "this is usually temporary; try again in a minute."
        case .network(let endpoint, let reason):
            return "Could not reach \(oneLine(redacted(endpoint))): \(oneLine(reason)); "
                + "check the network connection and the endpoint URL."
        case .malformedResponse(let detail):
            return "The S3 endpoint sent a response that could not be read (\(oneLine(detail))): "
                + "check that the endpoint URL points to an S3 server."
        case .credentialsUnavailable(let detail):
            return oneLine(detail) + "."
        case .unsupportedAddress(let sentence):
            return oneLine(sentence) + "."
        case .untrustedCertificate(let endpoint, let detail, let caBundle?):
            return "The certificate of \(oneLine(redacted(endpoint))) is not signed by the CA bundle \(oneLine(caBundle)) "
                + "(\(oneLine(detail))): point AWS_CA_BUNDLE or ca_bundle in the AWS profile at the PEM file of the CA that signed it."
        case .untrustedCertificate(let endpoint, let detail, nil):
            return "The certificate of \(oneLine(redacted(endpoint))) is not trusted (\(oneLine(detail))): "
                + "for a private CA (MinIO, Ceph, a NAS), set AWS_CA_BUNDLE or ca_bundle in the AWS profile to the CA's PEM file."
        case .unexpected(let status, let code, let message):
            let what = [code, message].compactMap { $0.map(oneLine) }.joined(separator: ": ")
            return "S3 refused the request with HTTP \(status)\(what.isEmpty ? "" : " (\(what))")."
        }
    }
}

// MARK: Message helpers

/// "s3://bucket/key" or "s3://bucket", made printable.
private func url(_ bucket: String, _ key: String?) -> String {
    oneLine("s3://\(bucket)" + (key.map { "/\($0)" } ?? ""))
}

/// Escapes control characters (keys may contain them; S3 allows any UTF-8) so a message stays
/// one line, and shortens server-supplied text to 300 characters.
private func oneLine(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars.prefix(300) {
        switch scalar.value {
        case 0x0A: out += "\\n"
        case 0x0D: out += "\\r"
        case 0x09: out += "\\t"
        case 0x00..<0x20, 0x7F, 0x85, 0x2028, 0x2029:
            out += "\\u{\(String(scalar.value, radix: 16))}"
        default: out.unicodeScalars.append(scalar)
        }
    }
    return text.unicodeScalars.count > 300 ? out + "…" : out
}

/// An endpoint is shown without its query (a presigned URL carries the signature there) and
/// without any "user:password@".
private func redacted(_ endpoint: String) -> String {
    URLRedaction.redacted(endpoint)
}

/// A POSIX-shell single-quoted word, so the suggested command can be pasted as is.
private func shellQuoted(_ word: String) -> String {
    "'" + oneLine(word).split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
}
