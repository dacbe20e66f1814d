import XCTest
@testable import TestServers
@testable import TestSupport

final class HTTPMessageFramingTests: XCTestCase {
    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    func testParsesRequestHeadWithCaseInsensitiveFieldNames() throws {
        let head = try HTTPRequestHead(parsing: bytes(
            "GET /bucket/song.mp3?x-id=GetObject HTTP/1.1\r\nHost: 127.0.0.1\r\nrange:  bytes=0-99 \r\n\r\n"))
        XCTAssertEqual(head.method, "GET")
        XCTAssertEqual(head.target, "/bucket/song.mp3?x-id=GetObject")
        XCTAssertEqual(head.path, "/bucket/song.mp3")
        XCTAssertEqual(head.headers["Range"], "bytes=0-99")
        XCTAssertEqual(try HTTPBodyFraming.forRequest(head), .none)
    }

    func testRejectsMalformedStartLineAndHeader() {
        XCTAssertThrowsError(try HTTPRequestHead(parsing: bytes("GET /\r\n\r\n")))
        XCTAssertThrowsError(try HTTPRequestHead(parsing: bytes("GET / HTTP/1.1\r\n folded: no\r\n\r\n")))
        XCTAssertThrowsError(try HTTPResponseHead(parsing: bytes("HTTP/1.1 2000 OK\r\n\r\n")))
    }

    func testResponsesWithoutBodyIgnoreTheirContentLength() throws {
        let ok = try HTTPResponseHead(parsing: bytes("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"))
        XCTAssertEqual(try HTTPBodyFraming.forResponse(ok, requestMethod: "HEAD"), .none)
        XCTAssertEqual(try HTTPBodyFraming.forResponse(ok, requestMethod: "GET"), .contentLength(1000))
        for status in ["100 Continue", "204 No Content", "304 Not Modified"] {
            let head = try HTTPResponseHead(parsing: bytes("HTTP/1.1 \(status)\r\nContent-Length: 5\r\n\r\n"))
            XCTAssertEqual(try HTTPBodyFraming.forResponse(head, requestMethod: "GET"), .none, status)
        }
    }

    func testTransferEncodingOverridesContentLengthAndConflictingLengthsAreRejected() throws {
        let chunked = try HTTPResponseHead(parsing: bytes(
            "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: gzip, Chunked\r\n\r\n"))
        XCTAssertEqual(try HTTPBodyFraming.forResponse(chunked, requestMethod: "GET"), .chunked)
        let conflicting = try HTTPRequestHead(parsing: bytes(
            "PUT /k HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n"))
        XCTAssertThrowsError(try HTTPBodyFraming.forRequest(conflicting))
        let unlengthed = try HTTPResponseHead(parsing: bytes("HTTP/1.0 200 OK\r\n\r\n"))
        XCTAssertEqual(try HTTPBodyFraming.forResponse(unlengthed, requestMethod: "GET"), .untilClose)
        XCTAssertFalse(unlengthed.keepsConnectionAlive)
    }

    func testChunkedScannerStopsAtLastByteWhateverTheSplit() throws {
        let body = bytes("4;name=value\r\nWiki\r\n5\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nExpires: never\r\n\r\n")
        let stream = body + bytes("GET /next HTTP/1.1\r\n\r\n")
        for split in 0...stream.count {
            var scanner = HTTPBodyScanner(.chunked)
            let first = try scanner.scan(stream[..<split])
            let second = scanner.isComplete ? 0 : try scanner.scan(stream[split...])
            XCTAssertTrue(scanner.isComplete, "split at \(split)")
            XCTAssertEqual(first + second, body.count, "split at \(split)")
        }
        var byteByByte = HTTPBodyScanner(.chunked)
        var used = 0
        for byte in stream where !byteByByte.isComplete { used += try byteByByte.scan([byte]) }
        XCTAssertEqual(used, body.count)
    }

    func testChunkedScannerRejectsBadSizeAndMissingCRLF() {
        var badSize = HTTPBodyScanner(.chunked)
        XCTAssertThrowsError(try badSize.scan(bytes("zz\r\n")))
        var missingCRLF = HTTPBodyScanner(.chunked)
        XCTAssertThrowsError(try missingCRLF.scan(bytes("2\r\nabX")))
    }

    func testContentLengthScannerLeavesPipelinedBytes() throws {
        var scanner = HTTPBodyScanner(.contentLength(5))
        XCTAssertEqual(try scanner.scan(bytes("abc")), 3)
        XCTAssertFalse(scanner.isComplete)
        XCTAssertEqual(try scanner.scan(bytes("deHTTP/1.1")), 2)
        XCTAssertTrue(scanner.isComplete)
    }

    func testEndOfHeadFindsBlankLine() {
        let stream = bytes("HTTP/1.1 204 No Content\r\n\r\nHTTP")
        XCTAssertEqual(endOfHead(in: stream[...]), stream.count - 4)
        XCTAssertNil(endOfHead(in: bytes("HTTP/1.1 204 No Content\r\n\r")[...]))
    }
}
