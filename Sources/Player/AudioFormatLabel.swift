import PlaybackCore

/// The status bar's word for what is playing when it is more than a 16-bit MP3 (issue #14):
/// codec, depth and rate in kHz, "FLAC 24/96", "WAV 16/44.1", "AIFF 32f/48" for float.
public enum AudioFormatLabel {
    /// The codec's name by the file's extension (the decoder that opened it is chosen the same way).
    static func codec(ofLocation location: String) -> String? {
        guard let dot = location.lastIndex(of: "."), !location[dot...].contains("/") else { return nil }
        switch location[location.index(after: dot)...].lowercased() {
        case "mp3": return "MP3"
        case "flac": return "FLAC"
        case "wav", "wave": return "WAV"
        case "aif", "aiff", "aifc": return "AIFF"
        case "ogg", "oga": return "Vorbis"
        case "opus": return "Opus"
        default: return nil
        }
    }

    /// nil for MP3 (always 16-bit here) and while the format is not known yet.
    public static func text(location: String, format: PCMFormat?) -> String? {
        guard let format, let codec = codec(ofLocation: location), codec != "MP3" else { return nil }
        let depth = format.encoding == .float32 ? "32f" : "\(format.encoding.bitDepth)"
        let kilohertz = Double(format.sampleRate) / 1000
        let rate = kilohertz == kilohertz.rounded() ? "\(Int(kilohertz))" : "\(kilohertz)"
        return "\(codec) \(depth)/\(rate)"
    }
}
