import AudioTags
import Foundation
import TestSupport
import XCTest

/// The catalog scan's budget: a few ranged reads an object (the head, the first frame after a
/// long tag, the last 8 KiB), and few bytes beyond the tag.
final class ReadCountTests: XCTestCase {
    func testThreeMegabytePictureTakesTheFirstReadThenExactlyTheRestOfTheTagTheFrameWindowAndTheTail() throws {
        try TestRequirement.requireTime(5, for: "a 3 MB tag read in counted pieces")
        for version in [ID3TagBuilder.Version.v2_2, .v2_3, .v2_4] {
            var tag = ID3TagBuilder(version)
            tag.text("TIT2", "Cover Inside")
            tag.text("TPE2", "Album Artist")
            tag.picture(length: 3 * 1024 * 1024)
            let tagBytes = tag.build()
            let file = tagBytes + silentFrames(400)
            let reading = TagReading(file)
            let tagEnd = Int64(tagBytes.count)
            let size = Int64(file.count)
            XCTAssertEqual(reading.reads, [0..<65_536, 65_536..<(tagEnd + AudioTagReader.firstFrameWindow),
                                           (size - 8_192)..<size], "\(version)")
            XCTAssertEqual(reading.summary.title, "Cover Inside")
            XCTAssertEqual(reading.summary.albumArtist, "Album Artist")
            XCTAssertEqual(reading.summary.tagBytes, tagEnd)
            XCTAssertEqual(reading.summary.audioStart, tagEnd)
            XCTAssertEqual(reading.summary.durationSeconds, 400 * 417 * 8 / 128_000)
            XCTAssertNil(reading.summary.problem)
        }
    }

    /// Every fixture: at most three reads, and at most max(64 KiB, tagBytes + 16 KiB) + 8 KiB
    /// bytes in all.
    func testEveryFixtureTakesAtMostThreeReadsAndFewBytesBeyondItsTag() throws {
        for kind in TestAudioFiles.Kind.allCases {
            let file = [UInt8](try Data(contentsOf: TestAudioFiles.url(kind)))
            let reading = TagReading(file)
            let bound = max(AudioTagReader.firstRequestLength,
                            reading.summary.tagBytes + AudioTagReader.firstFrameWindow) + 8_192
            XCTAssertLessThanOrEqual(reading.reads.count, 3, "\(kind)")
            XCTAssertLessThanOrEqual(reading.bytesRead, bound, "\(kind)")
        }
    }

    func testFrameJustPastTheFirstReadTakesOneMoreReadOfTheWindow() {
        var tag = ID3TagBuilder(.v2_3)
        tag.text("TIT2", "Edge")
        tag.paddingLength = 65_536 - 10 - 15 - 200  // the tag ends 200 bytes before the first read does
        let tagBytes = tag.build()
        let file = tagBytes + silentFrames(100)
        let reading = TagReading(file)
        let size = Int64(file.count)
        XCTAssertEqual(reading.reads, [0..<65_536, 65_536..<(Int64(tagBytes.count) + AudioTagReader.firstFrameWindow),
                                       (size - 8_192)..<size])
        XCTAssertEqual(reading.summary.audioStart, Int64(tagBytes.count))
        XCTAssertNil(reading.summary.problem)
    }
}
