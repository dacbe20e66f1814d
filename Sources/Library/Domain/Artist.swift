/// An artist of the library (an album artist: the name songs are filed under).
public struct Artist: Sendable, Hashable, Identifiable {
    public var id: String { name }
    public var name: String
    public var albumCount: Int
    public var songCount: Int
    public var durationSeconds: Double

    public init(name: String, albumCount: Int, songCount: Int, durationSeconds: Double) {
        self.name = name
        self.albumCount = albumCount
        self.songCount = songCount
        self.durationSeconds = durationSeconds
    }
}
