import AudioTags
import Foundation
import TestSupport
import XCTest

/// The catalog scan's budget (issue #16): a few ranged reads an object (the first 16 KiB, past a
/// picture to the tag's end with the first frames, the last 8 KiB), never a picture's bytes.
final class ReadCountTests: XCTestCase {
    func testThreeMegabytePictureIsSteppedOverWithThreeReadsAndThirtyTwoKiB() {
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
            // TIT2 and TPE2 in the first 16 KiB, the picture's header too: the next read starts
            // at the picture's end (the tag's end) and takes the frame window.
            XCTAssertEqual(reading.reads, [0..<16_384, tagEnd..<(tagEnd + AudioTagReader.firstFrameWindow),
                                           (size - 8_192)..<size], "\(version)")
            XCTAssertLessThanOrEqual(reading.bytesRead, 32 * 1024)
            XCTAssertEqual(reading.summary.title, "Cover Inside")
            XCTAssertEqual(reading.summary.albumArtist, "Album Artist")
            XCTAssertEqual(reading.summary.tagBytes, tagEnd)
            XCTAssertEqual(reading.summary.audioStart, tagEnd)
            XCTAssertEqual(reading.summary.durationSeconds, 400 * 417 * 8 / 128_000)
            XCTAssertNil(reading.summary.problem)
        }
    }

    /// Every fixture: at most three reads, and at most 16 KiB + 2 × 8 KiB bytes in all (the
    /// big-picture fixture's 3 MiB cover included).
    func testEveryFixtureTakesAtMostThreeReadsAndFewBytesBeyondItsTag() throws {
        for kind in TestAudioFiles.Kind.allCases {
            let file = [UInt8](try Data(contentsOf: TestAudioFiles.url(kind)))
            let reading = TagReading(file)
            let bound = AudioTagReader.firstRequestLength + AudioTagReader.firstFrameWindow + 8_192
            XCTAssertLessThanOrEqual(reading.reads.count, 3, "\(kind)")
            XCTAssertLessThanOrEqual(reading.bytesRead, bound, "\(kind)")
        }
    }

    func testFrameJustPastTheFirstReadTakesOneMoreReadOfTheWindow() {
        var tag = ID3TagBuilder(.v2_3)
        tag.text("TIT2", "Edge")
        tag.paddingLength = 16_384 - 10 - 15 - 200  // the tag ends 200 bytes before the first read does
        let tagBytes = tag.build()
        let file = tagBytes + silentFrames(100)
        let reading = TagReading(file)
        let size = Int64(file.count)
        XCTAssertEqual(reading.reads, [0..<16_384, 16_384..<(Int64(tagBytes.count) + AudioTagReader.firstFrameWindow),
                                       (size - 8_192)..<size])
        XCTAssertEqual(reading.summary.audioStart, Int64(tagBytes.count))
        XCTAssertNil(reading.summary.problem)
    }

    /// A picture before the text frames (as some taggers write): stepped over from its header
    /// in the first read, the text frames after it read with the frame window.
    func testPictureBeforeTheTextFramesIsSteppedOverAndTheTextAfterItRead() {
        var tag = ID3TagBuilder(.v2_4)
        tag.picture(length: 1024 * 1024)
        tag.text("TIT2", "After The Cover")
        tag.text("TPE1", "Late Artist")
        let tagBytes = tag.build()
        let file = tagBytes + silentFrames(300)
        let reading = TagReading(file)
        XCTAssertEqual(reading.summary.title, "After The Cover")
        XCTAssertEqual(reading.summary.artist, "Late Artist")
        XCTAssertEqual(reading.summary.audioStart, Int64(tagBytes.count))
        XCTAssertEqual(reading.reads.count, 3)
        XCTAssertLessThanOrEqual(reading.bytesRead, 32 * 1024)
        XCTAssertNil(reading.summary.problem)
    }

    /// An extended header is kept in front of the kept frames; the picture is still stepped over.
    func testTagsWithAnExtendedHeaderAreWalkedToo() {
        for version in [ID3TagBuilder.Version.v2_3, .v2_4] {
            var tag = ID3TagBuilder(version)
            tag.extendedHeader = true
            tag.text("TIT2", "Extended")
            tag.picture(length: 1024 * 1024)
            tag.text("TALB", "Behind The Picture")
            let tagBytes = tag.build()
            let reading = TagReading(tagBytes + silentFrames(300))
            XCTAssertEqual(reading.summary.title, "Extended", "\(version)")
            XCTAssertEqual(reading.summary.album, "Behind The Picture", "\(version)")
            XCTAssertEqual(reading.summary.audioStart, Int64(tagBytes.count), "\(version)")
            XCTAssertNil(reading.summary.problem, "\(version)")
            XCTAssertLessThanOrEqual(reading.bytesRead, 32 * 1024, "\(version)")
        }
    }
}
