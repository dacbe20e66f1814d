/// Where a `FLACStreamDecoder` reads its bytes: libFLAC's read, seek, tell, length and eof
/// callbacks as one Swift protocol. Called only from inside the decoder's calls, on the
/// thread that makes them.
public protocol FLACByteInput: AnyObject {
    /// Fills the front of `buffer`; `.bytes(0)` is not allowed (say `.endOfStream`).
    func read(into buffer: UnsafeMutableRawBufferPointer) -> FLACReadResult
    /// Moves the read position; false when it cannot.
    func seek(to offset: UInt64) -> Bool
    /// The read position.
    var position: UInt64 { get }
    /// The stream's size in bytes, when known (libFLAC's seek needs it).
    var length: UInt64? { get }
    var isAtEnd: Bool { get }
}

public enum FLACReadResult: Equatable, Sendable {
    case bytes(Int)
    case endOfStream
    /// The input cannot deliver now (an outage): the decoder stops with `.interrupted` and can
    /// go on from the last whole frame (`FLACStreamDecoder.resume`).
    case interrupted
}
