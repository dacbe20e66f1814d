import PlaybackCore

/// Reads a header in order from a `ByteSource`, counting its own position (a `ByteSource` does
/// not say where it stands).
struct ByteSourceCursor {
    let source: ByteSource
    private(set) var position: Int64 = 0

    /// From the source's read position, which is `offset` unless `moving` (then it is moved
    /// there first: a header read again after an outage).
    init(source: ByteSource, at offset: Int64 = 0, moving: Bool) {
        self.source = source
        position = offset
        if moving { source.seek(to: offset) }
    }

    /// `count` bytes, fewer only where the file ends.
    mutating func read(_ count: Int) throws(PCMFileHeaderError) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        do {
            while bytes.count < count, let piece = try source.read(maxBytes: count - bytes.count), !piece.isEmpty {
                bytes += piece
            }
        } catch {
            throw .source(error)
        }
        position += Int64(bytes.count)
        return bytes
    }

    /// Moves past `count` bytes without reading them (one seek; the reader fetches nothing for
    /// what it skips).
    mutating func skip(_ count: Int64) {
        position += count
        source.seek(to: position)
    }
}

extension Array where Element == UInt8 {
    func littleEndian(at offset: Int, bytes: Int) -> UInt64 {
        (0..<bytes).reduce(0) { $0 | UInt64(self[offset + $1]) << (8 * $1) }
    }

    func bigEndian(at offset: Int, bytes: Int) -> UInt64 {
        (0..<bytes).reduce(0) { $0 << 8 | UInt64(self[offset + $1]) }
    }

    func fourCC(at offset: Int) -> String {
        String(decoding: self[offset..<(offset + 4)], as: UTF8.self)
    }
}
