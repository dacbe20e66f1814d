import Foundation
import Glibc
import Synchronization

/// The running player's side of remote control: listens on the socket of `RemoteSocketLocation`,
/// reads request lines, and answers each with what `handler` returns. The player owns the
/// handler; this type knows nothing of queues or engines. Each connection has its own thread,
/// so the handler is called from several threads at once: it should hand the request to the
/// player's command queue and return, as keys and `:` commands do.
public final class RemoteServer: Sendable {
    public typealias Handler = @Sendable (RemoteRequest) -> RemoteResponse

    public struct Configuration: Sendable {
        /// Connections served at once, one thread each; more are answered with an error and closed.
        public var maximumConnections = 32
        /// A connection that sends nothing for this long is closed, so a stuck client does not
        /// hold a thread forever.
        public var idleTimeoutSeconds = 30.0
        public init() {}
    }

    public let location: RemoteSocketLocation
    private let configuration: Configuration
    private let handler: Handler
    private let listenerFD: Int32
    /// Device and inode of the socket file we bound: stop() unlinks only that file, never the
    /// socket of a player started after this one.
    private let boundFile: (device: UInt64, inode: UInt64)
    private let stopSignal: StopSignal
    private let threads = DispatchGroup()
    private let state = Mutex<(stopped: Bool, connections: Int)>((false, 0))

    /// Binds and starts listening. Throws `.anotherPlayerRunning` when a live player owns the
    /// socket; removes a socket file nobody listens on (left by a player that crashed).
    public init(location: RemoteSocketLocation, configuration: Configuration = Configuration(),
                handler: @escaping Handler) throws(RemoteServerError) {
        self.location = location
        self.configuration = configuration
        self.handler = handler
        let path = location.socketPath
        guard path.utf8.count <= UnixSocket.maximumPathBytes else { throw .pathTooLong(path) }
        try location.prepareDirectory()
        do {
            stopSignal = try StopSignal()
        } catch {
            throw .systemCall(error.call, path: path, errno: error.code)
        }
        // Two players starting at once could both find the socket stale, and the second's unlink
        // would remove the first's new socket; the lock makes check-and-bind one step.
        let startLock = try Self.lockStart(in: location.directory)
        defer { close(startLock) }  // closing releases the flock
        try Self.removeStaleSocket(at: path)
        (listenerFD, boundFile) = try Self.listen(at: path)
        threads.enter()
        Thread { [self] in
            acceptLoop()
            threads.leave()
        }.start()
    }

    /// Stops accepting, ends every connection after its current answer, waits for their threads,
    /// then closes the listener and removes the socket file. Idempotent. Call it before dropping
    /// the server (its threads keep it alive until then), and never from inside the handler,
    /// whose thread it waits for.
    public func stop() {
        let alreadyStopped = state.withLock { state in
            defer { state.stopped = true }
            return state.stopped
        }
        guard !alreadyStopped else { return }
        stopSignal.fire()
        threads.wait()
        var facts = stat()
        if lstat(location.socketPath, &facts) == 0,
           UInt64(facts.st_dev) == boundFile.device, UInt64(facts.st_ino) == boundFile.inode {
            unlink(location.socketPath)
        }
        close(listenerFD)
    }

    // MARK: starting

    /// An exclusive flock(2) on `remote.lock` beside the socket, held while a player starts.
    private static func lockStart(in directory: String) throws(RemoteServerError) -> Int32 {
        let path = directory + "/remote.lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw .systemCall("open", path: path, errno: errno) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let code = errno
                close(fd)
                throw .systemCall("flock", path: path, errno: code)
            }
        }
        return fd
    }

    /// connect(2) tells a live socket from a stale one: a listener accepts, a leftover file
    /// gives ECONNREFUSED (man 7 unix). A file that is not a socket is left alone.
    private static func removeStaleSocket(at path: String) throws(RemoteServerError) {
        var facts = stat()
        guard lstat(path, &facts) == 0 else {
            if errno == ENOENT { return }
            throw .systemCall("lstat", path: path, errno: errno)
        }
        guard facts.st_mode & S_IFMT == S_IFSOCK else { throw .notASocket(path) }
        let refusal: Int32
        do {
            close(try UnixSocket.connect(to: path, timeoutSeconds: 1))
            refusal = 0
        } catch {
            refusal = error.code
        }
        switch refusal {
        case 0:
            throw .anotherPlayerRunning(socketPath: path)
        case ECONNREFUSED:
            guard unlink(path) == 0 || errno == ENOENT else { throw .systemCall("unlink", path: path, errno: errno) }
        case EAGAIN:
            throw .anotherPlayerRunning(socketPath: path)  // alive, its backlog full
        default:
            throw .systemCall("connect", path: path, errno: refusal)
        }
    }

    private static func listen(at path: String) throws(RemoteServerError) -> (Int32, (UInt64, UInt64)) {
        let fd: Int32
        do { fd = try UnixSocket.makeStreamSocket() } catch { throw .systemCall("socket", path: path, errno: error.code) }
        func fail(_ call: String, _ code: Int32) -> RemoteServerError {
            close(fd)
            return .systemCall(call, path: path, errno: code)
        }
        // Linux creates the socket file with the socket inode's mode minus the umask, so fchmod
        // before bind gives 0600 from the start without touching the process-wide umask (which
        // other threads' file creation would see). chmod after bind and the stat check below make
        // it hold on kernels that behave otherwise.
        guard fchmod(fd, 0o600) == 0 else { throw fail("fchmod", errno) }
        let bound = UnixSocket.withAddress(path) { bind(fd, $0, $1) }
        guard bound == 0 else {
            let code = errno
            close(fd)
            // Another player bound between our stale check and now.
            throw code == EADDRINUSE ? .anotherPlayerRunning(socketPath: path) : .systemCall("bind", path: path, errno: code)
        }
        var facts = stat()
        guard chmod(path, 0o600) == 0, lstat(path, &facts) == 0 else {
            let code = errno
            unlink(path)
            throw fail("chmod", code)
        }
        guard facts.st_mode & 0o777 == 0o600 else {
            unlink(path)
            close(fd)
            throw .socketNotPrivate(path, mode: UInt32(facts.st_mode & 0o777))
        }
        // Non-blocking so that accept() after poll() never waits (Linux does not pass the flag
        // on to accepted sockets).
        _ = fcntl(fd, F_SETFL, O_NONBLOCK)
        guard Glibc.listen(fd, 16) == 0 else {
            let code = errno
            unlink(path)
            throw fail("listen", code)
        }
        return (fd, (UInt64(facts.st_dev), UInt64(facts.st_ino)))
    }

    // MARK: serving

    private func acceptLoop() {
        while true {
            switch UnixSocket.waitReadable(listenerFD, orStop: stopSignal.pollFD, timeoutMilliseconds: -1) {
            case .stopped, .failed: return
            case .timedOut, .readable: break
            }
            let fd = accept(listenerFD, nil, nil)
            guard fd >= 0 else { continue }  // the client left before accept, or EINTR: wait again
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            let admitted = state.withLock { state in
                guard !state.stopped, state.connections < configuration.maximumConnections else { return false }
                state.connections += 1
                return true
            }
            guard admitted else {
                refuse(fd, "the player is serving \(configuration.maximumConnections) remote connections; try again")
                close(fd)
                continue
            }
            threads.enter()
            Thread { [self] in
                serve(fd)
                close(fd)
                state.withLock { $0.connections -= 1 }
                threads.leave()
            }.start()
        }
    }

    private func serve(_ fd: Int32) {
        let owner = geteuid()
        guard let peer = UnixSocket.peerUserID(fd), peer == owner else {
            let who = UnixSocket.peerUserID(fd).map { "uid \($0)" } ?? "an unknown user"
            return refuse(fd, "connection from \(who) refused: only uid \(owner) controls this player")
        }
        UnixSocket.setTimeouts(fd, seconds: configuration.idleTimeoutSeconds)  // bounds the answer's send
        var reader = SocketLineReader(fd: fd, maximumBytes: RemoteWire.maximumRequestBytes)
        let idleMilliseconds = Int32(min(configuration.idleTimeoutSeconds * 1000, Double(Int32.max)))
        while true {
            let response: RemoteResponse
            switch reader.next(stop: stopSignal, timeoutMilliseconds: idleMilliseconds) {
            case .closed, .timedOut, .stopped:
                return
            case .tooLong:
                response = .failure("request longer than \(RemoteWire.maximumRequestBytes) bytes")
            case .line(let bytes):
                switch RemoteWire.request(from: Data(bytes)) {
                case .success(let request): response = handler(request)
                case .failure(let error): response = .failure(error.description)
                }
            }
            guard UnixSocket.sendAll(fd, Array(RemoteWire.line(for: response)) + [0x0A]) else { return }
        }
    }

    /// Answers with one error line, best effort; the caller closes.
    private func refuse(_ fd: Int32, _ message: String) {
        UnixSocket.setTimeouts(fd, seconds: 1)
        _ = UnixSocket.sendAll(fd, Array(RemoteWire.line(for: .failure(message))) + [0x0A])
    }
}
