import HTTPTransport

/// The body of a GetObject as it arrives, with what the response head said about the object.
/// It delivers exactly the bytes asked for: a body that ends early fails with
/// `.incompleteAnswer`, one that goes on past its Content-Range with `.wrongBytes`, and the
/// leading bytes of a whole-object 200 to a ranged request are skipped (see ObjectAnswerCheck).
/// Dropping it (or `cancel()`) stops the transfer.
public final class S3ObjectStream: @unchecked Sendable {
    public let attributes: S3ObjectAttributes
    /// Offset in the object of the first byte this stream delivers.
    public let firstByteOffset: Int64
    /// Bytes this stream will deliver in all.
    public let length: Int64
    /// Body bytes received so far, skipped ones included: what the request cost.
    public private(set) var bodyBytesReceived: Int64 = 0
    private let response: HTTPResponse
    private let shape: ObjectAnswerShape
    private let endpoint: String
    private let bucket: String
    private let key: String
    private var delivered: Int64 = 0
    private var toSkip: Int64

    init(response: HTTPResponse, attributes: S3ObjectAttributes, shape: ObjectAnswerShape, endpoint: String,
         bucket: String, key: String) {
        self.response = response
        self.attributes = attributes
        self.shape = shape
        self.firstByteOffset = shape.firstByteOffset
        self.length = shape.length ?? 0
        self.toSkip = shape.bytesToSkip
        self.endpoint = endpoint
        self.bucket = bucket
        self.key = key
    }

    /// The next piece of the body, nil at its end.
    public func nextChunk() throws(S3Error) -> [UInt8]? {
        while true {
            if shape.stopsEarly, let length = shape.length, delivered >= length {
                response.cancel()
                return nil
            }
            let received: [UInt8]?
            do {
                received = try response.nextChunk()
            } catch {
                throw S3Error.network(endpoint: endpoint, reason: error.description)
            }
            guard var piece = received else {
                if let length = shape.length, delivered < length {
                    throw .incompleteAnswer(bucket: bucket, key: key,
                                            detail: "the body ended after \(delivered) of \(length) bytes")
                }
                return nil
            }
            bodyBytesReceived += Int64(piece.count)
            if toSkip > 0 {
                let dropped = Int(min(toSkip, Int64(piece.count)))
                piece.removeFirst(dropped)
                toSkip -= Int64(dropped)
            }
            if let length = shape.length, delivered + Int64(piece.count) > length {
                guard shape.stopsEarly else {
                    response.cancel()
                    throw .wrongBytes(bucket: bucket, key: key, detail: "the body is longer than the \(length) bytes announced")
                }
                piece.removeLast(Int(delivered + Int64(piece.count) - length))
            }
            delivered += Int64(piece.count)
            if !piece.isEmpty { return piece }
        }
    }

    /// Reads the rest of the stream (for small ranges: tag headers, test checks).
    public func readAll() throws(S3Error) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(clamping: length))
        while let chunk = try nextChunk() { bytes.append(contentsOf: chunk) }
        return bytes
    }

    public func cancel() { response.cancel() }
}
