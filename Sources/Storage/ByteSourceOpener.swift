import PlaybackCore
import S3
import S3Streaming

/// Hands out the bytes of one stored file for a `StorageLocation`: an S3 object through the
/// ranged reader (over the process's S3 client and its transport), a local file directly.
public struct ByteSourceOpener: Sendable {
    private let client: S3Client?

    /// `client` may be nil when no location to open is in S3.
    public init(client: S3Client?) {
        self.client = client
    }

    /// The player's reads and `s3play info`'s want different reader configurations
    /// (`.playback`, `.skimming`).
    public func open(_ location: StorageLocation,
                     configuration: RangedObjectReaderConfiguration = .playback) throws(ByteSourceError) -> ByteSource {
        switch location {
        case .s3(let bucket, let key):
            guard let client else {
                throw .unreadable(location.description, reason: "no S3 endpoint is configured for it")
            }
            return RangedObjectReader(client: client, bucket: bucket, key: key, configuration: configuration)
        case .file(let path):
            return try LocalFileSource(path: path)
        }
    }

    /// A track the engine opens when it needs it (`PlaybackTrack.open`), titled `title`.
    public func track(_ location: StorageLocation, title: String) -> PlaybackTrack {
        PlaybackTrack(title: title) { [self] () throws(ByteSourceError) -> ByteSource in try open(location) }
    }
}
