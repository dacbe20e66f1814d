import CVorbisFile

/// A libvorbisfile failure: its code (OV_*, codec.h) and what it means for the listener.
public struct VorbisFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public let code: Int32

    public init(code: Int32) { self.code = code }

    /// Whether the file is not Ogg Vorbis at all (as opposed to damaged Ogg Vorbis).
    public var isNotVorbis: Bool { code == OV_ENOTVORBIS }

    public var description: String {
        switch code {
        case OV_HOLE: return "a damaged or missing Ogg page interrupts the audio"
        case OV_EREAD: return "reading the file failed"
        case OV_ENOTVORBIS: return "it is not an Ogg Vorbis stream"
        case OV_EBADHEADER: return "its Vorbis headers are damaged"
        case OV_EVERSION: return "its Vorbis version is not supported"
        case OV_ENOTAUDIO: return "its Ogg stream holds no audio"
        case OV_EBADPACKET: return "a damaged Vorbis packet"
        case OV_EBADLINK: return "a damaged link in the chained Ogg stream (an invalid page or a truncated file)"
        case OV_ENOSEEK: return "the stream cannot seek"
        case OV_EFAULT: return "libvorbisfile reported an internal error"
        case OV_EINVAL: return "libvorbisfile was asked something invalid"
        default: return "libvorbisfile error \(code)"
        }
    }
}
