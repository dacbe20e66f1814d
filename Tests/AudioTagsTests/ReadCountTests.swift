import AudioTags
import Foundation
import TestSupport
import XCTest

/// The catalog scan's budget: at most two ranged reads an object, and few bytes beyond the tag.
final class ReadCountTests: XCTestCase {
    func testThreeMegabytePictureTakesTheFirstReadThenExactlyTheRestOfTheTagAndTheFrameWindow() {
        for version in [ID3TagBuilder.Version.v2_2, .v2_3, .v2_4] {
            var tag = ID3TagBuilder(version)
            tag.text("TIT2", "Cover Inside")
            tag.text("TPE2", "Album Artist")
            tag.picture(length: 3 * 1024 * 1024)
            let tagBytes = tag.build()
            let file = tagBytes + silentFrames(400)
            let reading = TagReading(file)
            let tagEnd = Int64(tagBytes.count)
            XCTAssertEqual(reading.reads, [0..<65_536, 65_536..<(tagEnd + AudioTagReader.firstFrameWindow)],
                           "\(version)")
            XCTAssertEqual(reading.summary.title, "Cover Inside")
            XCTAssertEqual(reading.summary.albumArtist, "Album Artist")
            XCTAssertEqual(reading.summary.tagBytes, tagEnd)
            XCTAssertEqual(reading.summary.audioStart, tagEnd)
            XCTAssertEqual(reading.summary.durationSeconds, 400 * 417 * 8 / 128_000)
            XCTAssertNil(reading.summary.problem)
        }
    }

    /// Every fixture: at most two reads (so at most one `.needBytes` step after the first), and
    /// at most max(64 KiB + 128, tagBytes + 8 KiB) bytes in all.
    func testEveryFixtureTakesAtMostTwoReadsAndFewBytesBeyondItsTag() throws {
        for kind in TestAudioFiles.Kind.allCases {
            let file = [UInt8](try Data(contentsOf: TestAudioFiles.url(kind)))
            let reading = TagReading(file)
            let bound = max(AudioTagReader.firstRequestLength + 128,
                            reading.summary.tagBytes + AudioTagReader.firstFrameWindow)
            XCTAssertLessThanOrEqual(reading.reads.count, 2, "\(kind)")
            XCTAssertLessThanOrEqual(reading.bytesRead, bound, "\(kind)")
        }
    }

    func testFrameJustPastTheFirstReadTakesOneMoreReadOfTheWindow() {
        var tag = ID3TagBuilder(.v2_3)
        tag.text("TIT2", "Edge")
        tag.paddingLength = 65_536 - 10 - 15 - 200  // the tag ends 200 bytes before the first read does
        let tagBytes = tag.build()
        let reading = TagReading(tagBytes + silentFrames(100))
        XCTAssertEqual(reading.reads, [0..<65_536, 65_536..<(Int64(tagBytes.count) + AudioTagReader.firstFrameWindow)])
        XCTAssertEqual(reading.summary.audioStart, Int64(tagBytes.count))
        XCTAssertNil(reading.summary.problem)
    }
}
