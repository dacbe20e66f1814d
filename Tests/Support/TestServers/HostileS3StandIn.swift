import Foundation
import Glibc
import Synchronization

/// A fake S3 on 127.0.0.1 that answers well-formed and wrong, as a server behind a misconfigured
/// proxy, CDN or buggy gateway does (issue #19). The bucket name chooses the behaviour, so one
/// stand-in serves every case; every bucket holds the same objects. Path-style requests only;
/// signatures are not checked. Every request is recorded per bucket, so tests count them.
public final class HostileS3StandIn: Sendable {
    /// Bucket names, one per behaviour.
    public enum Behaviour: String, CaseIterable, Sendable {
        /// As S3 answers.
        case honest
        /// 200 with the whole object for every ranged GET (the server ignores Range).
        case fullObjectForRange = "full-object-for-range"
        /// 206 whose Content-Range (and body) start 4,096 bytes after the byte asked for.
        case shiftedContentRange = "shifted-content-range"
        /// 206 with the right Content-Range and no body at all (Content-Length: 0).
        case emptyPartialContent = "empty-partial-content"
        /// 206 whose Content-Length is half its Content-Range.
        case shortContentLength = "short-content-length"
        /// Content-Range totals (and HEAD's length) ten times the real size; ranges past the real
        /// end get an empty 206.
        case lyingTotal = "lying-total"
        /// Listings: every page truncated, always the same NextContinuationToken.
        case repeatedContinuationToken = "repeated-continuation-token"
        /// Listings: IsTruncated true without a NextContinuationToken.
        case missingContinuationToken = "missing-continuation-token"
        /// Listings: every page truncated with a fresh token and the same keys again.
        case freshTokensSameKeys = "fresh-tokens-same-keys"
        /// GET bodies trickle one byte per `slowByteInterval`.
        case oneBytePerInterval = "one-byte-per-interval"
        /// The ETag changes after the first GET of a key, and If-Match is ignored.
        case etagChangesMidObject = "etag-changes-mid-object"
    }

    public struct Request: Sendable, Equatable {
        public var method: String
        public var bucket: String
        public var target: String
        public var range: String?
    }

    public let port: Int
    private let listener: LoopbackListener
    private let journal = StandInJournal()

    /// `objects` by key, the same in every bucket; `slowByteInterval` paces `oneBytePerInterval`.
    public init(objects: [String: [UInt8]], slowByteInterval: Duration = .seconds(1)) throws {
        let journal = self.journal
        let sortedKeys = objects.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        listener = try LoopbackListener(port: 0) { fd, wake in
            HTTPRequestLoop.serve(fd: fd, wake: wake) { exchange in
                let head = exchange.head
                try exchange.dropBody()
                let parts = head.path.dropFirst().split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
                let bucket = parts.first.map(String.init) ?? ""
                let key = parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? "") : ""
                let seenGETs = journal.requests.withLock { requests in
                    let earlier = requests.filter { $0.bucket == bucket && $0.method == "GET" && $0.target == head.target }.count
                    requests.append(Request(method: head.method, bucket: bucket, target: head.target,
                                            range: head.headers["Range"]))
                    return earlier
                }
                guard let behaviour = Behaviour(rawValue: bucket) else {
                    try Self.send(fd, wake, status: 404, body: Array("<Error><Code>NoSuchBucket</Code></Error>".utf8))
                    return true
                }
                if key.isEmpty {
                    let token = Self.query(head.target, "continuation-token")
                    try Self.send(fd, wake, status: 200,
                                  body: Self.listing(sortedKeys, objects: objects, behaviour: behaviour, token: token))
                } else if let body = objects[key] {
                    try Self.answerObject(fd, wake, head: head, body: body, behaviour: behaviour,
                                          laterGET: seenGETs > 0,
                                          slowByteInterval: slowByteInterval)
                } else {
                    try Self.send(fd, wake, status: 404, body: Array("<Error><Code>NoSuchKey</Code></Error>".utf8))
                }
                return true
            }
        }
        port = listener.port
    }

    public var endpoint: String { "http://127.0.0.1:\(port)" }

    /// Every request so far, in order.
    public var requests: [Request] { journal.requests.withLock { $0 } }

    public func requests(in behaviour: Behaviour) -> [Request] { requests.filter { $0.bucket == behaviour.rawValue } }

    public func stop() { listener.stop() }

    deinit { listener.stop() }

    // MARK: answers

    private static func answerObject(_ fd: Int32, _ wake: WakeSignal, head: HTTPRequestHead, body: [UInt8],
                                     behaviour: Behaviour, laterGET: Bool, slowByteInterval: Duration) throws {
        let size = body.count
        let etag = behaviour == .etagChangesMidObject && laterGET ? "\"etag-v2\"" : "\"etag-v1\""
        var headers: [(String, String)] = [("ETag", etag), ("Last-Modified", "Wed, 01 Jan 2025 00:00:00 GMT")]
        let reportedSize = behaviour == .lyingTotal ? size * 10 : size
        guard let rangeHeader = head.headers["Range"], behaviour != .fullObjectForRange else {
            headers.append(("Content-Length", String(reportedSize)))
            return try send(fd, wake, status: 200, headers: headers, body: head.method == "HEAD" ? [] : body,
                            declaredLength: true)
        }
        guard let bounds = TinyHTTPServer.byteRange(rangeHeader, length: reportedSize) else {
            return try send(fd, wake, status: 416, headers: [("Content-Range", "bytes */\(reportedSize)")], body: [])
        }
        var first = bounds.lowerBound
        var last = bounds.upperBound
        if behaviour == .shiftedContentRange {
            first = min(first + 4_096, size - 1)
            last = min(last + 4_096, size - 1)
        }
        headers.append(("Content-Range", "bytes \(first)-\(last)/\(reportedSize)"))
        var slice = first < size ? Array(body[first...min(last, size - 1)]) : []
        switch behaviour {
        case .emptyPartialContent: slice = []
        case .shortContentLength: slice = Array(slice.prefix(max(0, slice.count / 2)))
        default: break
        }
        headers.append(("Content-Length", String(slice.count)))
        if behaviour == .oneBytePerInterval {
            try send(fd, wake, status: 206, headers: headers, body: [], declaredLength: true)
            for byte in slice {
                guard wake.sleep(until: ContinuousClock.now + slowByteInterval) else { throw TestSupportError("stopped") }
                try LoopbackSocket.sendAll(fd, [byte], wake: wake)
            }
            return
        }
        try send(fd, wake, status: 206, headers: headers, body: slice, declaredLength: true)
    }

    private static func listing(_ keys: [String], objects: [String: [UInt8]], behaviour: Behaviour,
                                token: String?) -> [UInt8] {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult>"
        xml += "<Name>\(behaviour.rawValue)</Name><EncodingType>url</EncodingType><KeyCount>\(keys.count)</KeyCount>"
        switch behaviour {
        case .repeatedContinuationToken:
            xml += "<IsTruncated>true</IsTruncated><NextContinuationToken>again</NextContinuationToken>"
        case .missingContinuationToken:
            xml += "<IsTruncated>true</IsTruncated>"
        case .freshTokensSameKeys:
            let next = (token.flatMap { Int($0.dropFirst()) } ?? 0) + 1
            xml += "<IsTruncated>true</IsTruncated><NextContinuationToken>t\(next)</NextContinuationToken>"
        default:
            xml += "<IsTruncated>false</IsTruncated>"
        }
        for key in keys {
            let encoded = key.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~/"))) ?? key
            xml += "<Contents><Key>\(encoded)</Key><LastModified>2025-01-01T00:00:00.000Z</LastModified>"
            xml += "<ETag>&quot;etag-v1&quot;</ETag><Size>\(objects[key]?.count ?? 0)</Size>"
            xml += "<StorageClass>STANDARD</StorageClass></Contents>"
        }
        return Array((xml + "</ListBucketResult>").utf8)
    }

    private static func query(_ target: String, _ name: String) -> String? {
        guard let query = target.split(separator: "?", maxSplits: 1).dropFirst().first else { return nil }
        for pair in query.split(separator: "&") {
            let halves = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if halves.first == Substring(name) { return halves.count > 1 ? String(halves[1]).removingPercentEncoding : "" }
        }
        return nil
    }

    private static func send(_ fd: Int32, _ wake: WakeSignal, status: Int, headers: [(String, String)] = [],
                             body: [UInt8], declaredLength: Bool = false) throws {
        var head = HTTPResponseHead.text(status: status, headers: headers)
        if !declaredLength { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        try LoopbackSocket.sendAll(fd, Array(head.utf8) + body, wake: wake)
    }
}

private final class StandInJournal: Sendable {
    let requests = Mutex<[HostileS3StandIn.Request]>([])
}
