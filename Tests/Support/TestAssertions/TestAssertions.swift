import Foundation
import XCTest

/// Assertions the playback test targets share. Apart from TestSupport, which the test tools
/// (the proxy, the Discogs stand-in) link too and so must not depend on XCTest.

/// Polls `condition` every millisecond for up to 60 s; fails the test instead of hanging.
public func waitUntil(_ what: String, file: StaticString = #filePath, line: UInt = #line, _ condition: () -> Bool) {
    let deadline = Date(timeIntervalSinceNow: 60)
    while !condition() {
        if Date() > deadline {
            XCTFail("timed out waiting until \(what)", file: file, line: line)
            return
        }
        usleep(1_000)
    }
}

/// Compares PCM without printing megabytes on failure: the sizes and the first differing byte.
public func XCTAssertSamePCM(_ actual: ArraySlice<UInt8>, _ expected: ArraySlice<UInt8>, _ message: String = "",
                             file: StaticString = #filePath, line: UInt = #line) {
    guard actual != expected else { return }
    let firstDifference = zip(actual, expected).enumerated().first { $1.0 != $1.1 }?.offset
        ?? min(actual.count, expected.count)
    XCTFail("PCM differs \(message): \(actual.count) bytes vs \(expected.count) expected, "
            + "first difference at byte \(firstDifference)", file: file, line: line)
}

public func XCTAssertSamePCM(_ actual: [UInt8], _ expected: [UInt8], _ message: String = "",
                             file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertSamePCM(actual[...], expected[...], message, file: file, line: line)
}
