/// What one decoder read produced.
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
        case .notAudio(let name):
            // Format-neutral: any file no registered decoder recognises ends here (the registry
            // falls back to its first format, which finds nothing). The list is the formats
            // the CLI registers (`PlaybackWiring.decoders`): a new format is added to both.
            return "\(name) is not audio s3play can play (\(Self.playableFormats)): skip it, or convert it to one of those"
        case .decoder(let name, let reason): return "\(name) could not be decoded: \(reason)"
        case .output(let reason): return "audio output failed: \(reason)"
        case .startPastEnd(let name, let start, let duration):
            let length = duration.map { " (\(ClockText.of($0)) long)" } ?? ""
            return "\(name) has nothing to play from \(ClockText.of(start)): that is past its end\(length)"
        }
    }

    /// The formats named in `notAudio`'s sentence.
    public static let playableFormats = "MP3, FLAC, Ogg Vorbis, Opus, WAV or AIFF"
}
