import Glibc

/// Errors of the socket layer under the proxy and the tiny server.
public enum LoopbackSocketError: Error, Equatable, CustomStringConvertible {
    case systemCall(String, errno: Int32)
    /// The connection's WakeSignal fired (stop(), a reset fault, or the other side gave up).
    case interrupted
    /// The peer closed in the middle of a message.
    case truncated

    public var description: String {
        switch self {
        case .systemCall(let call, let code): "\(call) failed: \(String(cString: strerror(code)))"
        case .interrupted: "interrupted"
        case .truncated: "connection closed in the middle of a message"
        }
    }
}

/// TCP sockets on 127.0.0.1 only: these are test fixtures, and the workplace allows traffic to
/// loopback alone, so the address is fixed here and is not a parameter anywhere.
///
/// Descriptors stay blocking; each call passes MSG_DONTWAIT and waits in poll() beside a WakeSignal,
/// so any wait can be interrupted, and MSG_NOSIGNAL so a vanished peer is an error, not a SIGPIPE.
enum LoopbackSocket {
    static func listen(port: Int, backlog: Int32 = 128) throws(LoopbackSocketError) -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard fd >= 0 else { throw .systemCall("socket", errno: errno) }
        var reuse: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = loopbackAddress(port: port)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { let code = errno; close(fd); throw .systemCall("bind", errno: code) }
        guard Glibc.listen(fd, backlog) == 0 else { let code = errno; close(fd); throw .systemCall("listen", errno: code) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    static func connect(port: Int) throws(LoopbackSocketError) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw .systemCall("socket", errno: errno) }
        var address = loopbackAddress(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { let code = errno; close(fd); throw .systemCall("connect", errno: code) }
        setNoDelay(fd)
        return fd
    }

    /// Next accepted connection, or nil once `wake` fires.
    static func accept(_ listenFD: Int32, wake: WakeSignal) throws(LoopbackSocketError) -> Int32? {
        while true {
            guard try waitUntilReady(listenFD, events: POLLIN, wake: wake) else { return nil }
            let fd = Glibc.accept(listenFD, nil, nil)
            if fd >= 0 {
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
                setNoDelay(fd)
                return fd
            }
            switch errno {
            // The connection went away between poll() and accept(), or a signal arrived: wait again.
            case EAGAIN, EWOULDBLOCK, EINTR, ECONNABORTED: continue
            case let code: throw .systemCall("accept", errno: code)
            }
        }
    }

    /// Reads what is available (at most `buffer.count`); 0 means the peer closed its side.
    static func receive(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer,
                        wake: WakeSignal) throws(LoopbackSocketError) -> Int {
        while true {
            let count = recv(fd, buffer.baseAddress, buffer.count, Int32(MSG_DONTWAIT))
            if count >= 0 { return count }
            switch errno {
            case EAGAIN, EWOULDBLOCK:
                guard try waitUntilReady(fd, events: POLLIN, wake: wake) else { throw .interrupted }
            case EINTR: continue
            case let code: throw .systemCall("recv", errno: code)
            }
        }
    }

    static func sendAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, wake: WakeSignal) throws(LoopbackSocketError) {
        var offset = 0
        while offset < bytes.count {
            if wake.isFired { throw .interrupted }
            let count = send(fd, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_DONTWAIT | MSG_NOSIGNAL))
            if count >= 0 { offset += count; continue }
            switch errno {
            case EAGAIN, EWOULDBLOCK:
                guard try waitUntilReady(fd, events: POLLOUT, wake: wake) else { throw .interrupted }
            case EINTR: continue
            case let code: throw .systemCall("send", errno: code)
            }
        }
    }

    static func sendAll(_ fd: Int32, _ bytes: some Collection<UInt8>, wake: WakeSignal) throws(LoopbackSocketError) {
        let array = Array(bytes)
        try array.withUnsafeBytes { raw in
            Result { () throws(LoopbackSocketError) in try sendAll(fd, raw, wake: wake) }
        }.get()
    }

    /// Closes with SO_LINGER 0 so the peer gets a RST instead of a FIN. Waits first (up to
    /// `drainTimeout`) until the peer has acknowledged every byte already sent: a RST discards
    /// unsent data, and the reset fault promises the client exactly N bytes before the reset.
    static func closeWithReset(_ fd: Int32, drainTimeout: Duration = .seconds(2)) {
        let deadline = ContinuousClock.now + drainTimeout
        var unacknowledged: Int32 = 0
        while ioctl(fd, UInt(TIOCOUTQ), &unacknowledged) == 0, unacknowledged > 0, ContinuousClock.now < deadline {
            usleep(1_000)
        }
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        close(fd)
    }

    /// True when `fd` is ready, false when `wake` fired first.
    private static func waitUntilReady(_ fd: Int32, events: Int32, wake: WakeSignal) throws(LoopbackSocketError) -> Bool {
        var fds = [pollfd(fd: fd, events: Int16(events), revents: 0),
                   pollfd(fd: wake.pollFD, events: Int16(POLLIN), revents: 0)]
        while true {
            let result = poll(&fds, 2, -1)
            if result < 0 {
                if errno == EINTR { continue }
                throw .systemCall("poll", errno: errno)
            }
            if fds[1].revents != 0 { return false }
            // POLLERR/POLLHUP count as ready: the next recv/send reports what happened.
            if fds[0].revents != 0 { return true }
        }
    }

    private static func loopbackAddress(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian  // 127.0.0.1
        return address
    }

    /// Small request and response heads must not wait for Nagle's 40 ms delayed-ACK dance:
    /// that would swamp the added latency the benchmarks measure.
    private static func setNoDelay(_ fd: Int32) {
        var on: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
    }
}
