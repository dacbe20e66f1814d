import Foundation
import Player
import XCTest

/// `errors.log`: one line per error, whole, bounded by rotation, and never a secret.
final class ErrorLogTests: XCTestCase {
    func testLinesAreWholeOneLineRedactedAndRotatedAtTheLimit() throws {
        let file = try temporaryDirectory(self).appendingPathComponent("s3play/errors.log")
        let log = ErrorLog(fileURL: file, maxBytes: 300, now: { Date(timeIntervalSince1970: 0) })
        let long = "Cannot play s3://music/a.mp3: " + String(repeating: "x", count: 150)
        log.append(long)
        log.append("two\nlines")
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8),
                       "1970-01-01T00:00:00Z \(long)\n1970-01-01T00:00:00Z two lines\n")
        log.append("https://b.s3.amazonaws.com/k?X-Amz-Credential=AKIDEXAMPLE%2F2026&X-Amz-Signature=abc123 failed")
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8),
                       "1970-01-01T00:00:00Z https://b.s3.amazonaws.com/k?X-Amz-Credential=…&X-Amz-Signature=… failed\n",
                       "the file passed 300 bytes: a new one began")
        let older = try String(contentsOfFile: file.path + ".1", encoding: .utf8)
        XCTAssertTrue(older.hasSuffix("two lines\n"), older)
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
    }
}
