import Library
import Storage

/// An entry's identity in the queue: stable while the entry stays, never reused within one
/// queue, so a command that names an entry (remove, move, play) cannot hit the wrong one after
/// the list changed under the user's cursor. The same song enqueued twice is two entries.
public struct QueueEntryID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var rawValue: UInt64
    public init(_ rawValue: UInt64) { self.rawValue = rawValue }
    public static func < (lhs: QueueEntryID, rhs: QueueEntryID) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { "#\(rawValue)" }
}

/// What an entry plays: a song of the catalog, or a location outside it (an imported playlist
/// line, a restored entry whose song the catalog no longer knows).
public struct QueueItem: Sendable, Hashable {
    public var title: String
    public var artist: String?
    /// The album its tags name (a catalog song's album, or a file's own tag when added by path).
    public var album: String?
    /// What the app opens: typed once, where the entry came from (the catalog, `:add`, a
    /// playlist, the state file), never parsed again on the way to the byte source. A presigned
    /// URL cannot be one (`StorageLocation(parsing:)` refuses URLs).
    public var location: TrackLocation
    public var durationSeconds: Double?
    /// The catalog's id, when the item is (or was) a catalog song.
    public var songID: SongID?
    /// The catalog's song, when the item came from the catalog.
    public var song: Song?

    public init(title: String, artist: String? = nil, album: String? = nil, location: TrackLocation,
                durationSeconds: Double? = nil, songID: SongID? = nil) {
        self.title = title
        self.artist = artist
        self.album = album
        self.location = location
        self.durationSeconds = durationSeconds
        self.songID = songID
    }

    public init(song: Song) {
        self.init(title: song.title, artist: song.artist, album: song.album, location: song.location,
                  durationSeconds: song.durationSeconds, songID: song.id)
        self.song = song
    }

    /// "Artist - Title", or the title alone: the status line's and #EXTINF's form.
    public var displayName: String {
        guard let artist, !artist.isEmpty else { return title }
        return "\(artist) - \(title)"
    }
}

/// One line of the queue.
public struct QueueEntry: Sendable, Hashable, Identifiable {
    public let id: QueueEntryID
    public let item: QueueItem

    public init(id: QueueEntryID, item: QueueItem) {
        self.id = id
        self.item = item
    }

    public var title: String { item.title }
    public var location: TrackLocation { item.location }
    public var durationSeconds: Double? { item.durationSeconds }
}
