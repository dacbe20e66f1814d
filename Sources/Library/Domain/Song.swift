import Storage

/// One playable song of the library, as the UI and the CLI see it: names and numbers only, no
/// S3 or Discogs types. `location` is what playback opens: typed, with the size and ETag the
/// scan listed for an S3 object.
public struct Song: Sendable, Hashable, Identifiable {
    public var id: SongID
    public var title: String
    /// The track's own artist (TPE1); on a compilation it differs from the album's artist.
    public var artist: String
    /// The artist the song is filed under (album artist, else track artist, else the path).
    public var albumArtist: String
    public var album: String
    public var discNumber: Int?
    public var trackNumber: Int?
    public var year: Int?
    public var genre: String?
    public var durationSeconds: Double?
    /// Relative to the library root.
    public var storageKey: String
    public var location: TrackLocation

    public init(id: SongID, title: String, artist: String, albumArtist: String, album: String,
                discNumber: Int? = nil, trackNumber: Int? = nil, year: Int? = nil, genre: String? = nil,
                durationSeconds: Double? = nil, storageKey: String, location: TrackLocation) {
        self.id = id
        self.title = title
        self.artist = artist
        self.albumArtist = albumArtist
        self.album = album
        self.discNumber = discNumber
        self.trackNumber = trackNumber
        self.year = year
        self.genre = genre
        self.durationSeconds = durationSeconds
        self.storageKey = storageKey
        self.location = location
    }
}

/// A song's identity in the catalog: stable across rescans while its key is unchanged.
public struct SongID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var rawValue: Int64
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public static func < (lhs: SongID, rhs: SongID) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { String(rawValue) }
}
