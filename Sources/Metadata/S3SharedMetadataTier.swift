import Foundation
import S3

/// The shared tier in the music bucket: one object per artist document under
/// `.s3play/cache/discogs/`, its Last-Modified taken as the time Discogs sent it (the object is
/// written right after the fetch). Only public Discogs data goes there: never a token.
public struct S3SharedMetadataTier: SharedMetadataTier {
    public static let keyPrefix = ".s3play/cache/discogs/"

    private let client: S3Client
    private let bucket: String

    public init(client: S3Client, bucket: String) {
        self.client = client
        self.bucket = bucket
    }

    /// `artists/1001` becomes `.s3play/cache/discogs/artists/1001.json`. Cache keys are
    /// Discogs paths (with a query for searches, which are not shared), so they are valid keys.
    public static func objectKey(forCacheKey key: String) -> String {
        let trimmed = key.hasPrefix("/") ? String(key.dropFirst()) : key
        return keyPrefix + trimmed + ".json"
    }

    public func read(key: String) throws -> SharedMetadataDocument? {
        do {
            let stream = try client.getObject(bucket: bucket, key: Self.objectKey(forCacheKey: key))
            let body = try stream.readAll()
            let fetchedAt = stream.attributes.lastModified.flatMap(HTTPDate.parse) ?? 0
            return SharedMetadataDocument(body: body, fetchedAt: fetchedAt)
        } catch {
            // Not there yet: the first machine to look it up writes it.
            if case .noSuchKey = error { return nil }
            throw error
        }
    }

    public func write(key: String, body: [UInt8]) throws {
        try client.putObject(bucket: bucket, key: Self.objectKey(forCacheKey: key), body: body,
                             contentType: "application/json")
    }
}

/// RFC 9110 §5.6.7 IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), the form S3 sends.
enum HTTPDate {
    static func parse(_ text: String) -> Double? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)?.timeIntervalSince1970
    }
}
