import Playback
import S3

/// Turns what the user typed (s3://BUCKET/KEY or a path) into a playable track.
struct SourceOpener {
    private let client: S3Client?

    init(storage: StorageOptions, needsS3: Bool) throws(CommandFailure) {
        client = needsS3 ? try storage.makeClient() : nil
    }

    func track(for source: String) -> PlaybackTrack {
        if let location = S3Location(source), let client {
            return PlaybackTrack(title: source) { () throws(ByteSourceError) -> ByteSource in
                RangedObjectReader(client: client, bucket: location.bucket, key: location.path)
            }
        }
        return PlaybackTrack(title: source) { () throws(ByteSourceError) -> ByteSource in
            try LocalFileSource(path: source)
        }
    }
}
