import COpusFile

/// A libopusfile failure: its code (OP_*, opusfile.h) and what it means for the listener.
public struct OpusFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public let code: Int32

    public init(code: Int32) { self.code = code }

    /// Whether the file is not Ogg Opus at all (as opposed to damaged Ogg Opus).
    public var isNotOpus: Bool { code == OP_ENOTFORMAT }

    public var description: String {
        switch code {
        case OP_HOLE: return "a damaged or missing Ogg page interrupts the audio"
        case OP_EREAD: return "reading the file failed"
        case OP_ENOTFORMAT: return "it is not an Ogg Opus stream"
        case OP_EBADHEADER: return "its Opus headers are damaged"
        case OP_EVERSION: return "its Opus version is not supported"
        case OP_ENOTAUDIO: return "its Ogg stream holds no audio"
        case OP_EBADPACKET: return "a damaged Opus packet"
        case OP_EBADLINK: return "a damaged link in the chained Ogg stream (an invalid page or a truncated file)"
        case OP_ENOSEEK: return "the stream cannot seek"
        case OP_EBADTIMESTAMP: return "its granule positions are invalid"
        case OP_EFAULT: return "libopusfile reported an internal error"
        case OP_EIMPL: return "it uses an Opus feature libopusfile does not implement"
        case OP_EINVAL: return "libopusfile was asked something invalid"
        default: return "libopusfile error \(code)"
        }
    }
}
