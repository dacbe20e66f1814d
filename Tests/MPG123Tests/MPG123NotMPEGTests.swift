import Foundation
@testable import MPG123
import TestSupport
import XCTest

/// Data that is not MPEG audio: libmpg123's feed mode only ever asks for more, so the wrapper
/// says so, at the end of the input or once the first-frame search limit is passed.
final class MPG123NotMPEGTests: XCTestCase {
    func testTextFileNamedMP3EndsWithNotMPEGAudioAtTheEndOfTheInput() throws {
        let file = try Fixture.bytes(.textFileNamedMP3)
        var feeding = FeedingDecoder(try MPG123Decoder())
        try feeding.feed(file, finish: false)
        XCTAssertFalse(feeding.decoder.hasFoundFirstFrame)
        XCTAssertEqual(feeding.pcm, [])
        XCTAssertThrowsError(try feeding.decoder.finishInput()) { error in
            let error = error as? MPG123Error
            XCTAssertEqual(error?.kind, .notMPEGAudio)
            XCTAssertEqual(error?.message,
                           "not MPEG audio: the data ended after \(file.count) bytes without an MPEG audio frame")
        }
    }

    func testZeroBytesIsNotMPEGAudio() throws {
        XCTAssertThrowsError(try Fixture.decode(.zeroBytes)) { error in
            XCTAssertEqual((error as? MPG123Error)?.kind, .notMPEGAudio)
        }
    }

    func testTextLongerThanTheSearchLimitThrowsWhileDecoding() throws {
        let text = try Fixture.bytes(.textFileNamedMP3)
        let long = Array((0..<(MPG123Decoder.defaultFirstFrameSearchLimit / text.count + 2)).map { _ in text }.joined())
        var feeding = FeedingDecoder(try MPG123Decoder())
        XCTAssertThrowsError(try feeding.feed(long, pieceSize: { _ in 4096 }, finish: false)) { error in
            let error = error as? MPG123Error
            XCTAssertEqual(error?.kind, .notMPEGAudio)
            // Checked after each piece: the first piece past 64 KiB.
            XCTAssertEqual(error?.message, "not MPEG audio: no MPEG audio frame in the first 69632 bytes")
        }
    }

    func testTextInSmallPiecesIsOnlyRejectedByTheWrappersLimit() throws {
        let text = try Fixture.bytes(.textFileNamedMP3)
        let long = Array((0..<(1 << 20) / text.count).map { _ in text }.joined())
        var unlimited = FeedingDecoder(try MPG123Decoder(firstFrameSearchLimit: .max))
        try unlimited.feed(long, pieceSize: { _ in 4096 }, finish: false)
        XCTAssertFalse(unlimited.decoder.hasFoundFirstFrame, "libmpg123 alone keeps asking for more")
    }

    func testLibmpg123sOwnGiveUpOnJunkIsReportedAsNotMPEGAudio() throws {
        let text = try Fixture.bytes(.textFileNamedMP3)
        let long = Array((0..<(1 << 20) / text.count).map { _ in text }.joined())
        var feeding = FeedingDecoder(try MPG123Decoder(firstFrameSearchLimit: .max))
        XCTAssertThrowsError(try feeding.feed(long, pieceSize: { _ in 1 << 17 }, finish: false)) { error in
            XCTAssertEqual((error as? MPG123Error)?.kind, .notMPEGAudio)
        }
    }

    func testA3MiBPictureTagDoesNotCountAgainstTheSearchLimit() throws {
        let decoded = try Fixture.decode(.bigPicture)
        XCTAssertTrue(decoded.decoder.hasFoundFirstFrame)
        XCTAssertGreaterThan(decoded.pcm.count, 0)
    }

    func testTheSearchStartsAfterALeadingID3v2TagWhoseHeaderArrivesInPieces() {
        // ID3v2.3, no flags, size 0x01_00_00 syncsafe = 16384 bytes after the header.
        let header: [UInt8] = [0x49, 0x44, 0x33, 3, 0, 0, 0, 1, 0, 0]
        var search = FirstFrameSearch(limit: 100)
        for byte in header { [byte].withUnsafeBytes { search.didFeed($0) } }
        XCTAssertEqual(search.audioStart, 10 + 16384)
        [UInt8](repeating: 0, count: 16384 + 100).withUnsafeBytes { search.didFeed($0) }
        XCTAssertFalse(search.limitExceeded)
        [UInt8(0)].withUnsafeBytes { search.didFeed($0) }
        XCTAssertTrue(search.limitExceeded)
    }

    /// Issue 19: an ID3v2 tag with a version byte no reader knows (0, 5) over 64 KiB was "not
    /// MPEG audio": its size is where every version has it, so it is skipped by it.
    func testATagOfUnknownVersionIsSkippedByItsSize() throws {
        let audio = try Fixture.bytes(.cbr320)
        for version: UInt8 in [0, 5] {
            let body = [UInt8](repeating: 0x41, count: 100_000)
            let tag: [UInt8] = [0x49, 0x44, 0x33, version, 0, 0, 0, 6, 0x0D, 0x20]  // syncsafe 100,000
            XCTAssertEqual(FirstFrameSearch.endOfLeadingTag(tag), 100_010)
            let decoded = try Fixture.decode(tag + body + audio)
            XCTAssertTrue(decoded.decoder.hasFoundFirstFrame, "version \(version)")
            XCTAssertEqual(decoded.pcm.count, try Fixture.decode(audio).pcm.count, "version \(version)")
        }
        XCTAssertEqual(FirstFrameSearch.endOfLeadingTag([0x49, 0x44, 0x33, 0xFF, 0, 0, 0, 0, 0, 5]), 0,
                       "0xFF is never a version byte (id3v2.4.0-structure 3.1)")
    }

    func testNoTagMeansTheSearchStartsAtTheFirstByte() {
        XCTAssertEqual(FirstFrameSearch.endOfLeadingTag(Array("Hello, MP3".utf8)), 0)
        // A footer (flag bit 4) adds 10 bytes.
        XCTAssertEqual(FirstFrameSearch.endOfLeadingTag([0x49, 0x44, 0x33, 4, 0, 0x10, 0, 0, 0, 5]), 25)
    }
}
