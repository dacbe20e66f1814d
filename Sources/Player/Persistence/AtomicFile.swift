import Foundation

/// Writes a whole file so that a crash or a full disk leaves either the old file or the new one,
/// never half of either: a temp file in the same directory (rename is atomic only within one
/// file system), fsync, rename over the target, fsync the directory so the rename itself
/// survives a power cut. Mode 0600 from the start, whatever the umask: the file may name
/// what the user listens to.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL) throws(FileWriteError) {
        let directory = url.deletingLastPathComponent()
        try makeDirectory(directory)
        let temp = directory.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        let descriptor = open(temp.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .failed(temp.path, reason: lastError()) }
        var written = 0
        let ok = data.withUnsafeBytes { bytes -> Bool in
            while written < bytes.count {
                let count = Foundation.write(descriptor, bytes.baseAddress! + written, bytes.count - written)
                if count < 0 { if errno == EINTR { continue }; return false }
                written += count
            }
            return true
        }
        let synced = ok && fsync(descriptor) == 0
        let reason = lastError()
        close(descriptor)
        guard synced else {
            unlink(temp.path)
            throw .failed(url.path, reason: reason)
        }
        guard rename(temp.path, url.path) == 0 else {
            let reason = lastError()
            unlink(temp.path)
            throw .failed(url.path, reason: reason)
        }
        let directoryDescriptor = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    /// Creates the directory (and its parents) with mode 0700.
    static func makeDirectory(_ directory: URL) throws(FileWriteError) {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw .failed(directory.path, reason: "cannot create the directory")
        }
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}

public enum FileWriteError: Error, Sendable, Equatable, CustomStringConvertible {
    case failed(String, reason: String)
    /// Another player wrote the file after this one read it; this one's copy went elsewhere.
    case superseded(String, keptAt: String)

    public var description: String {
        switch self {
        case .failed(let path, let reason): "cannot write \(path): \(reason)"
        case .superseded(let path, let aside):
            "another s3play saved \(path) after this one loaded it, so it was left alone; this player's queue is in \(aside)"
        }
    }
}
