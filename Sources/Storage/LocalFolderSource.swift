import Foundation

/// A library in a local folder: the embedded default, no S3 needed. Symbolic links to files are
/// followed; hidden entries (".s3play", ".DS_Store") are skipped.
public struct LocalFolderSource: StorageSource {
    /// Absolute, without a trailing "/".
    public let root: String

    public init(path: String) throws(StorageError) {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let standardized = (absolute as NSString).standardizingPath
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: standardized, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw StorageError("\(path) is not a folder: give a folder of music or s3://BUCKET[/PREFIX].")
        }
        root = standardized == "/" ? "" : standardized
    }

    public var locationDescription: String { root.isEmpty ? "/" : root }

    public func listObjects(until isCancelled: @escaping @Sendable () -> Bool,
                            onBatch: ([StoredObject]) -> Void) throws(StorageError) {
        guard let walker = FileManager.default.enumerator(atPath: root.isEmpty ? "/" : root) else {
            throw StorageError("\(locationDescription) cannot be read: check its permissions.")
        }
        var batch: [StoredObject] = []
        while let relative = walker.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") {
                walker.skipDescendants()
                continue
            }
            var info = stat()
            // stat, not lstat: a link to a file is listed as the file.
            guard stat(root + "/" + relative, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            batch.append(StoredObject(key: relative, size: Int64(info.st_size), fingerprint: Self.fingerprint(info)))
            if batch.count == 1000 {
                onBatch(batch)
                batch.removeAll(keepingCapacity: true)
                if isCancelled() { return }
            }
        }
        if !batch.isEmpty { onBatch(batch) }
    }

    public func read(key: String, range: Range<Int64>) throws(StorageError) -> [UInt8] {
        try read(key: key, range: range, pinned: nil)
    }

    /// Pinned to the listing's modification time and size (checked on the open descriptor).
    public func read(_ object: StoredObject, range: Range<Int64>) throws(StorageError) -> StoredBytes {
        let bytes = try read(key: object.key, range: range, pinned: object.fingerprint)
        return StoredBytes(bytes: bytes, transferred: Int64(bytes.count))
    }

    private func read(key: String, range: Range<Int64>, pinned fingerprint: String?) throws(StorageError) -> [UInt8] {
        let path = root + "/" + key
        // O_NONBLOCK: a file replaced by a FIFO since the listing must not block the scan.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            let missing = errno == ENOENT
            throw StorageError(missing ? "\(path) is gone (deleted since the listing); scan again."
                                       : "\(path) cannot be read: \(String(cString: strerror(errno))).",
                               isMissingObject: missing)
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw StorageError("\(path) is not a file.")
        }
        if let fingerprint, Self.fingerprint(info) != fingerprint {
            throw StorageError("\(path) changed since the listing; scan again.", isChangedObject: true)
        }
        var bytes = [UInt8](repeating: 0, count: Int(max(0, range.upperBound - range.lowerBound)))
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress! + filled, buffer.count - filled, off_t(range.lowerBound) + off_t(filled))
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw StorageError("\(path) cannot be read: \(String(cString: strerror(errno))).")
            }
            if count == 0 { break }
            filled += count
        }
        bytes.removeSubrange(filled...)
        return bytes
    }

    public func object(key: String) throws(StorageError) -> StoredObject {
        let path = root + "/" + key
        var info = stat()
        guard stat(path, &info) == 0 else {
            let missing = errno == ENOENT
            throw StorageError(missing ? "\(path) does not exist." : "\(path) cannot be read: \(String(cString: strerror(errno))).",
                               isMissingObject: missing)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw StorageError("\(path) is not a file.") }
        return StoredObject(key: key, size: Int64(info.st_size), fingerprint: Self.fingerprint(info))
    }

    /// Modification time (ns) and size: what changes when a file is rewritten.
    private static func fingerprint(_ info: stat) -> String {
        let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        return "\(modified)-\(info.st_size)"
    }

    public func storageLocation(forKey key: String) -> StorageLocation {
        .file(path: root + "/" + key)
    }
}
