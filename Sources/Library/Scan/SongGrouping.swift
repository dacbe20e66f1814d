import AudioTags
import Foundation

/// Decides under which artist and album a song is filed, and its title and numbers: tags first
/// (album artist TPE2 over the track artist, so a compilation stays one album), then the key's
/// path by the configured patterns, then "Unknown Artist" / "Unknown Album".
public struct SongGrouping: Sendable {
    public static let unknownArtist = "Unknown Artist"
    public static let unknownAlbum = "Unknown Album"
    /// What a compilation without an album artist is filed under, as most players do.
    public static let variousArtists = "Various Artists"

    public var patterns: [PathPattern]

    public init(patterns: [PathPattern] = PathPattern.defaults) {
        self.patterns = patterns
    }

    public struct Grouped: Sendable, Equatable {
        public var title: String
        public var artist: String
        public var albumArtist: String
        public var album: String
        public var discNumber: Int?
        public var trackNumber: Int?
    }

    public func group(key: String, tags: AudioTagSummary) -> Grouped {
        let grouped = groupAsWritten(key: key, tags: tags)
        // One name, one artist: tags (and file systems, macOS's in particular) may spell the same
        // name in NFC or NFD, and the catalog groups by exact text. Keys keep their own bytes.
        return Grouped(title: grouped.title.precomposedStringWithCanonicalMapping,
                       artist: grouped.artist.precomposedStringWithCanonicalMapping,
                       albumArtist: grouped.albumArtist.precomposedStringWithCanonicalMapping,
                       album: grouped.album.precomposedStringWithCanonicalMapping,
                       discNumber: grouped.discNumber, trackNumber: grouped.trackNumber)
    }

    private func groupAsWritten(key: String, tags: AudioTagSummary) -> Grouped {
        let path = PathFields(key: key, patterns: patterns)
        let trackArtist = nonEmpty(tags.artist) ?? path.artist
        let albumArtist = nonEmpty(tags.albumArtist)
            ?? (tags.isCompilation ? Self.variousArtists : nil)
            ?? trackArtist
            ?? Self.unknownArtist
        return Grouped(title: nonEmpty(tags.title) ?? path.title,
                       artist: trackArtist ?? albumArtist,
                       albumArtist: albumArtist,
                       album: nonEmpty(tags.album) ?? path.album ?? Self.unknownAlbum,
                       discNumber: tags.discNumber ?? path.disc,
                       trackNumber: tags.trackNumber ?? path.track)
    }

    private func nonEmpty(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}

/// What the key's path says, by the first pattern that fits.
struct PathFields {
    var artist: String?
    var album: String?
    var title: String
    var track: Int?
    var disc: Int?

    init(key: String, patterns: [PathPattern]) {
        var components = key.split(separator: "/").map(String.init)
        let fileName = components.popLast() ?? key
        let stem = Self.dropExtension(fileName)
        // "CD 2" / "Disc2" folders give the disc and are not the album's name.
        if let last = components.last, let disc = Self.discNumber(folder: last) {
            self.disc = disc
            components.removeLast()
        }
        components.append(stem)
        title = stem
        for pattern in patterns {
            guard let fields = pattern.match(components) else { continue }
            artist = fields[.artist]
            album = fields[.album]
            title = fields[.title] ?? stem
            track = fields[.track].flatMap { Int($0) }
            if disc == nil { disc = fields[.disc].flatMap { Int($0) } }
            return
        }
    }

    static func dropExtension(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    static func discNumber(folder: String) -> Int? {
        let lowered = folder.lowercased()
        for word in ["cd", "disc", "disk"] where lowered.hasPrefix(word) {
            let number = lowered.dropFirst(word.count).trimmingCharacters(in: .whitespaces)
            if !number.isEmpty, number.count <= 2, let value = Int(number) { return value }
        }
        return nil
    }
}
