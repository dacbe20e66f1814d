import S3
import SafeText

/// Where one audio file is: an object in a bucket or a file on this machine. What a person
/// typed (a `play` argument, `:add`, `remote add`) is parsed into one once, here; the catalog
/// hands out typed ones (`StorageSource.storageLocation(forKey:)`); `ByteSourceOpener` opens it.
/// Its text form (`description`) is what state files, playlists and messages carry.
public enum StorageLocation: Sendable, Hashable, CustomStringConvertible {
    case s3(bucket: String, key: String)
    case file(path: String)

    /// `s3://BUCKET/KEY`, or anything else as a path. Refuses other URLs (a presigned URL is
    /// never echoed whole: its signature is in the query) and an s3:// address that names no
    /// object (a bucket alone, a prefix ending in "/").
    public init(parsing text: String) throws(StorageLocationError) {
        if URLRedaction.isNonS3URL(text) {
            throw StorageLocationError("\(URLRedaction.redacted(text)): URLs are not supported; give s3://BUCKET/KEY or a path.",
                                       isURL: true)
        }
        guard text.hasPrefix("s3://") else {
            self = .file(path: text)
            return
        }
        guard let address = S3Location(text), !address.path.isEmpty, !address.path.hasSuffix("/") else {
            throw StorageLocationError("'\(text)' names no object: write it as s3://BUCKET/KEY.")
        }
        self = .s3(bucket: address.bucket, key: address.path)
    }

    public var description: String {
        switch self {
        case .s3(let bucket, let key): return S3Location(bucket: bucket, path: key).description
        case .file(let path): return path
        }
    }

    public var isS3: Bool {
        if case .s3 = self { return true }
        return false
    }
}

/// Why a typed location is not one, as one sentence that says what to write instead.
public struct StorageLocationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    /// A URL other than s3:// (refused when it is used, as an unreadable file is); else an
    /// s3:// address that names no object (refused with the command line's other mistakes).
    public var isURL: Bool

    public init(_ description: String, isURL: Bool = false) {
        self.description = description
        self.isURL = isURL
    }
}
