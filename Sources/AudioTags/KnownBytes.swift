/// The bytes of one object read so far, as separate ranges: a frame walk leaves holes where the
/// pictures are. Ranges are kept sorted by their start.
struct KnownBytes: Sendable {
    private var segments: [(start: Int64, bytes: [UInt8])] = []

    mutating func add(_ bytes: [UInt8], at start: Int64) {
        guard !bytes.isEmpty else { return }
        segments.append((start, bytes))
        segments.sort { $0.start < $1.start }
    }

    /// The bytes of `range` when every one of them has been read.
    func bytes(_ range: Range<Int64>) -> [UInt8]? {
        let run = contiguous(from: range.lowerBound, upTo: range.upperBound)
        return run.count == range.count ? run : nil
    }

    /// The bytes from `start` up to the first byte not read (or `limit`), joining ranges that touch.
    func contiguous(from start: Int64, upTo limit: Int64 = .max) -> [UInt8] {
        var run: [UInt8] = []
        var next = start
        for segment in segments where next < limit {
            let end = segment.start + Int64(segment.bytes.count)
            guard segment.start <= next, next < end else { continue }
            let upper = min(end, limit)
            run += segment.bytes[Int(next - segment.start)..<Int(upper - segment.start)]
            next = upper
        }
        return run
    }
}
