import S3

/// A library in an S3 bucket, under an optional prefix.
public struct S3StorageSource: StorageSource {
    private let client: S3Client
    private let bucket: String
    /// "" or a prefix ending in "/".
    private let prefix: String
    private let listingParallelism: Int

    /// `location.path` is the prefix; a trailing "/" is added when missing, so `s3://b/Jazz`
    /// does not also take in `Jazzier/`.
    public init(client: S3Client, location: S3Location, listingParallelism: Int = 6) {
        self.client = client
        self.bucket = location.bucket
        let path = location.path
        self.prefix = path.isEmpty || path.hasSuffix("/") ? path : path + "/"
        self.listingParallelism = listingParallelism
    }

    public var locationDescription: String { "s3://\(bucket)/\(prefix)" }

    public func listObjects(until isCancelled: @escaping @Sendable () -> Bool,
                            onBatch: ([StoredObject]) -> Void) throws(StorageError) {
        let lister = S3ParallelLister(client: client, rangeCount: listingParallelism)
        do {
            try lister.listAll(bucket: bucket, prefix: prefix.isEmpty ? nil : prefix, isCancelled: isCancelled) { summaries in
                let objects = summaries.compactMap { summary -> StoredObject? in
                    // "Folder" placeholder objects that some tools create end in "/".
                    guard !summary.key.hasSuffix("/") else { return nil }
                    return StoredObject(key: String(summary.key.utf8.dropFirst(prefix.utf8.count))!,
                                        size: summary.size, fingerprint: summary.etag)
                }
                onBatch(objects)
            }
        } catch {
            throw StorageError(error.description)
        }
    }

    public func read(key: String, range: Range<Int64>) throws(StorageError) -> [UInt8] {
        guard !range.isEmpty else { return [] }
        do {
            return try client.getObjectBytes(bucket: bucket, key: prefix + key,
                                             range: .bounded(first: range.lowerBound, last: range.upperBound - 1))
        } catch .invalidRange {
            return []
        } catch .noSuchKey {
            throw StorageError("s3://\(bucket)/\(prefix)\(key) is gone (deleted since the listing); scan again.",
                               isMissingObject: true)
        } catch {
            throw StorageError(error.description)
        }
    }

    public func read(_ object: StoredObject, range: Range<Int64>) throws(StorageError) -> StoredBytes {
        guard !range.isEmpty else { return StoredBytes(bytes: [], transferred: 0) }
        do {
            let read = try client.getObjectRange(bucket: bucket, key: prefix + object.key,
                                                 range: .bounded(first: range.lowerBound, last: range.upperBound - 1),
                                                 ifMatch: object.fingerprint.isEmpty ? nil : object.fingerprint,
                                                 expectedSize: object.size)
            return StoredBytes(bytes: read.bytes, transferred: read.transferred)
        } catch .invalidRange {
            return StoredBytes(bytes: [], transferred: 0)
        } catch {
            throw storageError(error, key: object.key)
        }
    }

    private func storageError(_ error: S3Error, key: String) -> StorageError {
        switch error {
        case .noSuchKey:
            return StorageError("s3://\(bucket)/\(prefix)\(key) is gone (deleted since the listing); scan again.",
                                isMissingObject: true)
        case .objectChanged:
            return StorageError("s3://\(bucket)/\(prefix)\(key) changed since the listing; scan again.",
                                isChangedObject: true)
        case .throttled, .serverError(503, _):
            return StorageError(error.description, isThrottled: true)
        default:
            return StorageError(error.description)
        }
    }

    public func object(key: String) throws(StorageError) -> StoredObject {
        do {
            let attributes = try client.headObject(bucket: bucket, key: prefix + key)
            return StoredObject(key: key, size: attributes.size, fingerprint: attributes.etag)
        } catch .noSuchKey {
            throw StorageError("s3://\(bucket)/\(prefix)\(key) does not exist.", isMissingObject: true)
        } catch {
            throw StorageError(error.description)
        }
    }

    public func storageLocation(forKey key: String) -> StorageLocation {
        .s3(bucket: bucket, key: prefix + key)
    }
}
