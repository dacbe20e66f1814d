import Foundation

/// One player per state file: an exclusive `flock` on `<state file>.lock`, held for as long as
/// the player runs. Two players on one state file would each save the queue on quit and the
/// last to leave would overwrite the other's (33 entries lost in the trial of issue #12).
///
/// flock(2), not the remote socket, is the lock: the socket exists only while remote control
/// works, but the kernel drops a flock when its holder exits or crashes, so a dead player never
/// keeps a new one out. The holder's pid is written into the file, for the refusal message only.
public final class PlayerInstanceLock {
    public let lockFile: URL
    private var descriptor: Int32

    public enum Refusal: Error, Equatable, CustomStringConvertible {
        /// Another process holds it; its pid when the file names one.
        case held(lockFile: String, holder: Int32?)
        case unusable(lockFile: String, reason: String)

        public var description: String {
            switch self {
            case .held(_, let holder):
                let who = holder.map { "another s3play player is running (pid \($0))" } ?? "another s3play player is running"
                return "\(who): control it with `s3play remote`, quit it, or start this one with --state FILE to keep a queue of its own"
            case .unusable(let path, let reason):
                return "cannot lock \(path): \(reason)"
            }
        }
    }

    /// Takes the lock for `stateFile` or throws at once: it never waits for the other player.
    public init(stateFile: URL) throws(Refusal) {
        lockFile = stateFile.appendingPathExtension("lock")
        do {
            try AtomicFile.makeDirectory(lockFile.deletingLastPathComponent())
        } catch {
            throw .unusable(lockFile: lockFile.path, reason: "\(error)")
        }
        // No O_TRUNC: truncating would wipe the running holder's pid before we know we lost.
        descriptor = open(lockFile.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw .unusable(lockFile: lockFile.path, reason: String(cString: strerror(errno)))
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            let holder = Self.readHolder(descriptor)
            close(descriptor)
            descriptor = -1
            if code == EWOULDBLOCK { throw .held(lockFile: lockFile.path, holder: holder) }
            throw .unusable(lockFile: lockFile.path, reason: String(cString: strerror(code)))
        }
        let pid = Array("\(getpid())\n".utf8)
        if ftruncate(descriptor, 0) == 0 {
            _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        }
    }

    /// Gives the lock up. The player's run calls it when it ends; a second call does nothing.
    public func release() {
        guard descriptor >= 0 else { return }
        // Emptied first, so a pid left in the file never names a process that no longer holds it.
        ftruncate(descriptor, 0)
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    private static func readHolder(_ descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return Int32(text)
    }
}
