import XCTest
@testable import Remote

final class RemoteRequestParsingTests: XCTestCase {
    private func parse(_ words: String...) throws -> RemoteRequest {
        try RemoteRequest(words: words, workingDirectory: "/home/ada/music")
    }

    private func parseError(_ words: String...) -> String? {
        do {
            _ = try RemoteRequest(words: words, workingDirectory: "/home/ada/music")
            return nil
        } catch {
            return error.description
        }
    }

    func testParsesCommandsWithoutArguments() throws {
        XCTAssertEqual(try parse("play"), .play)
        XCTAssertEqual(try parse("pause"), .pause)
        XCTAssertEqual(try parse("toggle"), .toggle)
        XCTAssertEqual(try parse("next"), .next)
        XCTAssertEqual(try parse("prev"), .prev)
        XCTAssertEqual(try parse("stop"), .stop)
        XCTAssertEqual(try parse("clear"), .clear)
        XCTAssertEqual(try parse("status"), .status)
    }

    func testParsesEverySeekForm() throws {
        XCTAssertEqual(try parse("seek", "90"), .seek(seconds: 90, relative: false))
        XCTAssertEqual(try parse("seek", "12.5"), .seek(seconds: 12.5, relative: false))
        XCTAssertEqual(try parse("seek", "0"), .seek(seconds: 0, relative: false))
        XCTAssertEqual(try parse("seek", "+5"), .seek(seconds: 5, relative: true))
        XCTAssertEqual(try parse("seek", "-5"), .seek(seconds: -5, relative: true))
        XCTAssertEqual(try parse("seek", "1:30"), .seek(seconds: 90, relative: false))
        XCTAssertEqual(try parse("seek", "-1:30"), .seek(seconds: -90, relative: true))
        XCTAssertEqual(try parse("seek", "+0:05.5"), .seek(seconds: 5.5, relative: true))
        XCTAssertEqual(try parse("seek", "1:02:03"), .seek(seconds: 3723, relative: false))
    }

    func testRejectsMalformedSeekWithOneLine() {
        for text in ["", "abc", "+", "-", "1:60", "1::2", ":30", "1:", "inf", "nan", "1e3", " 5", "1.5:00", "1:2:3:4", "++5"] {
            XCTAssertEqual(parseError("seek", text),
                           "seek takes SECONDS, +SECONDS, -SECONDS or M:SS, not '\(text)'.", "seek \(text)")
        }
        XCTAssertEqual(parseError("seek"), "usage: seek SECONDS|+SECONDS|-SECONDS|M:SS.")
        XCTAssertEqual(parseError("seek", "1", "2"), "usage: seek SECONDS|+SECONDS|-SECONDS|M:SS.")
    }

    func testParsesEveryVolumeForm() throws {
        XCTAssertEqual(try parse("vol", "80"), .volume(percent: 80, relative: false))
        XCTAssertEqual(try parse("vol", "0"), .volume(percent: 0, relative: false))
        XCTAssertEqual(try parse("vol", "100"), .volume(percent: 100, relative: false))
        XCTAssertEqual(try parse("vol", "+5"), .volume(percent: 5, relative: true))
        XCTAssertEqual(try parse("vol", "-10"), .volume(percent: -10, relative: true))
        XCTAssertEqual(try parse("volume", "50"), .volume(percent: 50, relative: false))
    }

    func testRejectsMalformedVolumeWithOneLine() {
        for text in ["", "101", "-101", "abc", "+", "50%", "5.5", "0100", "+-5"] {
            XCTAssertEqual(parseError("vol", text),
                           "vol takes N, +N or -N with N from 0 to 100, not '\(text)'.", "vol \(text)")
        }
        XCTAssertEqual(parseError("vol"), "usage: vol N|+N|-N.")
    }

    func testAddSendsAbsoluteSources() throws {
        XCTAssertEqual(try parse("add", "song.mp3"), .add(source: "/home/ada/music/song.mp3"))
        XCTAssertEqual(try parse("add", "./Post/05 Hyperballad.mp3"), .add(source: "/home/ada/music/Post/05 Hyperballad.mp3"))
        XCTAssertEqual(try parse("add", "../other/a.mp3"), .add(source: "/home/ada/music/../other/a.mp3"))
        XCTAssertEqual(try parse("add", "/srv/a.mp3"), .add(source: "/srv/a.mp3"))
        XCTAssertEqual(try parse("add", "s3://music/Björk/a.mp3"), .add(source: "s3://music/Björk/a.mp3"))
        XCTAssertEqual(parseError("add"), "usage: add SOURCE.")
        XCTAssertEqual(parseError("add", ""), "add needs a SOURCE: s3://BUCKET/KEY or a path.")
    }

    func testRejectsUnknownCommandsAndStrayArguments() {
        XCTAssertEqual(parseError(), "give a command: \(RemoteRequest.commandSummary).")
        XCTAssertEqual(parseError("dance"), "unknown remote command 'dance': use one of \(RemoteRequest.commandSummary).")
        XCTAssertEqual(parseError("--loud"), "unknown remote command '--loud': use one of \(RemoteRequest.commandSummary).")
        XCTAssertEqual(parseError("play", "now"), "'play' takes no argument.")
        XCTAssertEqual(parseError("status", "x"), "'status' takes no argument.")
    }
}
