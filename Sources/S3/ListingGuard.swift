// A listing ends when the server says so; a server that never says so must not page forever
// (issue #19: `ls` and `scan` paged through 2,631 identical pages; an endless listing with fresh
// tokens took `scan` to 1.7 GB). ListObjectsV2 returns keys in ascending UTF-8 byte order
// (S3 API reference, ListObjectsV2: "Objects are returned sorted in an ascending order of the
// respective key names"), so each page must start after the previous page's last key, and a
// continuation token names a position, so a token seen before means a loop.

/// Checks each page of one listing as it arrives; throws `.endlessListing` at the first sign
/// of a loop. Holds one token per page (about 100 bytes per 1,000 keys).
public struct ListingGuard: Sendable {
    /// Keys one listing may hold: about 1 GB of catalog, far beyond a music library (a
    /// 100,000-song library is 1% of it), small enough to stop a runaway listing.
    public static let defaultKeyCap = 10_000_000
    /// Truncated pages in a row with no key: S3 may send a few (keys hidden by the prefix or
    /// being deleted), a loop sends them forever.
    static let maxEmptyPagesInARow = 100

    private let bucket: String
    private let keyCap: Int
    private var keysSoFar = 0
    private var emptyPagesInARow = 0
    private var lastKey: String?
    private var tokensSeen: Set<String> = []

    public init(bucket: String, startAfter: String? = nil, keyCap: Int = ListingGuard.defaultKeyCap) {
        self.bucket = bucket
        self.keyCap = keyCap
        self.lastKey = startAfter
    }

    public mutating func check(_ page: ListObjectsV2Page) throws(S3Error) {
        keysSoFar += page.objects.count
        if keysSoFar > keyCap {
            throw .endlessListing(bucket: bucket, detail: "it passed \(keyCap) keys, the sanity cap")
        }
        if let first = page.objects.first?.key, let lastKey, !lastKey.utf8.lexicographicallyPrecedes(first.utf8) {
            throw .endlessListing(bucket: bucket, detail: "a page went back to a key already listed")
        }
        lastKey = page.objects.last?.key ?? lastKey
        emptyPagesInARow = page.objects.isEmpty && page.isTruncated ? emptyPagesInARow + 1 : 0
        if emptyPagesInARow > Self.maxEmptyPagesInARow {
            throw .endlessListing(bucket: bucket, detail: "\(emptyPagesInARow) empty pages in a row")
        }
        if page.isTruncated, let token = page.nextContinuationToken, !tokensSeen.insert(token).inserted {
            throw .endlessListing(bucket: bucket, detail: "the server sent a continuation token it had sent before")
        }
    }
}
