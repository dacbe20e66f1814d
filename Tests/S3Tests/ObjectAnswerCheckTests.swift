import HTTPTransport
import XCTest
@testable import S3

/// A GetObject answer is checked against the range asked for before a byte of it is used.
final class ObjectAnswerCheckTests: XCTestCase {
    private func shape(_ status: Int, _ headers: [(String, String)], range: S3ByteRange?,
                       size: Int64? = nil, etag: String? = nil) throws(S3Error) -> ObjectAnswerShape {
        try ObjectAnswerCheck.shape(status: status, headers: HTTPHeaders(headers.map { (name: $0.0, value: $0.1) }),
                                    range: range, pinned: PinnedObject(size: size, etag: etag), bucket: "b", key: "k")
    }

    private func assertThrows(_ expected: (S3Error) -> Bool, _ body: () throws -> ObjectAnswerShape,
                              line: UInt = #line) {
        do {
            let shape = try body()
            XCTFail("no error; got \(shape)", line: line)
        } catch let error as S3Error {
            XCTAssertTrue(expected(error), "\(error)", line: line)
        } catch {
            XCTFail("\(error)", line: line)
        }
    }

    func testAnExact206IsUsedAsItIs() throws {
        let got = try shape(206, [("Content-Range", "bytes 100-199/1000"), ("Content-Length", "100")],
                            range: .bounded(first: 100, last: 199))
        XCTAssertEqual(got, ObjectAnswerShape(size: 1000, firstByteOffset: 100, length: 100, bytesToSkip: 0, stopsEarly: false))
    }

    func testA206ForTheLastChunkMayEndAtTheObjectsEnd() throws {
        let got = try shape(206, [("Content-Range", "bytes 900-999/1000"), ("Content-Length", "100")],
                            range: .bounded(first: 900, last: 1899))
        XCTAssertEqual(got.length, 100)
    }

    func testA200ForARangeIsUsedBySkippingToTheOffset() throws {
        let got = try shape(200, [("Content-Length", "1000")], range: .bounded(first: 100, last: 199))
        XCTAssertEqual(got, ObjectAnswerShape(size: 1000, firstByteOffset: 100, length: 100, bytesToSkip: 100, stopsEarly: true))
        let tail = try shape(200, [("Content-Length", "1000")], range: .suffix(10))
        XCTAssertEqual(tail, ObjectAnswerShape(size: 1000, firstByteOffset: 990, length: 10, bytesToSkip: 990, stopsEarly: false))
    }

    func testAShiftedContentRangeIsWrongBytes() {
        assertThrows({ if case .wrongBytes = $0 { true } else { false } }) {
            try shape(206, [("Content-Range", "bytes 4196-5195/10000"), ("Content-Length", "1000")],
                      range: .bounded(first: 100, last: 1099))
        }
    }

    func testAnEmpty206OrAShortContentLengthIsAnIncompleteAnswerAndRetryable() {
        for length in ["0", "50"] {
            assertThrows({ if case .incompleteAnswer = $0 { $0.isRetryable } else { false } }) {
                try shape(206, [("Content-Range", "bytes 100-199/1000"), ("Content-Length", length)],
                          range: .bounded(first: 100, last: 199))
            }
        }
    }

    func testAContentRangeShorterThanAskedWhileTheObjectGoesOnIsIncomplete() {
        assertThrows({ if case .incompleteAnswer = $0 { true } else { false } }) {
            try shape(206, [("Content-Range", "bytes 100-100/1000"), ("Content-Length", "1")],
                      range: .bounded(first: 100, last: 199))
        }
    }

    func testARangeWithoutTheObjectsSizeOrAnotherStatusIsWrongBytes() {
        assertThrows({ if case .wrongBytes = $0 { true } else { false } }) {
            try shape(206, [("Content-Range", "bytes 100-199/*"), ("Content-Length", "100")], range: .bounded(first: 100, last: 199))
        }
        assertThrows({ if case .wrongBytes = $0 { true } else { false } }) {
            try shape(206, [("Content-Length", "100")], range: .bounded(first: 100, last: 199))
        }
        assertThrows({ if case .wrongBytes = $0 { true } else { false } }) {
            try shape(204, [], range: .bounded(first: 0, last: 99))
        }
    }

    func testASizeOrETagOtherThanThePinnedOneMeansTheObjectChanged() {
        assertThrows({ $0 == .objectChanged(bucket: "b", key: "k") }) {
            try shape(206, [("Content-Range", "bytes 0-99/10000"), ("Content-Length", "100")],
                      range: .bounded(first: 0, last: 99), size: 1000)
        }
        assertThrows({ $0 == .objectChanged(bucket: "b", key: "k") }) {
            try shape(206, [("Content-Range", "bytes 0-99/1000"), ("Content-Length", "100"), ("ETag", "\"v2\"")],
                      range: .bounded(first: 0, last: 99), etag: "\"v1\"")
        }
    }

    func testETagsCompareWithoutQuotesOrWeakPrefix() throws {
        _ = try shape(206, [("Content-Range", "bytes 0-99/1000"), ("Content-Length", "100"), ("ETag", "v1")],
                      range: .bounded(first: 0, last: 99), size: 1000, etag: "\"v1\"")
        XCTAssertTrue(ObjectAnswerCheck.sameETag("W/\"abc\"", "\"abc\""))
        XCTAssertFalse(ObjectAnswerCheck.sameETag("\"abc\"", "\"abd\""))
    }
}
