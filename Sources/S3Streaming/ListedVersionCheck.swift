import S3

/// What the last scan listed of an object (its size and ETag), for the reader to hold its first
/// answer against. The reader does not pin to it (no If-Match on the first GET): a catalog
/// older than the object must still play the object as it is now. It pins to its own first
/// answer, as without a listing, and when that names another size or ETag the user hears once
/// that the catalog's details (tags, length) are from an older version.
public struct ListedVersionCheck: Sendable {
    public var size: Int64
    /// As the listing gave it (quoted, as S3 sends it).
    public var etag: String
    /// The line for the user when the first answer differs; nil when there is nothing to say
    /// (it was said already for this object).
    public var notice: @Sendable () -> String?

    public init(size: Int64, etag: String, notice: @escaping @Sendable () -> String?) {
        self.size = size
        self.etag = etag
        self.notice = notice
    }

    /// ListObjectsV2 and GetObject send the same quoted ETag; a weak prefix or missing quotes
    /// (some S3-compatible servers) do not make a different version.
    func differs(from answer: S3ObjectAttributes) -> Bool {
        answer.size != size || Self.bare(answer.etag) != Self.bare(etag)
    }

    private static func bare(_ etag: String) -> Substring {
        var text = Substring(etag)
        if text.hasPrefix("W/") { text = text.dropFirst(2) }
        while text.first == "\"" { text = text.dropFirst() }
        while text.last == "\"" { text = text.dropLast() }
        return text
    }
}
