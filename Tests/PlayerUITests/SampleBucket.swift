import Foundation
import TestSupport

/// The sample library in a SeaweedFS bucket, uploaded once per test process: the end-to-end
/// tests only read it, and 16 uploads per test would be most of their time.
enum SampleBucket {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var uploaded: String?

    /// "s3://BUCKET", the library location the player is given.
    static func location() throws -> String {
        lock.lock()
        defer { lock.unlock() }
        if let uploaded { return uploaded }
        let client = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(client, name: "playerendtoend")
        try SampleLibrary.upload(to: client, bucket: bucket)
        uploaded = "s3://\(bucket)"
        return "s3://\(bucket)"
    }

    /// The local copy of a song (what was uploaded), for reference decodes and durations.
    static func file(artist: String, album: String, song: String) throws -> URL {
        try SampleLibrary.folder().appendingPathComponent(artist).appendingPathComponent(album)
            .appendingPathComponent(song)
    }
}
