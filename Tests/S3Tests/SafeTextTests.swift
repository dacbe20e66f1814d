import SafeText
import XCTest

/// One definition of a terminal control, two ways to show it, and URLs without their secrets.
final class SafeTextTests: XCTestCase {
    func testControlsBecomeVisibleEscapes() {
        XCTAssertEqual(TerminalSafeText.escaped("\u{1B}]0;pwned\u{07}\u{1B}[2Jtitle"), "\\x1b]0;pwned\\x07\\x1b[2Jtitle")
        XCTAssertEqual(TerminalSafeText.escaped("a\tb\nc\rd\u{7F}\u{9B}e"), "a\\tb\\nc\\rd\\x7f\\u{9b}e")
        XCTAssertEqual(TerminalSafeText.escaped("Björk — 東京 🌃"), "Björk — 東京 🌃", "printable text is untouched")
    }

    func testControlsBecomeSpacesForACell() {
        XCTAssertEqual(TerminalSafeText.spaced("a\u{1B}[2Jb\u{9B}c"), "a [2Jb c")
    }

    func testURLsLoseTheirQueryAndUserInfo() {
        XCTAssertEqual(URLRedaction.redacted("https://bucket.s3.amazonaws.com/a.mp3?X-Amz-Signature=abc&X-Amz-Credential=AKIA"),
                       "https://bucket.s3.amazonaws.com/a.mp3")
        XCTAssertEqual(URLRedaction.redacted("http://user:pw@minio:9000/x#frag"), "http://minio:9000/x")
        XCTAssertEqual(URLRedaction.withoutQuery("http://…@minio:9000/?X-Amz-Signature=s"), "http://…@minio:9000/")
        XCTAssertEqual(URLRedaction.redacted("/home/me/a?b.mp3"), "/home/me/a?b.mp3", "a path is not a URL")
        XCTAssertTrue(URLRedaction.isNonS3URL("https://host/a.mp3"))
        XCTAssertFalse(URLRedaction.isNonS3URL("s3://bucket/a.mp3"))
        XCTAssertFalse(URLRedaction.isNonS3URL("/music/a://b.mp3"))
    }
}
