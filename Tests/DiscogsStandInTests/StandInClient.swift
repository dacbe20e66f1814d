import Foundation
import Glibc
import XCTest
@testable import TestServers
@testable import TestSupport

/// One response as a client sees it.
struct StandInReply {
    var status: Int
    var headers: HTTPHeaderFields
    var body: [UInt8]

    /// The body as a JSON object; fails the test if it is not one.
    func object(file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(body))
        return try XCTUnwrap(value as? [String: Any], "body is not a JSON object", file: file, line: line)
    }

    var rateHeaders: [Int] {
        ["X-Discogs-Ratelimit", "X-Discogs-Ratelimit-Used", "X-Discogs-Ratelimit-Remaining"]
            .map { headers[$0].flatMap { Int($0) } ?? -1 }
    }
}

/// A raw-socket HTTP/1.1 client: one request per connection, read to EOF. Raw so the tests control
/// every header (curl always adds a User-Agent). Reads time out after 10 s so a bug fails, not hangs.
struct StandInClient {
    let port: Int
    var userAgent: String? = "s3playTests/1.0 +https://example.invalid/s3play"
    var token: String?

    func get(_ target: String, extraHeaders: [String] = []) throws -> StandInReply {
        var request = "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        if let userAgent { request += "User-Agent: \(userAgent)\r\n" }
        if let token { request += "Authorization: Discogs token=\(token)\r\n" }
        for header in extraHeaders { request += header + "\r\n" }
        request += "\r\n"

        let fd = try LoopbackSocket.connect(port: port)
        defer { close(fd) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let bytes = Array(request.utf8)
        let sent = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        XCTAssertEqual(sent, bytes.count)

        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0 { throw LoopbackSocketError.truncated }
            if count == 0 { break }
            received += chunk[..<count]
        }
        let separator: [UInt8] = [13, 10, 13, 10]
        guard received.count >= 4 else { throw LoopbackSocketError.truncated }
        guard let end = (0...(received.count - 4)).first(where: { Array(received[$0..<$0 + 4]) == separator }) else {
            throw LoopbackSocketError.truncated
        }
        let head = try HTTPResponseHead(parsing: received[..<(end + 4)])
        let body = Array(received[(end + 4)...])
        XCTAssertEqual(head.headers["Content-Length"].flatMap { Int($0) }, body.count)
        return StandInReply(status: head.status, headers: head.headers, body: body)
    }
}

extension XCTestCase {
    /// A stand-in with a test clock and the token "test-token", stopped when the test ends.
    func makeStandIn(_ adjust: (inout DiscogsStandInConfiguration) -> Void = { _ in })
        throws -> (DiscogsStandIn, ManualClock) {
        let clock = ManualClock()
        var configuration = DiscogsStandInConfiguration(token: "test-token")
        configuration.clock = clock
        adjust(&configuration)
        let standIn = try DiscogsStandIn(configuration)
        addTeardownBlock { standIn.stop() }
        return (standIn, clock)
    }
}
