/// The formats the engine can play, as the CLI registers them: one `TrackDecoderFactory` per
/// format. The engine knows no format; it asks the registry which factory opens a file.
///
/// The file's name is a hint, its first bytes are the evidence: a factory is chosen by the
/// extension when that format recognises the head, else by the first factory that recognises
/// it (an unknown extension, or one that lies: a FLAC file named .mp3), else by the extension
/// alone, else the first factory registered (today's behaviour: libmpg123 looks for a frame in
/// whatever it is given and says "not MPEG audio" when it finds none).
public struct DecoderRegistry: Sendable {
    /// In order of preference; the first is the fallback for a file nothing recognises.
    public let factories: [any TrackDecoderFactory]

    /// How many bytes of a file's start the factories judge: 64 covers every magic number the
    /// formats use (MP3 frame sync or "ID3" at 0, "fLaC" at 0, "RIFF"/"FORM" + type at 8, and
    /// an Ogg stream's codec id in its first packet at 28: "\u{1}vorbis", "OpusHead").
    public static let headBytes = 64

    public init(_ factories: [any TrackDecoderFactory]) {
        precondition(!factories.isEmpty, "a registry needs at least one format")
        self.factories = factories
    }

    /// The factory for a file called `name` (a path or "s3://bucket/key") that starts with `head`.
    public func factory(forName name: String, head: [UInt8]) -> any TrackDecoderFactory {
        let named = Self.fileExtension(of: name).flatMap { ext in factories.first { $0.fileExtensions.contains(ext) } }
        if let named, named.recognizes(head: head) { return named }
        if let recognizing = factories.first(where: { $0.recognizes(head: head) }) { return recognizing }
        return named ?? factories[0]
    }

    /// The lower-cased extension of the last path component ("a.MP3" → "mp3"); nil without one.
    static func fileExtension(of name: String) -> String? {
        let last = name.split(separator: "/", omittingEmptySubsequences: false).last ?? Substring(name)
        guard let dot = last.lastIndex(of: "."), last.index(after: dot) != last.endIndex, dot != last.startIndex else {
            return nil
        }
        return last[last.index(after: dot)...].lowercased()
    }
}
