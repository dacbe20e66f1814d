import Foundation
import Glibc
import XCTest
@testable import TestServers
@testable import TestSupport

/// A blocking socket client for byte-exact checks that curl cannot make (exact byte counts before
/// a reset, pipelining, HEAD framing). Reads time out after 10 s so a framing bug fails, not hangs.
final class RawClient {
    let fd: Int32
    private var leftover: [UInt8] = []

    init(port: Int) throws {
        fd = try LoopbackSocket.connect(port: port)
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { return }
            offset += count
        }
    }

    /// Everything until the connection ends, and the errno that ended it (0 for a clean EOF).
    func readToEnd() -> (bytes: [UInt8], error: Int32) {
        var bytes = leftover
        leftover = []
        while true {
            guard let chunk = readChunk() else { return (bytes, errno) }
            if chunk.isEmpty { return (bytes, 0) }
            bytes += chunk
        }
    }

    /// One response with a Content-Length (or no) body. Bytes read past its end (a pipelined next
    /// response arriving in the same read) are kept for the next call.
    func readResponse(requestMethod: String = "GET") throws -> (head: HTTPResponseHead, body: [UInt8]) {
        while endOfHead(in: leftover[...]) == nil {
            guard let chunk = readChunk(), !chunk.isEmpty else { throw LoopbackSocketError.truncated }
            leftover += chunk
        }
        let headEnd = endOfHead(in: leftover[...])!
        let head = try HTTPResponseHead(parsing: leftover[..<headEnd])
        var length = 0
        if case .contentLength(let declared) = try HTTPBodyFraming.forResponse(head, requestMethod: requestMethod) {
            length = declared
        }
        while leftover.count < headEnd + length {
            guard let chunk = readChunk(), !chunk.isEmpty else { throw LoopbackSocketError.truncated }
            leftover += chunk
        }
        let body = Array(leftover[headEnd..<headEnd + length])
        leftover.removeFirst(headEnd + length)
        return (head, body)
    }

    /// Reads and drops `count` bytes, then closes abruptly (unread data makes the kernel send RST).
    func readThenAbandon(_ count: Int) {
        var received = 0
        while received < count, let chunk = readChunk(), !chunk.isEmpty { received += chunk.count }
    }

    private func readChunk() -> [UInt8]? {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard count >= 0 else { return nil }
        return Array(chunk[..<count])
    }
}

struct CurlResult {
    var exitCode: Int32
    var stdout: String
    var stderr: String
}

/// Runs the curl command line: the same libcurl the player uses, from the outside.
func runCurl(_ arguments: [String]) throws -> CurlResult {
    try runProcess("/usr/bin/curl", ["--silent", "--show-error", "--max-time", "30"] + arguments)
}

func runProcess(_ executable: String, _ arguments: [String]) throws -> CurlResult {
    let outcome = try ChildProcess.run(executable, arguments)
    return CurlResult(exitCode: outcome.status, stdout: outcome.standardOutput, stderr: outcome.standardError)
}

/// Deterministic, non-repeating-looking bytes, so a misplaced byte is caught by equality.
func testBody(_ count: Int, seed: Int = 7) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: ($0 &* 31) ^ ($0 >> 8) &+ seed) }
}

func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("s3play-proxy-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func elapsed(_ work: () throws -> Void) rethrows -> Duration {
    let start = ContinuousClock.now
    try work()
    return ContinuousClock.now - start
}
