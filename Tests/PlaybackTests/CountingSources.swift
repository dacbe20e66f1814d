import Foundation
import HTTPTransport
import PlaybackCore

/// A transport that records each request's method and Range header, then sends it for real.
final class RecordingTransport: HTTPTransport, @unchecked Sendable {
    private let inner: HTTPTransport
    private let lock = NSLock()
    private var sent: [(method: String, range: String?)] = []

    init(_ inner: HTTPTransport) { self.inner = inner }

    var requests: [(method: String, range: String?)] { lock.lock(); defer { lock.unlock() }; return sent }

    func send(_ request: HTTPRequest) throws(HTTPTransportError) -> HTTPResponse {
        lock.lock()
        sent.append((request.method, request.headers.first { $0.name.lowercased() == "range" }?.value))
        lock.unlock()
        return try inner.send(request)
    }
}

/// A byte source that counts the bytes read through it.
final class CountingSource: ByteSource, @unchecked Sendable {
    private let inner: ByteSource
    private let lock = NSLock()
    private var count: Int64 = 0

    init(_ inner: ByteSource) { self.inner = inner }

    var bytesRead: Int64 { lock.lock(); defer { lock.unlock() }; return count }
    var displayName: String { inner.displayName }
    var size: Int64? { inner.size }
    var bufferedBytesAhead: Int64 { inner.bufferedBytesAhead }
    var outage: ByteSourceOutage? { inner.outage }

    func read(maxBytes: Int) throws(ByteSourceError) -> [UInt8]? {
        let bytes = try inner.read(maxBytes: maxBytes)
        lock.lock()
        count += Int64(bytes?.count ?? 0)
        lock.unlock()
        return bytes
    }

    func seek(to offset: Int64) { inner.seek(to: offset) }
    func close() { inner.close() }
}

/// "bytes=FIRST-LAST" → the bytes it can deliver from an object of `size` bytes.
func rangeLength(_ header: String?, size: Int64) -> Int64 {
    guard let header, header.hasPrefix("bytes=") else { return size }
    let bounds = header.dropFirst(6).split(separator: "-").compactMap { Int64($0) }
    guard bounds.count == 2 else { return size }
    return max(0, min(bounds[1], size - 1) - bounds[0] + 1)
}
