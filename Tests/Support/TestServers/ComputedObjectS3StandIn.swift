import Foundation
import Glibc
import Synchronization

/// An object whose bytes are a function of their offset (`ComputedWAV`): served without being
/// stored, however large.
public protocol ComputedObject: Sendable {
    var size: Int64 { get }
    /// `count` bytes from `offset`, fewer where the object ends.
    func bytes(at offset: Int64, count: Int) -> [UInt8]
}

/// A fake S3 on 127.0.0.1 holding one object too large to keep (a 2-hour 24/96 WAV is 4.1 GB),
/// computed piece by piece as it is sent. HEAD, and GET of the whole object or of one range
/// (206 with Content-Range, as S3 answers); path-style; signatures are not checked. Each request
/// is recorded with the body bytes the socket took, so a test counts GETs and bytes fetched. A
/// client that hangs up mid-body (the S3 reader cancels its GET on a seek) ends that count and
/// that connection, nothing more.
public final class ComputedObjectS3StandIn: Sendable {
    public struct Request: Sendable, Equatable {
        public var method: String
        public var target: String
        public var range: String?
        public var status: Int
        /// Body bytes computed and handed to the socket, each piece counted as it is handed over:
        /// never behind what the client has read. A GET the client hangs up on counts what the
        /// kernel took before that, and the piece it refused; as bytes fetched it errs high.
        public var bodyBytesSent: Int64
    }

    public let port: Int
    public let bucket: String
    public let key: String
    private let listener: LoopbackListener
    private let journal = ComputedObjectJournal()

    /// Pieces of the body are computed and sent this size at a time: large enough that the
    /// computation stays a loop over frames, small enough that a hang-up stops it soon.
    private static let pieceBytes = 256 << 10

    public init(bucket: String, key: String, object: some ComputedObject, etag: String = "\"computed-v1\"") throws {
        self.bucket = bucket
        self.key = key
        let journal = self.journal
        let objectPath = "/\(bucket)/\(key)"
        listener = try LoopbackListener(port: 0) { fd, wake in
            HTTPRequestLoop.serve(fd: fd, wake: wake) { exchange in
                let head = exchange.head
                try exchange.dropBody()
                let path = String(head.path).removingPercentEncoding ?? ""
                let answer = Self.answer(head, found: path == objectPath, size: object.size, etag: etag)
                let index = journal.requests.withLock { requests in
                    requests.append(Request(method: head.method, target: head.target, range: head.headers["Range"],
                                            status: answer.status, bodyBytesSent: 0))
                    return requests.count - 1
                }
                try Self.sendHead(answer, fd, wake)
                var offset = answer.body.lowerBound
                while offset < answer.body.upperBound {
                    let piece = object.bytes(at: offset, count: Int(min(Int64(Self.pieceBytes), answer.body.upperBound - offset)))
                    guard !piece.isEmpty else { break }  // an object shorter than its `size`
                    // Counted before it is sent, so the count is never behind what the client read.
                    journal.requests.withLock { $0[index].bodyBytesSent += Int64(piece.count) }
                    try LoopbackSocket.sendAll(fd, piece, wake: wake)
                    offset += Int64(piece.count)
                }
                return !exchange.clientCloses
            }
        }
        port = listener.port
    }

    public var endpoint: String { "http://127.0.0.1:\(port)" }

    /// Every request so far, in order.
    public var requests: [Request] { journal.requests.withLock { $0 } }

    public func stop() { listener.stop() }

    deinit { listener.stop() }

    /// A head to send, then either fixed bytes (an error document) or a range of the object.
    private struct Answer {
        var status: Int
        var headers: [(String, String)]
        var document: [UInt8] = []
        var body: Range<Int64> = 0..<0
    }

    private static func answer(_ head: HTTPRequestHead, found: Bool, size: Int64, etag: String) -> Answer {
        guard found else {
            let document = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchKey</Code></Error>".utf8)
            return Answer(status: 404, headers: [("Content-Type", "application/xml"), ("Content-Length", String(document.count))],
                          document: document)
        }
        guard head.method == "GET" || head.method == "HEAD" else {
            return Answer(status: 405, headers: [("Content-Length", "0")])
        }
        var headers: [(String, String)] = [("ETag", etag), ("Last-Modified", "Wed, 01 Jan 2025 00:00:00 GMT"),
                                           ("Accept-Ranges", "bytes"), ("Content-Type", "audio/wav")]
        guard let rangeHeader = head.headers["Range"], head.method == "GET" else {
            headers.append(("Content-Length", String(size)))
            return Answer(status: 200, headers: headers, body: head.method == "GET" ? 0..<size : 0..<0)
        }
        guard let bounds = TinyHTTPServer.byteRange(rangeHeader, length: Int(size)) else {
            return Answer(status: 416, headers: [("Content-Range", "bytes */\(size)"), ("Content-Length", "0")])
        }
        headers.append(("Content-Range", "bytes \(bounds.lowerBound)-\(bounds.upperBound)/\(size)"))
        headers.append(("Content-Length", String(bounds.count)))
        return Answer(status: 206, headers: headers, body: Int64(bounds.lowerBound)..<Int64(bounds.upperBound + 1))
    }

    /// The head, and the error document if any; the object's bytes follow, computed by the caller.
    private static func sendHead(_ answer: Answer, _ fd: Int32, _ wake: WakeSignal) throws {
        let text = HTTPResponseHead.text(status: answer.status, headers: answer.headers) + "\r\n"
        try LoopbackSocket.sendAll(fd, Array(text.utf8) + answer.document, wake: wake)
    }
}

private final class ComputedObjectJournal: Sendable {
    let requests = Mutex<[ComputedObjectS3StandIn.Request]>([])
}
