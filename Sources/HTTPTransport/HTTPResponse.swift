import Foundation

/// A response whose body arrives in pieces. The transport keeps at most its configured number
/// of unread body bytes and pauses the transfer beyond that, so a slow reader costs memory
/// bounded by that limit, not by the size of the object.
public final class HTTPResponse: @unchecked Sendable {
    public let head: HTTPResponseHead
    private let body: ResponseBodyBuffer

    init(head: HTTPResponseHead, body: ResponseBodyBuffer) {
        self.head = head
        self.body = body
    }

    deinit { body.cancel() }

    public var status: Int { head.status }

    /// The next piece of the body; nil once it has all arrived. Blocks while nothing is buffered.
    public func nextChunk() throws(HTTPTransportError) -> [UInt8]? {
        try body.next()
    }

    /// The whole remaining body, refusing bodies larger than `limit` (a listing page or an error
    /// document is small; anything huge means the request was not what the caller thought).
    public func readAll(limit: Int = 64 << 20) throws(HTTPTransportError) -> [UInt8] {
        var all: [UInt8] = []
        while let chunk = try nextChunk() {
            all.append(contentsOf: chunk)
            if all.count > limit {
                cancel()
                throw .bodyTooLarge(limit: limit)
            }
        }
        return all
    }

    /// Body bytes received and not yet read: what backpressure keeps bounded.
    public var bufferedBodyBytes: Int { body.bufferedByteCount }

    /// Stops the transfer; bytes not yet read are dropped and `nextChunk` throws `.cancelled`.
    public func cancel() { body.cancel() }
}
