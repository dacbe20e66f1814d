import Foundation
import Glibc

/// `s3play remote`'s side: one connection, one request, one answer.
public struct RemoteClient: Sendable {
    public let location: RemoteSocketLocation
    /// Bounds the connect, the send and the wait for the answer, each.
    public var timeoutSeconds: Double

    public init(location: RemoteSocketLocation, timeoutSeconds: Double = 3) {
        self.location = location
        self.timeoutSeconds = timeoutSeconds
    }

    /// The player's answer to `request`; a refusal is `.failure`, not a thrown error.
    public func send(_ request: RemoteRequest) throws(RemoteClientError) -> RemoteResponse {
        let path = location.socketPath
        guard path.utf8.count <= UnixSocket.maximumPathBytes else { throw .pathTooLong(path) }
        let fd: Int32
        do {
            fd = try UnixSocket.connect(to: path, timeoutSeconds: timeoutSeconds)
        } catch {
            switch error.code {
            // No file, no directory, or a file nobody listens on: a player that is not running or
            // that crashed (a stale socket is removed by the next player to start).
            case ENOENT, ENOTDIR, ECONNREFUSED: throw .noPlayerRunning
            case EAGAIN, EWOULDBLOCK: throw .noAnswer(seconds: timeoutSeconds)
            default: throw .systemCall("connect", path: path, errno: error.code)
            }
        }
        defer { close(fd) }
        // A failed send is not the end: a player that refuses us (another user, too many
        // connections) writes its reason and closes before reading, and the reason is still there to read.
        _ = UnixSocket.sendAll(fd, Array(RemoteWire.line(for: request)) + [0x0A])
        let line = try readLine(fd)
        guard let response = RemoteWire.response(from: Data(line)) else { throw .malformedAnswer }
        return response
    }

    /// One answer line. recv waits at most SO_RCVTIMEO (set by `UnixSocket.connect`).
    private func readLine(_ fd: Int32) throws(RemoteClientError) -> [UInt8] {
        // A status answer is a few hundred bytes; the cap only stops a runaway peer.
        let maximumBytes = 1 << 20
        var line: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { throw .noAnswer(seconds: timeoutSeconds) }
            guard count > 0 else { throw .malformedAnswer }
            if let newline = chunk[0..<count].firstIndex(of: 0x0A) {
                return line + chunk[0..<newline]
            }
            line += chunk[0..<count]
            guard line.count <= maximumBytes else { throw .malformedAnswer }
        }
    }
}
