/// A byte source whose first bytes were already read (to choose the format, `DecoderRegistry`)
/// and are handed out again before the rest: the decoder starts at the file's start without a
/// second read of those bytes, so the bytes fetched and read are what they were before
/// formats were sniffed. Everything but reading the head goes to the wrapped source.
final class HeadReplayingSource: ByteSource, @unchecked Sendable {
    private let inner: ByteSource
    /// What is left of the head to hand out; emptied by the reads and by any seek.
    private var head: ArraySlice<UInt8>

    /// `inner`'s read position must be just after `head`.
    init(_ inner: ByteSource, head: [UInt8]) {
        self.inner = inner
        self.head = head[...]
    }

    var displayName: String { inner.displayName }
    var size: Int64? { inner.size }
    var bufferedBytesAhead: Int64 { inner.bufferedBytesAhead + Int64(head.count) }
    var sequentialBytesPerSecond: Double? { inner.sequentialBytesPerSecond }
    var outage: ByteSourceOutage? { inner.outage }
    func takeNotice() -> String? { inner.takeNotice() }

    func read(maxBytes: Int) throws(ByteSourceError) -> [UInt8]? {
        guard !head.isEmpty else { return try inner.read(maxBytes: maxBytes) }
        let piece = head.prefix(max(1, maxBytes))
        head = head.dropFirst(piece.count)
        return Array(piece)
    }

    func seek(to offset: Int64) {
        head = []
        inner.seek(to: offset)
    }

    func setReadAhead(bytes: Int64) { inner.setReadAhead(bytes: bytes) }
    func close() { inner.close() }
}
