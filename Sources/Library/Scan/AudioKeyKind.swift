/// What the scan makes of a key, by its extension (no request is spent on the rest).
enum AudioKeyKind: Equatable {
    /// MPEG audio libmpg123 plays: its tags are read.
    case playable
    /// Audio s3play cannot decode yet: listed in the scan report, never read.
    case unsupported(format: String)
    /// Pictures, playlists, text, cue sheets: ignored.
    case other

    init(key: String) {
        guard let dot = key.lastIndex(of: "."), key[dot...].contains("/") == false else {
            self = .other
            return
        }
        switch key[key.index(after: dot)...].lowercased() {
        case "mp3", "mp2", "mpga": self = .playable
        case "flac": self = .unsupported(format: "FLAC")
        case "ogg", "oga": self = .unsupported(format: "Ogg Vorbis")
        case "opus": self = .unsupported(format: "Opus")
        case "m4a", "aac", "alac": self = .unsupported(format: "AAC/ALAC")
        case "wav", "aif", "aiff": self = .unsupported(format: "uncompressed PCM")
        case "wma": self = .unsupported(format: "WMA")
        default: self = .other
        }
    }
}
