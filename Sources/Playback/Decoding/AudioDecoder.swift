/// A decoder for one track, fed compressed bytes as they arrive (cmus' input plugin, narrowed
/// to what a streaming player needs). Used from one thread.
public protocol AudioDecoder: AnyObject {
    /// The file's total size, so positions and length can be computed from the header.
    func setFileSize(_ bytes: Int64)
    func feed(_ bytes: [UInt8]) throws(PlaybackError)
    /// Says the input has ended; throws `.notAudio` if no frame was ever found.
    func finishInput() throws(PlaybackError)
    func decode(into buffer: UnsafeMutableRawBufferPointer) throws(PlaybackError) -> DecodeStep
    /// Seeks to a sample; returns where output resumes and which byte to feed from next, or nil
    /// until the stream's first frame has been parsed. Past what has been parsed, an exact seek
    /// reads forward from the last known frame, unless `farSeekMethod` made the whole file
    /// indexed (`.exactJump`); `guessing` jumps by the Xing TOC instead (one request,
    /// approximate position; for `.tableGuess` streams).
    func seek(toSample sample: Int64, guessing: Bool) throws(PlaybackError) -> (sample: Int64, inputOffset: Int64)?
    /// How a seek past the frames parsed so far can land in this stream (asked before each such
    /// seek: more frames parsed may tell more).
    func farSeekMethod() -> FarSeekMethod
    /// Samples per channel in the whole track (after gapless trimming), if known.
    var lengthInSamples: Int64? { get }
}

/// The ways a seek past the parsed frames can find its frame.
public enum FarSeekMethod: Equatable, Sendable {
    /// Straight to the exact frame: a CBR stream, whose frame offsets are computed over the file.
    case exactJump
    /// By the Xing/LAME table of contents, with one new range: approximate, within 1/256 of
    /// the file. Taken only when reading forward would cost too much.
    case tableGuess
    /// Nothing to guess from (no VBR header): read forward from the last known frame, exact.
    case readForward
}

public enum DecodeStep: Equatable, Sendable {
    case pcm(bytes: Int)
    case newFormat(PCMFormat)
    case needMore
    case done
}

/// Why a track could not be (fully) played, as one line for the user.
public enum PlaybackError: Error, Sendable, Equatable, CustomStringConvertible {
    case source(ByteSourceError)
    case notAudio(String)
    case decoder(String, reason: String)
    case output(String)
    /// The track was asked to start at or after its end, so nothing of it played.
    case startPastEnd(String, startSeconds: Double, durationSeconds: Double?)

    public var description: String {
        switch self {
        case .source(let error): return error.description
        case .notAudio(let name): return "\(name) is not MPEG audio (no MP3 frame found)"
        case .decoder(let name, let reason): return "\(name) could not be decoded: \(reason)"
        case .output(let reason): return "audio output failed: \(reason)"
        case .startPastEnd(let name, let start, let duration):
            let length = duration.map { " (\(Self.clock($0)) long)" } ?? ""
            return "\(name) has nothing to play from \(Self.clock(start)): that is past its end\(length)"
        }
    }

    /// M:SS, as the rest of the CLI shows times (whole seconds, rounded down).
    private static func clock(_ seconds: Double) -> String {
        let whole = Int(max(0, seconds))
        return "\(whole / 60):" + (whole % 60 < 10 ? "0" : "") + "\(whole % 60)"
    }
}
