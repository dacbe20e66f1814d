import Glibc

/// "Stop now" for the server's accept loop and every connection thread at once.
///
/// A pipe rather than close() on the listener: on Linux, close() from another thread does not
/// wake a thread blocked on that descriptor, and the number can be reused while it waits. Every
/// wait polls the read end too; firing writes one byte that nobody reads, so the pipe stays
/// readable and every later wait returns at once.
final class StopSignal: Sendable {
    let pollFD: Int32
    private let writeFD: Int32

    init() throws(SystemCallFailure) {
        var fds: [Int32] = [-1, -1]
        // pipe2 and accept4 are GNU extensions Swift's Glibc module does not declare: fcntl after.
        guard pipe(&fds) == 0 else { throw SystemCallFailure(call: "pipe", code: errno) }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        _ = fcntl(fds[1], F_SETFL, O_NONBLOCK)  // fire() must never block
        pollFD = fds[0]
        writeFD = fds[1]
    }

    deinit {
        close(pollFD)
        close(writeFD)
    }

    /// Idempotent; a full pipe (a second fire) is as good as a written byte.
    func fire() {
        var byte: UInt8 = 1
        _ = write(writeFD, &byte, 1)
    }
}
