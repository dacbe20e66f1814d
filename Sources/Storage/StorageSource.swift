/// Where the music lives, as the catalog scan sees it: a list of objects and byte ranges of them.
/// Two implementations, an S3 bucket (prefix) and a local folder; nothing above this protocol
/// knows which. Playback opens a song through its `playableLocation`.
public protocol StorageSource: Sendable {
    /// `s3://BUCKET/PREFIX` or the folder's absolute path, for messages.
    var locationDescription: String { get }

    /// Every object under the library root, in batches as they are listed (S3 sends pages of 1,000).
    /// Keys are relative to the root ("Artist/Album/01 Song.mp3").
    func listObjects(onBatch: ([StoredObject]) -> Void) throws(StorageError)

    /// Bytes `range` of one object (clamped to its end; a range past the end gives no bytes).
    func read(key: String, range: Range<Int64>) throws(StorageError) -> [UInt8]

    /// One object's size and fingerprint (a HEAD request, a stat), for a file added to the
    /// queue by hand rather than found by a listing.
    func object(key: String) throws(StorageError) -> StoredObject

    /// Where the object of `key` is, as playback opens it (`ByteSourceOpener`).
    func storageLocation(forKey key: String) -> StorageLocation
}

extension StorageSource {
    /// The location's text: `s3://BUCKET/PREFIX/KEY` or an absolute path (the catalog's songs
    /// and the queue's entries carry it).
    public func playableLocation(forKey key: String) -> String {
        storageLocation(forKey: key).description
    }
}

/// One object of the library as listed, before its tags are read.
public struct StoredObject: Sendable, Hashable {
    /// Relative to the library root. Compared by its UTF-8 bytes: S3 keys in NFC and NFD are
    /// different objects although Swift's `String ==` calls them equal.
    public var key: String
    public var size: Int64
    /// Changes whenever the content may have changed: the ETag in S3, modification time and
    /// size in a folder. An unchanged fingerprint means the catalog's tags are still right.
    public var fingerprint: String

    public init(key: String, size: Int64, fingerprint: String) {
        self.key = key
        self.size = size
        self.fingerprint = fingerprint
    }
}

/// A storage failure, already one sentence for the user.
public struct StorageError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    /// True when the object itself is gone (deleted between listing and reading).
    public var isMissingObject: Bool

    public init(_ description: String, isMissingObject: Bool = false) {
        self.description = description
        self.isMissingObject = isMissingObject
    }
}
