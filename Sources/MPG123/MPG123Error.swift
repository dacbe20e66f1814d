import CMPG123

/// A libmpg123 failure, or the wrapper's own finding that a stream holds no MPEG audio:
/// the numeric code (so callers can classify it) and a one-line explanation.
public struct MPG123Error: Error, Sendable, Equatable, CustomStringConvertible {
    /// The failures callers tell apart.
    public enum Kind: Sendable, Equatable {
        /// No MPEG audio frame was found: a text file, an empty file, an image, another codec.
        case notMPEGAudio
        /// The stream broke and resync could not find the next frame within its limit.
        case corruptStream
        /// Anything else (bad parameters, out of memory): a bug or a broken system.
        case other
    }

    public let kind: Kind
    /// libmpg123's `mpg123_errors` value; `MPG123_ERR` (-1) for `.notMPEGAudio`.
    public let code: Int
    public let message: String

    public var description: String { message }

    /// From a libmpg123 return value. A plain `MPG123_ERR` hides the real code in the handle
    /// (`mpg123_errcode`), so that is read when a handle is at hand.
    init(code: Int32, handle: OpaquePointer? = nil) {
        var specific = code
        if code == MPG123_ERR.rawValue, let handle {
            specific = mpg123_errcode(handle)
        }
        self.code = Int(specific)
        message = "MPEG decoder: " + String(cString: mpg123_plain_strerror(specific))
        kind = switch specific {
        case MPG123_RESYNC_FAIL.rawValue, MPG123_OUT_OF_SYNC.rawValue: .corruptStream
        default: .other
        }
    }

    private init(kind: Kind, code: Int, message: String) {
        self.kind = kind
        self.code = code
        self.message = message
    }

    /// No frame within `searchedBytes` bytes after any leading ID3v2 tag, or the input ended
    /// (after `searchedBytes` bytes) before one.
    static func notMPEGAudio(searchedBytes: Int64, inputEnded: Bool) -> MPG123Error {
        let message = inputEnded
            ? "not MPEG audio: the data ended after \(searchedBytes) bytes without an MPEG audio frame"
            : "not MPEG audio: no MPEG audio frame in the first \(searchedBytes) bytes"
        return MPG123Error(kind: .notMPEGAudio, code: Int(MPG123_ERR.rawValue), message: message)
    }
}
