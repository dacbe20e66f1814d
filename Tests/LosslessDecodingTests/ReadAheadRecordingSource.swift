import PlaybackCore
import TestSupport

/// A byte source that passes everything to another and records what the engine asks it to keep
/// fetched ahead (`setReadAhead`), and where the track's reads stand: the two numbers a window
/// of N seconds is checked with.
final class ReadAheadRecordingSource: ByteSource, @unchecked Sendable {
    private let inner: ByteSource
    /// Every `setReadAhead(bytes:)`, in order.
    let asked = LockedBox<[Int64]>([])
    /// One past the last byte read (seeks move it).
    let readPosition = LockedBox<Int64>(0)

    init(_ inner: ByteSource) { self.inner = inner }

    var displayName: String { inner.displayName }
    var size: Int64? { inner.size }
    var bufferedBytesAhead: Int64 { inner.bufferedBytesAhead }
    var sequentialBytesPerSecond: Double? { inner.sequentialBytesPerSecond }
    var outage: ByteSourceOutage? { inner.outage }
    func takeNotice() -> String? { inner.takeNotice() }

    func read(maxBytes: Int) throws(ByteSourceError) -> [UInt8]? {
        let piece = try inner.read(maxBytes: maxBytes)
        readPosition.mutate { $0 += Int64(piece?.count ?? 0) }
        return piece
    }

    func seek(to offset: Int64) {
        inner.seek(to: offset)
        readPosition.mutate { $0 = max(0, offset) }
    }

    func setReadAhead(bytes: Int64) {
        asked.mutate { $0.append(bytes) }
        inner.setReadAhead(bytes: bytes)
    }

    func close() { inner.close() }
}
