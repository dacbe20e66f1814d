import Glibc
import Synchronization

/// A small HTTP/1.1 origin on 127.0.0.1 serving fixed bodies by path, for tests that need an
/// upstream without SeaweedFS. Keep-alive and pipelining work; GET answers single byte ranges
/// (bytes=a-b, a-, -n) with 206 as S3 does; HEAD gets the GET head without a body; uploads are read
/// (after "100 Continue" when asked) and counted. Every request is recorded.
public final class TinyHTTPServer: Sendable {
    public struct Response: Sendable {
        public var status: Int
        public var body: [UInt8]
        /// Sent with Transfer-Encoding: chunked in chunks of this size when set.
        public var chunkSize: Int?
        public var headers: [(name: String, value: String)]

        public init(status: Int = 200, body: [UInt8] = [], chunkSize: Int? = nil,
                    headers: [(name: String, value: String)] = []) {
            self.status = status
            self.body = body
            self.chunkSize = chunkSize
            self.headers = headers
        }

        public static func ok(_ body: [UInt8]) -> Response { Response(body: body) }
        public static func chunked(_ body: [UInt8], chunkSize: Int) -> Response { Response(body: body, chunkSize: chunkSize) }
    }

    public struct ReceivedRequest: Sendable, Equatable {
        public var method: String
        public var target: String
        public var range: String?
        public var bodyBytes: Int
    }

    public let port: Int
    private let listener: LoopbackListener
    private let received = RequestJournal()

    public init(routes: [String: Response], listenPort: Int = 0) throws {
        let received = self.received
        listener = try LoopbackListener(port: listenPort) { fd, wake in
            HTTPRequestLoop.serve(fd: fd, wake: wake) { exchange in
                let head = exchange.head
                if head.headers.tokens("Expect").contains("100-continue") {
                    try exchange.send(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
                }
                var bodyBytes = 0
                try exchange.input.forwardBody(try HTTPBodyFraming.forRequest(head)) { bodyBytes += $0.count }
                received.requests.withLock {
                    $0.append(ReceivedRequest(method: head.method, target: head.target,
                                              range: head.headers["Range"], bodyBytes: bodyBytes))
                }
                let route = routes[String(head.path)]
                    ?? Response(status: 404, body: Array("<Error><Code>NoSuchKey</Code></Error>".utf8))
                try exchange.send(Self.encode(route, for: head))
                return !exchange.clientCloses
            }
        }
        port = listener.port
    }

    /// Every request read so far, in order.
    public var receivedRequests: [ReceivedRequest] { received.requests.withLock { $0 } }

    public func stop() { listener.stop() }

    deinit { listener.stop() }

    static func encode(_ route: Response, for request: HTTPRequestHead) -> [UInt8] {
        var status = route.status
        var body = route.body
        var extra = route.headers
        if request.method == "GET" || request.method == "HEAD", status == 200, route.chunkSize == nil,
           let range = request.headers["Range"] {
            if let bounds = byteRange(range, length: body.count) {
                status = 206
                extra.append(("Content-Range", "bytes \(bounds.lowerBound)-\(bounds.upperBound)/\(body.count)"))
                body = Array(body[bounds])
            } else {
                status = 416
                extra.append(("Content-Range", "bytes */\(body.count)"))
                body = []
            }
        }
        if request.headers.tokens("Connection").contains("close") { extra.append(("Connection", "close")) }
        var head = HTTPResponseHead.text(status: status, headers: extra)
        let bodyAllowed = request.method != "HEAD" && status != 204 && status != 304
        if let chunkSize = route.chunkSize {
            head += "Transfer-Encoding: chunked\r\n\r\n"
            guard bodyAllowed else { return Array(head.utf8) }
            var bytes = Array(head.utf8)
            var offset = 0
            while offset < body.count {
                let count = min(chunkSize, body.count - offset)
                bytes += Array("\(String(count, radix: 16))\r\n".utf8) + body[offset..<offset + count] + [13, 10]
                offset += count
            }
            return bytes + Array("0\r\n\r\n".utf8)
        }
        if status != 204 && status != 304 { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        return Array(head.utf8) + (bodyAllowed ? body : [])
    }

    /// Inclusive byte bounds of a single "bytes=" range (RFC 9110 §14.1.2), nil if unsatisfiable.
    static func byteRange(_ header: String, length: Int) -> ClosedRange<Int>? {
        guard header.hasPrefix("bytes="), length > 0 else { return nil }
        let spec = header.dropFirst("bytes=".count)
        let parts = spec.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        if parts[0].isEmpty {
            guard let suffix = Int(parts[1]), suffix > 0 else { return nil }
            return max(0, length - suffix)...(length - 1)
        }
        guard let first = Int(parts[0]), first < length else { return nil }
        let last = parts[1].isEmpty ? length - 1 : min(Int(parts[1]) ?? -1, length - 1)
        return first <= last ? first...last : nil
    }
}

private final class RequestJournal: Sendable {
    let requests = Mutex<[TinyHTTPServer.ReceivedRequest]>([])
}
