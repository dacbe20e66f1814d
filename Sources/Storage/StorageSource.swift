/// Where the music lives, as the catalog scan sees it: a list of objects and byte ranges of them.
/// Two implementations, an S3 bucket (prefix) and a local folder; nothing above this protocol
/// knows which. Playback opens a song at its `storageLocation(forKey:)`.
public protocol StorageSource: Sendable {
    /// `s3://BUCKET/PREFIX` or the folder's absolute path, for messages.
    var locationDescription: String { get }

    /// Every object under the library root, in batches as they are listed (S3 sends pages of 1,000).
    /// Keys are relative to the root ("Artist/Album/01 Song.mp3").
    /// `isCancelled` is asked after every batch: a cancelled listing ends there, without an error.
    func listObjects(until isCancelled: @escaping @Sendable () -> Bool,
                     onBatch: ([StoredObject]) -> Void) throws(StorageError)

    /// Bytes `range` of one object (clamped to its end; a range past the end gives no bytes).
    func read(key: String, range: Range<Int64>) throws(StorageError) -> [UInt8]

    /// Bytes `range` of the object as listed: pinned to its size and fingerprint, so an object
    /// replaced since the listing fails with `isChangedObject` instead of giving the new
    /// version's bytes (issue #19). `transferred` counts what the read cost, bytes a server
    /// sent and the client skipped included (a 200 with the whole object for a range).
    func read(_ object: StoredObject, range: Range<Int64>) throws(StorageError) -> StoredBytes

    /// One object's size and fingerprint (a HEAD request, a stat), for a file added to the
    /// queue by hand rather than found by a listing.
    func object(key: String) throws(StorageError) -> StoredObject

    /// Where the object of `key` is, as playback opens it (`ByteSourceOpener`).
    func storageLocation(forKey key: String) -> StorageLocation
}

extension StorageSource {
    /// The location's text: `s3://BUCKET/PREFIX/KEY` or an absolute path, for messages.
    public func playableLocation(forKey key: String) -> String {
        storageLocation(forKey: key).description
    }
}

extension StorageSource {
    /// The whole listing.
    public func listObjects(onBatch: ([StoredObject]) -> Void) throws(StorageError) {
        try listObjects(until: { false }, onBatch: onBatch)
    }

    /// Unpinned, for sources that cannot tell versions apart (test doubles wrapping another source).
    public func read(_ object: StoredObject, range: Range<Int64>) throws(StorageError) -> StoredBytes {
        let bytes = try read(key: object.key, range: range)
        return StoredBytes(bytes: bytes, transferred: Int64(bytes.count))
    }
}

/// The bytes of one ranged read, and what fetching them cost.
public struct StoredBytes: Sendable, Equatable {
    public var bytes: [UInt8]
    /// Bytes received: `bytes.count`, plus any the server sent before the range (a 200 to a
    /// ranged request is read from the start and skipped to the offset).
    public var transferred: Int64

    public init(bytes: [UInt8], transferred: Int64) {
        self.bytes = bytes
        self.transferred = transferred
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
    /// True when the object is not the version listed (its size or ETag changed since).
    public var isChangedObject: Bool
    /// True when the server asked to slow down (503 SlowDown, 429, Throttling) and the client's
    /// own retries did not get through: the caller should make fewer requests at once.
    public var isThrottled: Bool

    public init(_ description: String, isMissingObject: Bool = false, isChangedObject: Bool = false,
                isThrottled: Bool = false) {
        self.description = description
        self.isMissingObject = isMissingObject
        self.isChangedObject = isChangedObject
        self.isThrottled = isThrottled
    }
}
