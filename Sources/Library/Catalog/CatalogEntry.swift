/// One audio object of the library as the scanner read it: what the catalog stores per key.
/// An object whose tags or audio could not be read carries `problem`; it is stored so a rescan
/// skips it while its fingerprint is unchanged, listed by `CatalogStore.problems()`, and never
/// shown as an artist, album or song.
public struct CatalogEntry: Sendable, Hashable {
    /// Relative to the library root; compared by its UTF-8 bytes (see `StoredObject.key`).
    public var key: String
    public var size: Int64
    public var fingerprint: String
    public var title: String
    /// The track's own artist (TPE1).
    public var artist: String
    /// The artist the song is filed under, as the scanner decided ("Various Artists", TPE2, …).
    public var albumArtist: String
    public var album: String
    public var discNumber: Int?
    public var discTotal: Int?
    public var trackNumber: Int?
    public var trackTotal: Int?
    public var year: Int?
    public var genre: String?
    public var compilation: Bool
    public var durationSeconds: Double?
    public var bitrateKbps: Int?
    public var sampleRate: Int?
    public var channels: Int?
    /// Where the tags came from ("id3v2.4", "id3v1", "path", …), for `s3play info` and debugging.
    public var tagSource: String
    /// Why the object is not playable, one sentence; nil for a song.
    public var problem: String?

    public init(key: String, size: Int64, fingerprint: String, title: String, artist: String,
                albumArtist: String, album: String, discNumber: Int? = nil, discTotal: Int? = nil,
                trackNumber: Int? = nil, trackTotal: Int? = nil, year: Int? = nil, genre: String? = nil,
                compilation: Bool = false, durationSeconds: Double? = nil, bitrateKbps: Int? = nil,
                sampleRate: Int? = nil, channels: Int? = nil, tagSource: String, problem: String? = nil) {
        self.key = key
        self.size = size
        self.fingerprint = fingerprint
        self.title = title
        self.artist = artist
        self.albumArtist = albumArtist
        self.album = album
        self.discNumber = discNumber
        self.discTotal = discTotal
        self.trackNumber = trackNumber
        self.trackTotal = trackTotal
        self.year = year
        self.genre = genre
        self.compilation = compilation
        self.durationSeconds = durationSeconds
        self.bitrateKbps = bitrateKbps
        self.sampleRate = sampleRate
        self.channels = channels
        self.tagSource = tagSource
        self.problem = problem
    }

    /// An undecodable object: stored with its key, size and fingerprint only.
    public static func problem(key: String, size: Int64, fingerprint: String, problem: String,
                               tagSource: String = "none") -> CatalogEntry {
        CatalogEntry(key: key, size: size, fingerprint: fingerprint, title: "", artist: "",
                     albumArtist: "", album: "", tagSource: tagSource, problem: problem)
    }
}
