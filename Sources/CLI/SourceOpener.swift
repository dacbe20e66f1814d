import PlaybackCore
import S3
import S3Streaming
import SafeText

/// Turns what the user typed (s3://BUCKET/KEY or a path) into a playable track.
struct SourceOpener {
    private let client: S3Client?

    init(storage: StorageOptions, needsS3: Bool) throws(CommandFailure) {
        client = needsS3 ? try storage.makeClient() : nil
    }

    /// The bytes of one source; the player's reads and `s3play info`'s want different configurations.
    func byteSource(for source: String, configuration: RangedObjectReaderConfiguration) throws(ByteSourceError) -> ByteSource {
        if URLRedaction.isNonS3URL(source) {
            // Never echoed whole: a presigned URL carries its signature in the query.
            throw .unreadable(URLRedaction.redacted(source), reason: "URLs are not supported; give s3://BUCKET/KEY or a path")
        }
        if let location = S3Location(source), let client {
            return RangedObjectReader(client: client, bucket: location.bucket, key: location.path,
                                      configuration: configuration)
        }
        return try LocalFileSource(path: source)
    }

    func track(for source: String, title: String) -> PlaybackTrack {
        PlaybackTrack(title: title) { [self] () throws(ByteSourceError) -> ByteSource in
            try byteSource(for: source, configuration: .playback)
        }
    }
}
