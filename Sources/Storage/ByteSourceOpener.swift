import PlaybackCore
import S3
import S3Streaming
import Synchronization

/// Hands out the bytes of one stored file for a location: an S3 object through the ranged
/// reader (over the process's S3 client and its transport), a local file directly.
public struct ByteSourceOpener: Sendable {
    private let client: S3Client?
    /// Objects already said to have changed since the scan: said once per process, not once a
    /// play (repeat, going back).
    private let toldChanged = ToldLocations()

    /// `client` may be nil when no location to open is in S3.
    public init(client: S3Client?) {
        self.client = client
    }

    /// The player's reads and `s3play info`'s want different reader configurations
    /// (`.playback`, `.skimming`).
    public func open(_ location: StorageLocation,
                     configuration: RangedObjectReaderConfiguration = .playback) throws(ByteSourceError) -> ByteSource {
        try open(TrackLocation(location), title: location.description, configuration: configuration)
    }

    /// An S3 object the catalog listed is checked against the listing: when its first answer
    /// names another size or ETag it still plays (the object as it is now), and the engine says
    /// once, in one line, that `title`'s catalog details are from before the change.
    public func open(_ location: TrackLocation, title: String,
                     configuration: RangedObjectReaderConfiguration = .playback) throws(ByteSourceError) -> ByteSource {
        switch location.storage {
        case .s3(let bucket, let key):
            guard let client else {
                throw .unreadable(location.description, reason: "no S3 endpoint is configured for it")
            }
            let check = location.listed.map { [toldChanged] listed in
                ListedVersionCheck(size: listed.size, etag: listed.etag) {
                    guard toldChanged.insert(location.storage) else { return nil }
                    return "\(title): changed since the last scan; it plays as it is now. Run `s3play scan` to refresh its details."
                }
            }
            return RangedObjectReader(client: client, bucket: bucket, key: key, listed: check, configuration: configuration)
        case .file(let path):
            return try LocalFileSource(path: path)
        }
    }

    /// A track the engine opens when it needs it (`PlaybackTrack.open`), titled `title`.
    public func track(_ location: TrackLocation, title: String) -> PlaybackTrack {
        PlaybackTrack(title: title) { [self] () throws(ByteSourceError) -> ByteSource in try open(location, title: title) }
    }

    public func track(_ location: StorageLocation, title: String) -> PlaybackTrack {
        track(TrackLocation(location), title: title)
    }
}

private final class ToldLocations: Sendable {
    private let told = Mutex<Set<StorageLocation>>([])

    /// True the first time `location` is inserted.
    func insert(_ location: StorageLocation) -> Bool {
        told.withLock { $0.insert(location).inserted }
    }
}
