import PlaybackCore
import Foundation

/// A file on a local disk (the embedded default: a folder of MP3s needs no S3 at all).
public final class LocalFileSource: ByteSource, @unchecked Sendable {
    public let displayName: String
    public let size: Int64?
    private let descriptor: Int32
    private let lock = NSLock()
    private var position: Int64 = 0
    private var closed = false

    /// Refuses anything but a regular file before opening it: open(2) on a FIFO blocks until a
    /// writer appears (issue #19: `play` and `info` on a FIFO hung and ignored SIGINT), and a
    /// device or socket is not music. O_NONBLOCK covers a file swapped for a FIFO in between.
    public init(path: String) throws(ByteSourceError) {
        displayName = path
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { throw .notFound(path) }
            throw .unreadable(path, reason: String(cString: strerror(errno)))
        }
        if let kind = Self.nonFileKind(info.st_mode) { throw .unreadable(path, reason: "it is \(kind), not a file") }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            if errno == ENOENT { throw .notFound(path) }
            throw .unreadable(path, reason: String(cString: strerror(errno)))
        }
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            Foundation.close(descriptor)
            throw .unreadable(path, reason: Self.nonFileKind(info.st_mode).map { "it is \($0), not a file" } ?? "not a regular file")
        }
        self.descriptor = descriptor
        size = Int64(info.st_size)
    }

    /// What a non-regular file is, in words; nil for a regular file.
    static func nonFileKind(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a folder"
        case S_IFIFO: return "a named pipe (FIFO)"
        case S_IFSOCK: return "a socket"
        case S_IFCHR, S_IFBLK: return "a device"
        default: return "not a regular file"
        }
    }

    /// Only for an owner that forgot `close()`; the engine closes every source it opened.
    deinit {
        if !closed { Foundation.close(descriptor) }
    }

    /// A disk reads forward faster than libmpg123 parses: never worth a guess.
    public var sequentialBytesPerSecond: Double? { .infinity }

    public func read(maxBytes: Int) throws(ByteSourceError) -> [UInt8]? {
        lock.lock()
        defer { lock.unlock() }
        if closed { throw .closed }
        var bytes = [UInt8](repeating: 0, count: max(1, maxBytes))
        let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(position)) }
        if count < 0 { throw .unreadable(displayName, reason: String(cString: strerror(errno))) }
        if count == 0 { return nil }
        position += Int64(count)
        bytes.removeSubrange(count...)
        return bytes
    }

    public func seek(to offset: Int64) {
        lock.lock()
        position = max(0, offset)
        lock.unlock()
    }

    /// A local file is all "buffered": reading it never waits on a network.
    public var bufferedBytesAhead: Int64 {
        lock.lock()
        defer { lock.unlock() }
        return max(0, (size ?? 0) - position)
    }

    /// Closes the descriptor now (under the lock, so no read is using it). Idempotent.
    public func close() {
        lock.lock()
        if !closed { Foundation.close(descriptor) }
        closed = true
        lock.unlock()
    }
}
