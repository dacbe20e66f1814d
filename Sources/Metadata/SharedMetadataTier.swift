/// A second cache level that other machines of the same user can read: artist documents kept in
/// the music bucket (`.s3play/cache/discogs/`), so a second machine reads them with one S3 GET
/// instead of spending Discogs requests.
public protocol SharedMetadataTier: Sendable {
    /// The stored document and when Discogs sent it, or nil when there is none.
    func read(key: String) throws -> SharedMetadataDocument?
    func write(key: String, body: [UInt8]) throws
}

public struct SharedMetadataDocument: Sendable, Equatable {
    public var body: [UInt8]
    /// Seconds since 1970 (the object's Last-Modified).
    public var fetchedAt: Double

    public init(body: [UInt8], fetchedAt: Double) {
        self.body = body
        self.fetchedAt = fetchedAt
    }
}
