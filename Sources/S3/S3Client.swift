import Foundation
import HTTPTransport

/// An S3 (or S3-compatible) client: signs every request with SigV4, retries transient failures
/// as the AWS SDKs' standard mode does, and turns failures into `S3Error`s.
public final class S3Client: Sendable {
    public let settings: S3ClientSettings
    private let transport: HTTPTransport
    /// Buckets found in another region than the configured one, for the rest of the process.
    public let bucketRegions = S3BucketRegions()
    private let retryPolicy: S3RetryPolicy
    /// retry_mode = adaptive only: holds requests back after S3 throttles (S3AdaptiveRateLimiter.swift).
    public let rateLimiter: S3AdaptiveRateLimiter?
    private let now: @Sendable () -> Date
    private let sleep: @Sendable (Double) -> Void

    public init(settings: S3ClientSettings, transport: HTTPTransport,
                retryPolicy: S3RetryPolicy? = nil,
                now: @escaping @Sendable () -> Date = { Date() },
                sleep: @escaping @Sendable (Double) -> Void = { Thread.sleep(forTimeInterval: $0) }) {
        self.settings = settings
        self.transport = transport
        self.retryPolicy = retryPolicy ?? S3RetryPolicy(settings: settings.retry)
        self.now = now
        self.sleep = sleep
        rateLimiter = settings.retry.mode == .adaptive
            ? S3AdaptiveRateLimiter(now: { now().timeIntervalSince1970 }, sleep: sleep) : nil
    }

    // MARK: operations

    /// One ListObjectsV2 page (at most 1,000 keys). Keys come back URL-encoded on the wire
    /// (encoding-type=url) so that any byte survives XML, and are decoded by the parser.
    public func listObjectsPage(bucket: String, prefix: String? = nil, delimiter: String? = nil,
                                continuationToken: String? = nil, startAfter: String? = nil,
                                maxKeys: Int? = nil) throws(S3Error) -> ListObjectsV2Page {
        var query: [(name: String, value: String)] = [("list-type", "2"), ("encoding-type", "url")]
        if let prefix, !prefix.isEmpty { query.append(("prefix", prefix)) }
        if let delimiter { query.append(("delimiter", delimiter)) }
        if let continuationToken { query.append(("continuation-token", continuationToken)) }
        if let startAfter { query.append(("start-after", startAfter)) }
        if let maxKeys { query.append(("max-keys", String(maxKeys))) }
        let response = try send(method: "GET", bucket: bucket, key: nil, query: query)
        let body = try readBody(response, bucket: bucket)
        do {
            return try ListObjectsV2Page.parse(body)
        } catch let error as S3Error {
            throw error
        } catch {
            throw S3Error.malformedResponse(String(describing: error))
        }
    }

    /// Every object under `prefix`, page by page in the server's (UTF-8 byte) order.
    /// `onPage` returns false to stop early. A listing that would not end is stopped with
    /// `.endlessListing` (see ListingGuard): a repeated continuation token, keys that go
    /// backwards, a run of empty truncated pages, or more than `keyCap` keys.
    public func listObjects(bucket: String, prefix: String? = nil, startAfter: String? = nil,
                            keyCap: Int = ListingGuard.defaultKeyCap,
                            onPage: (ListObjectsV2Page) throws(S3Error) -> Bool) throws(S3Error) {
        var token: String?
        var guardrail = ListingGuard(bucket: bucket, startAfter: startAfter, keyCap: keyCap)
        repeat {
            let page = try listObjectsPage(bucket: bucket, prefix: prefix, continuationToken: token,
                                           startAfter: token == nil ? startAfter : nil)
            try guardrail.check(page)
            guard try onPage(page) else { return }
            token = page.isTruncated ? page.nextContinuationToken : nil
        } while token != nil
    }

    public func headObject(bucket: String, key: String) throws(S3Error) -> S3ObjectAttributes {
        let response = try send(method: "HEAD", bucket: bucket, key: key)
        return attributes(from: response.head, size: Int64(response.head.headers["Content-Length"] ?? "") ?? 0)
    }

    /// GetObject, streaming. With `ifMatch` (an ETag from an earlier read) a changed object
    /// fails with `.objectChanged` instead of mixing bytes of two versions; so does an answer
    /// whose size disagrees with `expectedSize` (from a listing or an earlier GET). The answer is
    /// checked against the range asked for before any byte is used (ObjectAnswerCheck).
    public func getObject(bucket: String, key: String, range: S3ByteRange? = nil,
                          ifMatch: String? = nil, expectedSize: Int64? = nil,
                          stallTimeout: Double? = nil) throws(S3Error) -> S3ObjectStream {
        var headers: [(name: String, value: String)] = []
        if let range { headers.append(("Range", range.headerValue)) }
        if let ifMatch { headers.append(("If-Match", ifMatch)) }
        let response = try send(method: "GET", bucket: bucket, key: key, headers: headers, stallTimeout: stallTimeout)
        let shape: ObjectAnswerShape
        do {
            shape = try ObjectAnswerCheck.shape(status: response.status, headers: response.head.headers, range: range,
                                                pinned: PinnedObject(size: expectedSize, etag: ifMatch),
                                                bucket: bucket, key: key)
        } catch {
            response.cancel()
            throw error
        }
        return S3ObjectStream(response: response, attributes: attributes(from: response.head, size: shape.size),
                              shape: shape, endpoint: settings.endpointDescription, bucket: bucket, key: key)
    }

    /// The whole range in memory: for small reads (tags, tests). An incomplete answer, or a body
    /// cut off (reset, stalled, below the minimum rate), is asked again under the retry policy,
    /// as a failed request is; failures before the answer's head were already retried by `send`.
    public func getObjectBytes(bucket: String, key: String, range: S3ByteRange? = nil,
                               ifMatch: String? = nil, expectedSize: Int64? = nil) throws(S3Error) -> [UInt8] {
        try getObjectRange(bucket: bucket, key: key, range: range, ifMatch: ifMatch, expectedSize: expectedSize).bytes
    }

    /// `getObjectBytes` with what the answer cost: `transferred` counts the body bytes received
    /// by the attempt that succeeded, those skipped before the range (a 200 for a range) included.
    public func getObjectRange(bucket: String, key: String, range: S3ByteRange? = nil,
                               ifMatch: String? = nil, expectedSize: Int64? = nil)
        throws(S3Error) -> (bytes: [UInt8], transferred: Int64) {
        var attempt = 0
        while true {
            attempt += 1
            let failure: S3Error
            do {
                let stream = try getObject(bucket: bucket, key: key, range: range, ifMatch: ifMatch,
                                           expectedSize: expectedSize)
                do {
                    let bytes = try stream.readAll()
                    return (bytes, stream.bodyBytesReceived)
                } catch {
                    failure = error
                }
            } catch {
                guard case .incompleteAnswer = error else { throw error }
                failure = error
            }
            guard retryPolicy.shouldRetry(failure, attempt: attempt) else { throw failure }
            sleep(retryPolicy.delayBeforeRetry(attempt))
        }
    }

    /// PutObject of a small body (documents, test fixtures); returns the new ETag.
    @discardableResult
    public func putObject(bucket: String, key: String, body: [UInt8],
                          contentType: String = "application/octet-stream") throws(S3Error) -> String {
        let response = try send(method: "PUT", bucket: bucket, key: key,
                                headers: [("Content-Type", contentType)], body: body)
        _ = try? response.readAll(limit: 1 << 20)
        return response.head.headers["ETag"] ?? ""
    }

    public func createBucket(_ bucket: String) throws(S3Error) {
        let response = try send(method: "PUT", bucket: bucket, key: nil, body: [])
        _ = try? response.readAll(limit: 1 << 20)
    }

    public func deleteObject(bucket: String, key: String) throws(S3Error) {
        let response = try send(method: "DELETE", bucket: bucket, key: key)
        _ = try? response.readAll(limit: 1 << 20)
    }

    // MARK: request machinery

    /// Signs and sends, retrying transient failures; returns only a 2xx (or 3xx-free) response.
    private func send(method: String, bucket: String, key: String?,
                      query: [(name: String, value: String)] = [],
                      headers: [(name: String, value: String)] = [], body: [UInt8]? = nil,
                      stallTimeout: Double? = nil) throws(S3Error) -> HTTPResponse {
        var region = bucketRegions.region(of: bucket) ?? settings.region
        var movedToRegion = false
        var attempt = 0
        var headers = headers
        // Signed like every header given: S3 refuses a requester-pays request without it (403).
        if let payer = settings.requestPayer { headers.append(("x-amz-request-payer", payer)) }
        while true {
            attempt += 1
            let failure: S3Error
            let (target, signingRegion) = try settings.target(bucket: bucket, key: key, region: region)
            let request = try signedRequest(method: method, target: target, region: signingRegion, query: query,
                                            headers: headers, body: body, stallTimeout: stallTimeout)
            rateLimiter?.acquireToken()
            do {
                let response = try transport.send(request)
                if (200..<300).contains(response.status) {
                    rateLimiter?.record(throttled: false)
                    return response
                }
                let errorBody = method == "HEAD" ? [] : ((try? response.readAll(limit: 1 << 20)) ?? [])
                failure = S3Error.from(status: response.status, body: errorBody, bucket: bucket, key: key,
                                       bucketRegionHeader: response.head.headers["x-amz-bucket-region"])
            } catch .untrustedCertificate(let detail) {
                throw .untrustedCertificate(endpoint: target.baseURL, detail: detail, caBundle: settings.caBundle)
            } catch {
                failure = .network(endpoint: settings.endpointDescription, reason: error.description)
            }
            if case .throttled = failure {
                rateLimiter?.record(throttled: true)
            } else {
                rateLimiter?.record(throttled: false)
            }
            // A bucket in another region: re-sign for it once and go on (botocore's S3RegionRedirector).
            // The region becomes part of a host name: only a-z, 0-9 and "-" are taken from the server.
            // An access point is signed for its ARN's region, never redirected.
            if case .wrongRegion(_, let bucketRegion?) = failure, bucketRegion != region, !movedToRegion,
               !S3AccessPointARN.looksLikeARN(bucket),
               !bucketRegion.isEmpty, bucketRegion.utf8.count <= 64,
               bucketRegion.utf8.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }) {
                movedToRegion = true
                region = bucketRegion
                bucketRegions.learned(bucketRegion, for: bucket)
                attempt -= 1
                continue
            }
            guard retryPolicy.shouldRetry(failure, attempt: attempt) else { throw failure }
            sleep(retryPolicy.delayBeforeRetry(attempt))
        }
    }

    private func signedRequest(method: String, target: S3RequestTarget, region: String, query: [(name: String, value: String)],
                               headers: [(name: String, value: String)], body: [UInt8]?,
                               stallTimeout: Double?) throws(S3Error) -> HTTPRequest {
        let signer = SigV4Signer(credentials: try currentCredentials(), region: region)
        let payloadHash = body.map(SigV4Signer.payloadHash) ?? SigV4Signer.emptyPayloadHash
        var allHeaders = [(name: "host", value: target.hostHeader)] + headers
        let signingRequest = SigV4Request(method: method, path: target.path, query: query, headers: allHeaders)
        allHeaders += signer.sign(signingRequest, payloadHash: payloadHash, date: now())
        var url = target.baseURL + signer.canonicalURI(target.path)
        if !query.isEmpty { url += "?" + signer.canonicalQueryString(query) }
        return HTTPRequest(method: method, url: url, headers: allHeaders, body: body, stallTimeout: stallTimeout)
    }

    /// Temporary credentials are refreshed by their cache; a source that failed for good ends the request.
    private func currentCredentials() throws(S3Error) -> AWSCredentials {
        guard let cache = settings.credentialCache else { return settings.credentials }
        do {
            return try cache.credentials()
        } catch {
            throw .credentialsUnavailable(error.description)
        }
    }

    private func readBody(_ response: HTTPResponse, bucket: String) throws(S3Error) -> [UInt8] {
        do {
            return try response.readAll(limit: 64 << 20)
        } catch {
            throw S3Error.network(endpoint: settings.endpointDescription, reason: error.description)
        }
    }

    private func attributes(from head: HTTPResponseHead, size: Int64) -> S3ObjectAttributes {
        S3ObjectAttributes(size: size, etag: head.headers["ETag"] ?? "",
                           lastModified: head.headers["Last-Modified"],
                           storageClass: head.headers["x-amz-storage-class"] ?? "STANDARD",
                           contentType: head.headers["Content-Type"])
    }
}

/// `Content-Range: bytes first-last/total` (RFC 9110 §14.4); total may be "*".
struct ContentRange {
    var first: Int64
    var last: Int64
    var total: Int64?

    init?(_ value: String) {
        guard value.hasPrefix("bytes ") else { return nil }
        let spec = value.dropFirst(6)
        let halves = spec.split(separator: "/", maxSplits: 1)
        guard halves.count == 2 else { return nil }
        let bounds = halves[0].split(separator: "-", maxSplits: 1)
        guard bounds.count == 2, let first = Int64(bounds[0]), let last = Int64(bounds[1]) else { return nil }
        self.first = first
        self.last = last
        self.total = Int64(halves[1])
    }
}

extension S3ClientSettings {
    /// Where requests go, for messages: never includes credentials.
    var endpointDescription: String {
        if let endpoint {
            return "\(endpoint.scheme)://\(endpoint.host)" + (endpoint.port.map { ":\($0)" } ?? "")
        }
        return "https://" + endpointFeatures.serviceHost(region: region)
    }
}
