/// What HeadObject (or the head of a GET) says about an object.
public struct S3ObjectAttributes: Sendable, Equatable {
    /// The whole object's size, also for a ranged GET (from Content-Range).
    public var size: Int64
    /// Quoted, as S3 sends it; sent back verbatim in If-Match.
    public var etag: String
    public var lastModified: String?
    /// "STANDARD" when the server leaves x-amz-storage-class out, as S3 does for Standard.
    public var storageClass: String
    public var contentType: String?

    public init(size: Int64, etag: String, lastModified: String? = nil, storageClass: String = "STANDARD",
                contentType: String? = nil) {
        self.size = size
        self.etag = etag
        self.lastModified = lastModified
        self.storageClass = storageClass
        self.contentType = contentType
    }
}

/// A byte range of an object, as the HTTP Range header states it (RFC 9110 §14.1.2).
public enum S3ByteRange: Sendable, Equatable {
    /// bytes=first-last, inclusive.
    case bounded(first: Int64, last: Int64)
    /// bytes=first-
    case from(Int64)
    /// bytes=-count: the final `count` bytes.
    case suffix(Int64)

    var headerValue: String {
        switch self {
        case .bounded(let first, let last): return "bytes=\(first)-\(last)"
        case .from(let first): return "bytes=\(first)-"
        case .suffix(let count): return "bytes=-\(count)"
        }
    }
}
