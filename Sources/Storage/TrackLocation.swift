/// Where a track's bytes are, as the catalog hands it out and the queue keeps it: the typed
/// location, and for an S3 object the size and ETag the last scan listed. It goes from the
/// catalog's song through the queue and the player to `ByteSourceOpener` unparsed; text only at
/// the edges (`StorageLocation(parsing:)`, `description` for state files and playlists).
public struct TrackLocation: Sendable, Hashable, CustomStringConvertible {
    public var storage: StorageLocation
    /// What the catalog knew of the object; nil for a file, and for anything added by hand.
    public var listed: ListedVersion?

    public init(_ storage: StorageLocation, listed: ListedVersion? = nil) {
        self.storage = storage
        self.listed = listed
    }

    /// The text form: `s3://BUCKET/KEY` or a path (the listed version is not written anywhere).
    public var description: String { storage.description }
}

/// An S3 object's size and ETag as a scan listed them. The byte source compares its first
/// answer with it; a different one still plays (see `ListedVersionCheck`).
public struct ListedVersion: Sendable, Hashable {
    public var size: Int64
    /// Quoted, as the listing gave it.
    public var etag: String

    public init(size: Int64, etag: String) {
        self.size = size
        self.etag = etag
    }
}
