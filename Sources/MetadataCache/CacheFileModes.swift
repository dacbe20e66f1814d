import Foundation

/// File modes of the cache, set explicitly so they do not depend on the umask: the directory is
/// 0700 and every file 0600, since what a user browses is private.
enum CacheFileModes {
    /// SQLite's write-ahead log and its shared-memory index, beside the database.
    static func companions(of path: String) -> [String] {
        [path + "-wal", path + "-shm"]
    }

    static func createPrivateDirectory(_ path: String) throws(MetadataCacheError) {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw .directoryNotWritable(path: path, reason: reason(of: error))
            }
            chmod(path, 0o700)
        } else if !isDirectory.boolValue {
            throw .directoryNotWritable(path: path, reason: "it is a file, not a directory")
        }
        guard access(path, W_OK | X_OK) == 0 else {
            throw .directoryNotWritable(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// Creates an empty file with mode 0600 (or fails if it exists).
    static func createPrivateFile(_ path: String) throws(MetadataCacheError) {
        let descriptor = Foundation.open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let directory = (path as NSString).deletingLastPathComponent
            throw .directoryNotWritable(path: directory, reason: String(cString: strerror(errno)))
        }
        fchmod(descriptor, 0o600)
        close(descriptor)
    }

    /// Best effort: a file owned by someone else keeps its mode, and SQLite reports it if unusable.
    static func makePrivate(_ path: String) {
        chmod(path, 0o600)
    }

    static func removeWithCompanions(_ path: String) {
        for file in [path] + companions(of: path) { unlink(file) }
    }

    private static func reason(of error: any Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let code = underlying?.code, underlying?.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(code)))
        }
        return error.localizedDescription
    }
}
