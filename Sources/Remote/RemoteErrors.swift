import Glibc

/// Why a player could not start listening. Each description is one line for the status line or stderr.
public enum RemoteServerError: Error, Equatable, CustomStringConvertible {
    /// Connecting to the socket succeeded: a live player owns it.
    case anotherPlayerRunning(socketPath: String)
    case unsafeDirectory(String, reason: String)
    /// Something other than a socket sits where the socket goes; it is not ours to delete.
    case notASocket(String)
    case pathTooLong(String)
    /// The socket file did not end up 0600 (checked after bind, not assumed).
    case socketNotPrivate(String, mode: UInt32)
    case systemCall(String, path: String, errno: Int32)

    public var description: String {
        switch self {
        case .anotherPlayerRunning(let path):
            "another s3play is running (it listens on \(path)); control it with `s3play remote`"
        case .unsafeDirectory(let path, let reason):
            "\(path) is not a safe place for the remote-control socket: \(reason)"
        case .notASocket(let path):
            "\(path) exists and is not a socket; remove it to enable remote control"
        case .pathTooLong(let path):
            "the remote-control socket path \(path) is longer than \(UnixSocket.maximumPathBytes) bytes"
        case .socketNotPrivate(let path, let mode):
            "\(path) has mode \(String(mode, radix: 8)), not 600"
        case .systemCall(let call, let path, let code):
            "\(call) \(path) failed: \(String(cString: strerror(code)))"
        }
    }
}

/// Why `s3play remote` got no answer.
public enum RemoteClientError: Error, Equatable, CustomStringConvertible {
    /// No socket file, or nobody listening on it.
    case noPlayerRunning
    /// The player accepted but did not answer in time.
    case noAnswer(seconds: Double)
    /// The connection closed, or the answer was not a response line.
    case malformedAnswer
    case pathTooLong(String)
    case systemCall(String, path: String, errno: Int32)

    public var description: String {
        switch self {
        case .noPlayerRunning:
            "no s3play player is running (start one with `s3play`)"
        case .noAnswer(let seconds):
            "the player did not answer within \(seconds.formatted1) seconds"
        case .malformedAnswer:
            "the player's answer could not be read (is it another version of s3play?)"
        case .pathTooLong(let path):
            "the remote-control socket path \(path) is longer than \(UnixSocket.maximumPathBytes) bytes"
        case .systemCall(let call, let path, let code):
            "\(call) \(path) failed: \(String(cString: strerror(code)))"
        }
    }
}

extension Double {
    /// 2 → "2", 0.5 → "0.5".
    fileprivate var formatted1: String {
        self == rounded() ? String(Int(self)) : String(self)
    }
}
