/// What the scan makes of a key, by its extension (no request is spent on the rest).
public enum AudioKeyKind: Equatable, Sendable {
    /// Audio whose tags the scan reads: MP3, FLAC, Ogg Vorbis, Opus, WAV, AIFF (what the file
    /// is, is decided by its first bytes, not by this extension).
    case playable
    /// Audio s3play cannot decode yet: listed in the scan report, never read.
    case unsupported(format: String)
    /// Pictures, playlists, text, cue sheets: ignored.
    case other

    /// Whether a file with this name is one the player can play (`:add` of a folder or prefix).
    public static func isPlayable(_ key: String) -> Bool { AudioKeyKind(key: key) == .playable }

    public init(key: String) {
        guard let dot = key.lastIndex(of: "."), key[dot...].contains("/") == false else {
            self = .other
            return
        }
        switch key[key.index(after: dot)...].lowercased() {
        case "mp3", "mp2", "mpga", "flac", "ogg", "oga", "opus", "wav", "wave", "aif", "aiff", "aifc":
            self = .playable
        case "m4a", "aac", "alac": self = .unsupported(format: "AAC/ALAC")
        case "wma": self = .unsupported(format: "WMA")
        default: self = .other
        }
    }
}
