import Foundation

/// What survives a restart: the queue, where it was, and the modes. Encoded as JSON with a
/// format version; an entry keeps its location (what opens it, in its text form: `s3://…` or a
/// path, parsed again on restore), its title and duration (so it shows before any catalog
/// lookup) and its catalog id when known.
public struct PlayerState: Sendable, Equatable, Codable {
    /// Bumped when the encoding changes in a way an older s3play could misread.
    public static let currentFormatVersion = 1

    public struct Entry: Sendable, Equatable, Codable {
        public var location: String
        public var title: String
        public var artist: String?
        /// Absent in files written before it was kept.
        public var album: String?
        public var durationSeconds: Double?
        public var songID: Int64?

        public init(location: String, title: String, artist: String? = nil, album: String? = nil,
                    durationSeconds: Double? = nil, songID: Int64? = nil) {
            self.location = location
            self.title = title
            self.artist = artist
            self.album = album
            self.durationSeconds = durationSeconds
            self.songID = songID
        }
    }

    public var formatVersion = PlayerState.currentFormatVersion
    public var entries: [Entry] = []
    public var currentIndex: Int?
    public var positionSeconds: Double = 0
    public var volumePercent: Int = 100
    public var shuffle = false
    public var repeatMode: RepeatMode = .off
    /// Set by `PlayerStateStore` on every write (1, 2, 3…): a player that loaded generation 4
    /// and finds 5 in the file knows another player wrote since, and does not overwrite it.
    /// nil in files written before it existed, and in states not yet saved.
    public var generation: Int?

    public init() {}

    /// The state of `queue`, with every location cleaned of anything secret.
    public init(queue: PlayQueue, positionSeconds: Double, volumePercent: Int) {
        entries = queue.entries.map { entry in
            Entry(location: SecretFreeLocation.clean(entry.location.description), title: entry.title,
                  artist: entry.item.artist, album: entry.item.album, durationSeconds: entry.durationSeconds,
                  songID: entry.item.songID?.rawValue)
        }
        currentIndex = queue.currentIndex
        self.positionSeconds = max(0, positionSeconds)
        self.volumePercent = volumePercent
        shuffle = queue.isShuffled
        repeatMode = queue.repeatMode
    }
}
