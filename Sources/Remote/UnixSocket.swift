import Glibc

/// A failed system call and its errno, before a caller turns it into its own error.
struct SystemCallFailure: Error {
    let call: String
    let code: Int32
    var message: String { "\(call) failed: \(String(cString: strerror(code)))" }
}

/// The calls on Unix domain stream sockets (man 7 unix) that the server and the client make,
/// each wrapped once. Descriptors are close-on-exec, so `s3play play` children never hold them.
enum UnixSocket {
    /// sun_path holds 108 bytes on Linux, the terminating NUL included (man 7 unix).
    static let maximumPathBytes = MemoryLayout.size(ofValue: sockaddr_un().sun_path) - 1

    static func makeStreamSocket() throws(SystemCallFailure) -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SystemCallFailure(call: "socket", code: errno) }
        return fd
    }

    /// Runs `body` with the address of `path`; the caller has checked its length.
    static func withAddress<T>(_ path: String, _ body: (UnsafePointer<sockaddr>, socklen_t) -> T) -> T {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            let bytes = Array(path.utf8.prefix(maximumPathBytes))
            raw.copyBytes(from: bytes)
        }
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                body($0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
    }

    /// A connected socket, or the errno of connect(2): ENOENT (no file), ECONNREFUSED (a file
    /// nobody listens on), EAGAIN (the listener's backlog is full).
    ///
    /// For AF_UNIX, a blocking connect waits at most SO_SNDTIMEO when the backlog is full, so the
    /// timeouts are set before connecting; they then also bound every send and recv.
    static func connect(to path: String, timeoutSeconds: Double) throws(SystemCallFailure) -> Int32 {
        let fd = try makeStreamSocket()
        setTimeouts(fd, seconds: timeoutSeconds)
        let result = withAddress(path) { Glibc.connect(fd, $0, $1) }
        guard result == 0 else {
            let code = errno
            close(fd)
            throw SystemCallFailure(call: "connect", code: code)
        }
        return fd
    }

    static func setTimeouts(_ fd: Int32, seconds: Double) {
        let whole = Int(seconds)
        var value = timeval(tv_sec: whole, tv_usec: Int((seconds - Double(whole)) * 1_000_000))
        let size = socklen_t(MemoryLayout<timeval>.size)
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &value, size)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &value, size)
    }

    /// `struct ucred` of <sys/socket.h>: Glibc declares it only under _GNU_SOURCE, which Swift's
    /// Glibc module does not define, so it is restated here. Its layout (pid_t, uid_t, gid_t,
    /// three 32-bit integers) is the Linux ABI and does not change.
    private struct PeerCredentials {
        var pid: Int32 = 0
        var uid: UInt32 = 0
        var gid: UInt32 = 0
    }

    /// The user id of the process at the other end, as the kernel recorded it at connect time
    /// (SO_PEERCRED, man 7 unix): the peer cannot forge it.
    static func peerUserID(_ fd: Int32) -> uid_t? {
        var credentials = PeerCredentials()
        var length = socklen_t(MemoryLayout<PeerCredentials>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &credentials, &length) == 0,
              length == socklen_t(MemoryLayout<PeerCredentials>.size) else { return nil }
        return credentials.uid
    }

    /// Writes all of `bytes`; false when the peer has gone. MSG_NOSIGNAL: a vanished client is an
    /// error here, not a SIGPIPE that ends the player.
    static func sendAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { raw in
                send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent < 0 && errno == EINTR { continue }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }

    enum Readiness { case readable, stopped, timedOut, failed }

    /// Waits until `fd` can be read, `stopFD` fires, or `timeoutMilliseconds` pass.
    static func waitReadable(_ fd: Int32, orStop stopFD: Int32, timeoutMilliseconds: Int32) -> Readiness {
        var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: stopFD, events: Int16(POLLIN), revents: 0)]
        while true {
            let ready = poll(&fds, 2, timeoutMilliseconds)
            if ready < 0 && errno == EINTR { continue }
            if ready < 0 { return .failed }
            if ready == 0 { return .timedOut }
            if fds[1].revents != 0 { return .stopped }
            return .readable
        }
    }
}
