/// An album of the library: the songs that share an album artist and an album title.
public struct Album: Sendable, Hashable, Identifiable {
    public var id: AlbumID { AlbumID(artist: artist, title: title) }
    public var title: String
    /// The album artist ("Various Artists" for a compilation without TPE2).
    public var artist: String
    public var year: Int?
    public var songCount: Int
    public var discCount: Int
    public var durationSeconds: Double

    public init(title: String, artist: String, year: Int?, songCount: Int, discCount: Int, durationSeconds: Double) {
        self.title = title
        self.artist = artist
        self.year = year
        self.songCount = songCount
        self.discCount = discCount
        self.durationSeconds = durationSeconds
    }
}

/// Albums are named, not numbered: the same names give the same album after a rescan.
public struct AlbumID: Sendable, Hashable {
    public var artist: String
    public var title: String
    public init(artist: String, title: String) {
        self.artist = artist
        self.title = title
    }
}
