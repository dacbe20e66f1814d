import Glibc
import Synchronization

/// One request as the stand-in saw and answered it.
public struct DiscogsLoggedRequest: Sendable, Equatable {
    /// From the stand-in's clock.
    public var time: Duration
    public var method: String
    /// Path and query, as sent.
    public var target: String
    public var status: Int

    public init(time: Duration, method: String, target: String, status: Int) {
        self.time = time
        self.method = method
        self.target = target
        self.status = status
    }

    /// "12.345 GET /artists/1?x=y 200": seconds with milliseconds, one line per request.
    public var line: String {
        let milliseconds = Int(time / .milliseconds(1))
        let fraction = String(milliseconds % 1000)
        let padded = String(repeating: "0", count: 3 - fraction.count) + fraction
        return "\(milliseconds / 1000).\(padded) \(method) \(target) \(status)"
    }
}

/// Every request in memory, and optionally appended to a file as it is answered (for the tool).
final class DiscogsRequestLog: Sendable {
    private let entries = Mutex<[DiscogsLoggedRequest]>([])
    private let fileDescriptor: Int32?

    init(path: String?) throws(DiscogsStandInError) {
        guard let path else { fileDescriptor = nil; return }
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .cannotOpenLog(path: path, errno: errno) }
        fileDescriptor = fd
    }

    deinit { if let fileDescriptor { close(fileDescriptor) } }

    var all: [DiscogsLoggedRequest] { entries.withLock { $0 } }

    func append(_ entry: DiscogsLoggedRequest) {
        entries.withLock { entries in
            entries.append(entry)
            // Written under the lock so lines from concurrent connections never interleave.
            guard let fd = fileDescriptor else { return }
            let bytes = Array((entry.line + "\n").utf8)
            var offset = 0
            while offset < bytes.count {
                let count = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                if count <= 0 { return }
                offset += count
            }
        }
    }
}
