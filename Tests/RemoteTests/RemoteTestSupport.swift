import Foundation
import Glibc
import Synchronization
import XCTest
@testable import Remote

/// A temporary XDG_RUNTIME_DIR, short enough for sun_path (108 bytes), removed at the end.
final class TemporaryRuntimeDirectory {
    let path: String

    init() throws {
        var template = Array("/tmp/s3play-remote-test-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        path = String(cString: made)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    var location: RemoteSocketLocation { RemoteSocketLocation(environment: ["XDG_RUNTIME_DIR": path]) }
}

/// The player's stand-in: records every request in order and answers `.status` with `status`,
/// `seek` past 1000 seconds with a refusal, everything else with `.done`.
final class RecordingHandler: Sendable {
    static let status = RemoteStatus(
        state: .playing, artist: "Björk", title: "Hyperballad", album: "Post",
        location: "s3://music/Björk/Post/05 Hyperballad.mp3", elapsed: 83.25, duration: 321.5, volume: 80,
        shuffle: true, repeatMode: .all, queueLength: 12, queuePosition: 3)

    private let recorded = Mutex<[RemoteRequest]>([])

    var requests: [RemoteRequest] { recorded.withLock { $0 } }

    var handler: RemoteServer.Handler {
        { [self] request in
            recorded.withLock { $0.append(request) }
            switch request {
            case .status: return .status(Self.status)
            case .seek(let seconds, _) where seconds > 1000: return .failure("nothing to seek in")
            default: return .done
            }
        }
    }
}

/// A connection that writes raw bytes and reads answer lines, for what RemoteClient never sends.
final class RawConnection {
    let fd: Int32

    init(_ location: RemoteSocketLocation) throws {
        fd = try UnixSocket.connect(to: location.socketPath, timeoutSeconds: 5)
    }

    deinit { close(fd) }

    func send(_ text: String) {
        XCTAssertTrue(UnixSocket.sendAll(fd, Array(text.utf8)))
    }

    func send(_ bytes: [UInt8]) {
        XCTAssertTrue(UnixSocket.sendAll(fd, bytes))
    }

    /// The next line without its newline; "" once the server closed.
    func readLine() -> String {
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while recv(fd, &byte, 1, 0) == 1 {
            if byte == 0x0A { return String(decoding: line, as: UTF8.self) }
            line.append(byte)
        }
        return String(decoding: line, as: UTF8.self)
    }
}

/// Mode bits (permissions only) of a path, not following a final symlink.
func permissionBits(_ path: String) -> UInt32 {
    var facts = stat()
    guard lstat(path, &facts) == 0 else { return 0o7777_7777 }
    return UInt32(facts.st_mode & 0o777)
}

/// Leaves a socket file with nobody listening, as a player that crashed does.
func makeStaleSocket(at path: String) throws {
    let fd = try UnixSocket.makeStreamSocket()
    let bound = UnixSocket.withAddress(path) { bind(fd, $0, $1) }
    close(fd)
    guard bound == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
}
