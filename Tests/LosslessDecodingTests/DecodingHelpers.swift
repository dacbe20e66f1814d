import Foundation
import HTTPTransport
import PlaybackCore
import Storage
import S3
import TestSupport
import XCTest

/// What a decoder produced from its current position to the end.
struct DecodedTrack {
    var format: PCMFormat?
    var pcm: [UInt8] = []
}

/// Reads `decoder` to `.done`; an `.unavailable` source error is retried at once (the source
/// decides when it delivers again), up to `patience` times.
func decodeToEnd(_ decoder: TrackDecoder, patience: Int = 0, bufferBytes: Int = 48 << 10) throws -> DecodedTrack {
    var track = DecodedTrack()
    var buffer = [UInt8](repeating: 0, count: bufferBytes)
    var retries = 0
    while true {
        let step: DecodeStep
        do {
            step = try buffer.withUnsafeMutableBytes { try decoder.read(into: $0) }
        } catch PlaybackError.source(.unavailable) where retries < patience {
            retries += 1
            continue
        }
        switch step {
        case .pcm(let bytes): track.pcm += buffer[..<bytes]
        case .newFormat(let format): track.format = format
        case .done: return track
        case .needMore: XCTFail("a TrackDecoder never asks for more"); return track
        }
    }
}

/// A local file of the test set as a byte source.
func localSource(_ kind: LosslessTestFiles.Kind) throws -> LocalFileSource {
    try LocalFileSource(path: try LosslessTestFiles.url(kind).path)
}

/// The first position where two byte arrays differ, for a readable failure.
func firstDifference(_ a: [UInt8], _ b: [UInt8]) -> String {
    guard let index = zip(a, b).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset else {
        return a.count == b.count ? "equal" : "lengths \(a.count) and \(b.count)"
    }
    return "first difference at byte \(index) of \(a.count) / \(b.count)"
}

/// A transport that records each request's Range header, then sends it for real.
final class RangeRecordingTransport: HTTPTransport, @unchecked Sendable {
    private let inner: HTTPTransport
    private let lock = NSLock()
    private var sent: [String?] = []

    init(_ inner: HTTPTransport) { self.inner = inner }

    /// The Range header of each GET so far.
    var ranges: [String?] { lock.lock(); defer { lock.unlock() }; return sent }

    func send(_ request: HTTPRequest) throws(HTTPTransportError) -> HTTPResponse {
        if request.method == "GET" {
            lock.lock()
            sent.append(request.headers.first { $0.name.lowercased() == "range" }?.value)
            lock.unlock()
        }
        return try inner.send(request)
    }
}

/// A source that fails with `.unavailable` on the reads numbered in `failingReads` (1-based),
/// as the S3 reader does during an outage, and otherwise passes reads through.
final class OutageSource: ByteSource, @unchecked Sendable {
    private let inner: ByteSource
    private let failingReads: Set<Int>
    private(set) var reads = 0
    private(set) var outages = 0

    init(_ inner: ByteSource, failingReads: Set<Int>) {
        self.inner = inner
        self.failingReads = failingReads
    }

    var displayName: String { inner.displayName }
    var size: Int64? { inner.size }
    var bufferedBytesAhead: Int64 { inner.bufferedBytesAhead }

    func read(maxBytes: Int) throws(ByteSourceError) -> [UInt8]? {
        reads += 1
        if failingReads.contains(reads) {
            outages += 1
            throw .unavailable(displayName, reason: "connection refused (test)")
        }
        return try inner.read(maxBytes: maxBytes)
    }

    func seek(to offset: Int64) { inner.seek(to: offset) }
    func close() { inner.close() }
}
