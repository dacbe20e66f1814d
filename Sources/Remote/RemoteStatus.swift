/// What `s3play remote status` reports: a copy of the player's state, taken when asked.
/// The JSON field names (`CodingKeys`) are part of the protocol and of docs/cli.md; every field
/// is always present, `null` when unknown.
public struct RemoteStatus: Sendable, Equatable, Codable {
    public enum State: String, Sendable, Codable {
        case playing, paused, stopped
        /// Playing, but the track's source is unreachable and its buffer ran dry (`waiting`).
        case waiting
    }

    public enum RepeatMode: String, Sendable, Codable {
        /// Stop after the last track.
        case off
        /// Start the queue again after the last track.
        case all
        /// Play the current track again.
        case one
    }

    public var state: State
    public var artist: String?
    public var title: String?
    public var album: String?
    /// `s3://BUCKET/KEY` or the local path of the current track.
    public var location: String?
    /// Seconds into the current track.
    public var elapsed: Double
    /// Seconds in the current track, when known.
    public var duration: Double?
    /// 0–100.
    public var volume: Int
    public var shuffle: Bool
    public var repeatMode: RepeatMode
    public var queueLength: Int
    /// 1-based position of the current track in the queue; nil when nothing is current.
    public var queuePosition: Int?
    /// While the current track waits for its source: "waiting for s3://… — retrying in 4 s:
    /// REASON" (also while paused during the wait); nil otherwise.
    public var waiting: String?

    public init(state: State, artist: String? = nil, title: String? = nil, album: String? = nil,
                location: String? = nil, elapsed: Double = 0, duration: Double? = nil, volume: Int = 100,
                shuffle: Bool = false, repeatMode: RepeatMode = .off, queueLength: Int = 0,
                queuePosition: Int? = nil, waiting: String? = nil) {
        self.state = state
        self.artist = artist
        self.title = title
        self.album = album
        self.location = location
        self.elapsed = elapsed
        self.duration = duration
        self.volume = volume
        self.shuffle = shuffle
        self.repeatMode = repeatMode
        self.queueLength = queueLength
        self.queuePosition = queuePosition
        self.waiting = waiting
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case state, artist, title, album, location, elapsed, duration, volume, shuffle
        case repeatMode = "repeat"
        case queueLength = "queue_length"
        case queuePosition = "queue_position"
        case waiting
    }

    /// Written by hand so that nil fields are `null` rather than missing (the synthesized
    /// encoder leaves them out).
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(state, forKey: .state)
        try container.encode(artist, forKey: .artist)
        try container.encode(title, forKey: .title)
        try container.encode(album, forKey: .album)
        try container.encode(location, forKey: .location)
        try container.encode(elapsed, forKey: .elapsed)
        try container.encode(duration, forKey: .duration)
        try container.encode(volume, forKey: .volume)
        try container.encode(shuffle, forKey: .shuffle)
        try container.encode(repeatMode, forKey: .repeatMode)
        try container.encode(queueLength, forKey: .queueLength)
        try container.encode(queuePosition, forKey: .queuePosition)
        try container.encode(waiting, forKey: .waiting)
    }
}
