@testable import AudioTags
import Foundation
import TestSupport
import XCTest

/// Issues 12 and 19: what a length header is believed for, the tags at the end left out of an
/// estimate, ID3v1 under ID3v2, and a first-frame search that depends only on the bytes.
final class LengthAndTrailingTagTests: XCTestCase {
    /// An MPEG-1 layer III frame (128 kbps, 44.1 kHz, stereo, no CRC: 417 bytes) holding a Xing
    /// or Info header after its 32 bytes of side information: the frame count, and when given
    /// an encoder name, LAME's tag after it.
    private func lengthFrame(_ tag: String = "Xing", frames: UInt32, encoder: String? = nil) -> [UInt8] {
        var frame: [UInt8] = [0xFF, 0xFB, 0x90, 0x00] + [UInt8](repeating: 0, count: 32)
        frame += Array(tag.utf8) + [0, 0, 0, 1] + withUnsafeBytes(of: frames.bigEndian, Array.init)
        if let encoder { frame += Array(encoder.utf8) }
        return frame + [UInt8](repeating: 0, count: 417 - frame.count)
    }

    private let hundredFramesSeconds = 100.0 * 417 * 8 / 128_000

    func testAnExactCountGivesTheExactLength() {
        let summary = TagReading(lengthFrame(frames: 100) + silentFrames(100)).summary
        XCTAssertEqual(summary.durationMethod, .xingHeader)
        XCTAssertTrue(summary.durationIsExact)
        XCTAssertEqual(summary.lengthInSamples, 115_200)
    }

    /// Issue 19: 0xFFFFFFFF was an exact 112,195,064 s at 0 kbps, 1 an exact nothing.
    func testAbsurdFrameCountsFallBackToTheEstimate() {
        for count: UInt32 in [0xFFFF_FFFF, 1_000_000, 1, 2] {
            let summary = TagReading(lengthFrame(frames: count) + silentFrames(100)).summary
            XCTAssertEqual(summary.durationMethod, .bitrateEstimate, "\(count)")
            XCTAssertFalse(summary.durationIsExact, "\(count)")
            XCTAssertEqual(summary.durationSeconds ?? 0, hundredFramesSeconds, accuracy: 0.001, "\(count)")
            XCTAssertEqual(summary.bitrate, 128_000, "\(count)")
        }
    }

    /// Issue 12: a file whose only frame is its Info header (or whose header counts no frame)
    /// holds no audio.
    func testAnInfoFrameAloneHoldsNoAudio() {
        let v1 = id3v1Block(title: "T", artist: "", album: "", year: "", comment: "", track: nil, genre: 0)
        for bytes in [lengthFrame("Info", frames: 0), lengthFrame("Info", frames: 0) + v1, lengthFrame("Info", frames: 5)] {
            let summary = TagReading(bytes).summary
            XCTAssertNotNil(summary.mpegVersion)
            XCTAssertFalse(summary.holdsAudio)
            XCTAssertTrue(summary.problem?.contains("it holds no audio") ?? false, summary.problem ?? "")
        }
        XCTAssertTrue(TagReading(silentFrames(3)).summary.holdsAudio)
    }

    /// Issue 12: ffmpeg writes "Info" with a LAME-style tag ("Lavc…") into CBR files: CBR at
    /// the frames' bitrate, not an average over the bytes.
    func testAnFFmpegInfoFrameIsCBRAtItsBitrate() {
        let summary = TagReading(lengthFrame("Info", frames: 100, encoder: "Lavc58.54") + silentFrames(100)).summary
        XCTAssertEqual(summary.bitrateMode, .constant)
        XCTAssertEqual(summary.bitrate, 128_000)
        XCTAssertTrue(summary.durationIsExact)
    }

    /// Issue 12: 32 KB of text frames in front, and APEv2, Lyrics3v2, an appended ID3v2.4 tag
    /// and ID3v1 behind: none of it is audio.
    func testTheEstimateLeavesOutTagsAtBothEnds() {
        var tag = ID3TagBuilder(.v2_3)
        tag.text("TIT2", "Title")
        tag.text("TXXX", String(repeating: "x", count: 32_000))
        let head = tag.build()
        let ape = apeTag(itemBytes: 300)
        let lyrics = Array("LYRICSBEGININD0000210".utf8) + Array("LYR00010some words".utf8)
        let lyricsTag = lyrics + Array(String(format: "%06d", lyrics.count).utf8) + Array("LYRICS200".utf8)
        var appended = ID3TagBuilder(.v2_4)
        appended.footer = true
        appended.text("TALB", "Appended")
        let v1 = id3v1Block(title: "", artist: "", album: "V1 Album", year: "1999", comment: "c", track: 4, genre: 17)
        for tail in [ape + lyricsTag + v1, lyricsTag + ape + v1, ape + v1 + appended.build(), v1, ape] {
            let summary = TagReading(head + silentFrames(100) + tail).summary
            XCTAssertEqual(summary.durationSeconds ?? 0, hundredFramesSeconds, accuracy: 0.000_1, "\(tail.count)")
            XCTAssertEqual(summary.audioEnd, Int64(head.count + 100 * 417), "\(tail.count)")
        }
    }

    /// Issue 12: ID3v1 fills the fields ID3v2 lacks, in the catalog as in `info` (an album
    /// that exists only in ID3v1 was the folder's name).
    func testID3v1FillsTheFieldsID3v2Lacks() {
        var tag = ID3TagBuilder(.v2_3)
        tag.text("TIT2", "V2 Title")
        let v1 = id3v1Block(title: "V1 Title", artist: "V1 Artist", album: "V1 Album", year: "1999",
                            comment: "note", track: 4, genre: 17)
        let summary = TagReading(tag.build() + silentFrames(20) + v1).summary
        XCTAssertEqual(summary.title, "V2 Title")
        XCTAssertEqual(summary.artist, "V1 Artist")
        XCTAssertEqual(summary.album, "V1 Album")
        XCTAssertEqual(summary.year, 1999)
        XCTAssertEqual(summary.trackNumber, 4)
        XCTAssertEqual(summary.genre, "Rock")
        XCTAssertEqual(summary.comment, "note")
        XCTAssertEqual(summary.tagSource, .id3v2_3)
    }

    /// Issue 12: `00 FE FF` as a year was shown as "þÿ".
    func testAByteOrderMarkInALatin1FrameIsNoText() {
        var tag = ID3TagBuilder(.v2_3)
        tag.frame("TYER", [0, 0xFE, 0xFF])
        tag.frame("TPE1", [0, 0x01, 0x02])
        tag.text("TIT2", "Kept")
        let summary = TagReading(tag.build() + silentFrames(20)).summary
        XCTAssertNil(summary.year)
        XCTAssertNil(summary.yearText)
        XCTAssertNil(summary.artist, "control characters only")
        XCTAssertEqual(summary.title, "Kept")
    }

    /// Issue 19: an ID3v2 tag with a version byte no reader knows (0, 5) is still skipped by
    /// its size; over 64 KiB it hid the audio.
    func testATagOfUnknownVersionIsSkippedByItsSize() {
        for version: UInt8 in [0, 5] {
            let body = [UInt8](repeating: 0x41, count: 100_000)
            let bytes = Array("ID3".utf8) + [version, 0, 0] + ID3TagBuilder.syncsafe(body.count) + body + silentFrames(50)
            let summary = TagReading(bytes).summary
            XCTAssertEqual(summary.audioStart, Int64(10 + body.count), "\(version)")
            XCTAssertEqual(summary.durationSeconds ?? 0, 50.0 * 417 * 8 / 128_000, accuracy: 0.001, "\(version)")
        }
    }

    /// Issue 19: 70,000 zero bytes before the first frame were audio 2 times in 20 over S3. The
    /// search covers 64 KiB past the tag, whatever the pieces the bytes come in: found at
    /// 60,000, not at 70,000, by the reader and by the stream head fed in any piece sizes.
    func testTheFirstFrameSearchDependsOnlyOnTheBytes() {
        for (junk, isAudio) in [(60_000, true), (70_000, false)] {
            let bytes = [UInt8](repeating: 0, count: junk) + silentFrames(200)
            let summary = TagReading(bytes).summary
            XCTAssertEqual(summary.audioStart, isAudio ? Int64(junk) : nil, "\(junk)")
            for piece in [1_000, 4_096, 16_384, 65_536, 70_001, bytes.count] {
                var head = MPEGStreamHead()
                var offset = 0
                while offset < bytes.count {
                    let end = min(bytes.count, offset + piece)
                    bytes[offset..<end].withUnsafeBytes { head.feed($0) }
                    offset = end
                }
                head.finish()
                XCTAssertEqual(head.length(objectSize: Int64(bytes.count)) != nil, isAudio, "\(junk) in \(piece)s")
            }
        }
    }

    /// The stream head (what playback asks) and the reader (the catalog, `info`) agree.
    func testTheStreamHeadAgreesWithTheReader() throws {
        for kind in TestAudioFiles.Kind.allCases {
            let bytes = [UInt8](try Data(contentsOf: TestAudioFiles.url(kind)))
            let summary = TagReading(bytes).summary
            var head = MPEGStreamHead()
            bytes.withUnsafeBytes { head.feed($0) }
            head.finish()
            let length = head.length(objectSize: Int64(bytes.count))
            XCTAssertEqual(length?.isExact ?? false, summary.durationIsExact, "\(kind)")
            if summary.durationIsExact { XCTAssertEqual(length?.samples, summary.lengthInSamples, "\(kind)") }
        }
    }

    /// An APEv2 tag with a header: 32-byte header, items, 32-byte footer. The size field counts
    /// items and footer (APEv2 specification, "APE Tag Header / Footer").
    private func apeTag(itemBytes: Int) -> [UInt8] {
        func block(isHeader: Bool) -> [UInt8] {
            let flags: UInt32 = 0x8000_0000 | (isHeader ? 0x2000_0000 : 0)
            return Array("APETAGEX".utf8) + le32(2_000) + le32(UInt32(itemBytes + 32)) + le32(1) + le32(flags)
                + [UInt8](repeating: 0, count: 8)
        }
        return block(isHeader: true) + [UInt8](repeating: 0x61, count: itemBytes) + block(isHeader: false)
    }

    private func le32(_ value: UInt32) -> [UInt8] { withUnsafeBytes(of: value.littleEndian, Array.init) }
}
