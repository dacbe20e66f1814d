import FLAC
import PlaybackCore

/// A `ByteSource` as libFLAC's input. libFLAC's callbacks cannot carry a Swift error, so a
/// failed read is kept here for the track decoder to throw once libFLAC's call returned.
final class ByteSourceFLACInput: FLACByteInput {
    private let source: ByteSource
    private(set) var position: UInt64 = 0
    private var reachedEnd = false
    /// The source's error from the last read that failed; taken by `takeFailure()`.
    private var failure: ByteSourceError?

    init(source: ByteSource) {
        self.source = source
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) -> FLACReadResult {
        let piece: [UInt8]?
        do {
            piece = try source.read(maxBytes: buffer.count)
        } catch {
            failure = error
            return .interrupted
        }
        guard let piece, !piece.isEmpty else {
            reachedEnd = true
            return .endOfStream
        }
        piece.withUnsafeBytes { buffer.copyMemory(from: $0) }
        position += UInt64(piece.count)
        return .bytes(piece.count)
    }

    func seek(to offset: UInt64) -> Bool {
        source.seek(to: Int64(offset))
        position = offset
        reachedEnd = length.map { offset >= $0 } ?? false
        return true
    }

    var length: UInt64? { source.size.map { UInt64($0) } }

    var isAtEnd: Bool { reachedEnd }

    func takeFailure() -> ByteSourceError? {
        defer { failure = nil }
        return failure
    }
}
