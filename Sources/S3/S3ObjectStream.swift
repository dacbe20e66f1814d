import HTTPTransport

/// The body of a GetObject as it arrives, with what the response head said about the object.
/// Dropping it (or `cancel()`) stops the transfer.
public final class S3ObjectStream: @unchecked Sendable {
    public let attributes: S3ObjectAttributes
    /// Offset in the object of the first byte this stream delivers.
    public let firstByteOffset: Int64
    /// Bytes this stream will deliver in all.
    public let length: Int64
    private let response: HTTPResponse
    private let endpoint: String

    init(response: HTTPResponse, attributes: S3ObjectAttributes, firstByteOffset: Int64, length: Int64, endpoint: String) {
        self.response = response
        self.attributes = attributes
        self.firstByteOffset = firstByteOffset
        self.length = length
        self.endpoint = endpoint
    }

    /// The next piece of the body, nil at its end.
    public func nextChunk() throws(S3Error) -> [UInt8]? {
        do {
            return try response.nextChunk()
        } catch {
            throw S3Error.network(endpoint: endpoint, reason: error.description)
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
