@testable import AudioTags
import XCTest

/// Tags written byte by byte by `ID3TagBuilder`, in front of 100 silent 417-byte frames
/// (2.60625 s at 128 kbps by the bitrate estimate: 41,700 bytes × 8 / 128,000).
final class ID3v2ReadingTests: XCTestCase {
    private let audio = silentFrames(100)

    private func read(_ builder: ID3TagBuilder) -> AudioTagSummary {
        let tag = builder.build()
        let reading = TagReading(tag + audio)
        XCTAssertEqual(reading.summary.tagBytes, Int64(tag.count))
        XCTAssertEqual(reading.summary.audioStart, Int64(tag.count))
        XCTAssertEqual(reading.summary.durationSeconds, 2.60625)
        XCTAssertEqual(reading.summary.durationMethod, .bitrateEstimate)
        XCTAssertEqual(reading.summary.bitrate, 128_000)
        XCTAssertEqual(reading.summary.sampleRate, 44_100)
        XCTAssertEqual(reading.summary.channels, 2)
        XCTAssertNil(reading.summary.problem)
        // The first 16 KiB hold the tag and the first frames; the last 8 KiB for ID3v1.
        let size = Int64(tag.count + audio.count)
        XCTAssertEqual(reading.reads, [0..<16_384, (size - 8_192)..<size])
        return reading.summary
    }

    func testID3v22ThreeCharacterFramesGiveEveryField() {
        var tag = ID3TagBuilder(.v2_2)
        tag.text("TIT2", "Title 2.2")
        tag.text("TPE1", "Artist")
        tag.text("TPE2", "Album Artist")
        tag.text("TALB", "Album")
        tag.text("TRCK", "3/12")
        tag.text("TPOS", "1/2")
        tag.text("TYER", "1999")
        tag.text("TCON", "(17)")
        tag.text("TCMP", "1")
        let summary = read(tag)
        XCTAssertEqual(summary.tagSource, .id3v2_2)
        XCTAssertEqual(summary.title, "Title 2.2")
        XCTAssertEqual(summary.artist, "Artist")
        XCTAssertEqual(summary.albumArtist, "Album Artist")
        XCTAssertEqual(summary.album, "Album")
        XCTAssertEqual(summary.trackNumber, 3)
        XCTAssertEqual(summary.trackTotal, 12)
        XCTAssertEqual(summary.discNumber, 1)
        XCTAssertEqual(summary.discTotal, 2)
        XCTAssertEqual(summary.year, 1999)
        XCTAssertEqual(summary.genre, "Rock")
        XCTAssertTrue(summary.isCompilation)
    }

    func testID3v23WithPaddingAndGenreRefinement() {
        var tag = ID3TagBuilder(.v2_3)
        tag.text("TIT2", "Title 2.3")
        tag.text("TYER", "2003")
        tag.text("TCON", "(4)Eurodisco")
        tag.text("TRCK", "7")
        tag.paddingLength = 1024
        let summary = read(tag)
        XCTAssertEqual(summary.tagSource, .id3v2_3)
        XCTAssertEqual(summary.title, "Title 2.3")
        XCTAssertEqual(summary.year, 2003)
        XCTAssertEqual(summary.genre, "Eurodisco")
        XCTAssertEqual(summary.trackNumber, 7)
        XCTAssertNil(summary.trackTotal)
        XCTAssertFalse(summary.isCompilation)
    }

    func testID3v23UnsynchronisedWithExtendedHeaderAndUTF16BothByteOrders() {
        var tag = ID3TagBuilder(.v2_3)
        tag.unsynchronise = true
        tag.extendedHeader = true
        tag.paddingLength = 64
        tag.text("TIT2", "Северный Ветер", encoding: .utf16LittleEndianBOM)
        tag.text("TPE1", "東京事変", encoding: .utf16BigEndianBOM)
        tag.text("TALB", "Beyoncé ÿÿ", encoding: .latin1)
        tag.picture(length: 5000)
        let summary = read(tag)
        XCTAssertEqual(summary.title, "Северный Ветер")
        XCTAssertEqual(summary.artist, "東京事変")
        XCTAssertEqual(summary.album, "Beyoncé ÿÿ")
    }

    func testID3v24UnsynchronisedWithExtendedHeaderFooterAndUTF8() {
        var tag = ID3TagBuilder(.v2_4)
        tag.unsynchronise = true
        tag.extendedHeader = true
        tag.footer = true
        tag.text("TIT2", "Beyoncé 🎤", encoding: .utf8)
        tag.text("TPE1", "Ólafur Arnalds", "Nils Frahm", encoding: .utf8)
        tag.text("TALB", "Северный Ветер", encoding: .utf16BigEndian)
        tag.text("TDRC", "2014-05-01T20:00", encoding: .utf8)
        tag.text("TCON", "26", encoding: .utf8)
        tag.text("TPOS", "2/3", encoding: .utf8)
        tag.picture(length: 3000)
        let summary = read(tag)
        XCTAssertEqual(summary.tagSource, .id3v2_4)
        XCTAssertEqual(summary.title, "Beyoncé 🎤")
        XCTAssertEqual(summary.artist, "Ólafur Arnalds")
        XCTAssertEqual(summary.album, "Северный Ветер")
        XCTAssertEqual(summary.year, 2014)
        XCTAssertEqual(summary.genre, "Ambient")
        XCTAssertEqual(summary.discNumber, 2)
        XCTAssertEqual(summary.discTotal, 3)
    }

    func testID3v24UTF16ValuesEachWithTheirOwnByteOrderMark() {
        var tag = ID3TagBuilder(.v2_4)
        tag.text("TPE1", "東京事変", "椎名林檎", encoding: .utf16LittleEndianBOM)
        tag.text("TPE2", "Various Artists", encoding: .utf16BigEndianBOM)
        tag.text("TCMP", "1", encoding: .latin1)
        let summary = read(tag)
        XCTAssertEqual(summary.artist, "東京事変")
        XCTAssertEqual(summary.albumArtist, "Various Artists")
        XCTAssertTrue(summary.isCompilation)
    }

    func testITunesPlainFrameSizesInID3v24AreDetected() {
        var tag = ID3TagBuilder(.v2_4)
        tag.plainFrameSizesInV24 = true
        tag.text("TIT2", String(repeating: "long title ", count: 30), encoding: .utf8)  // 331 bytes: 0x14B
        tag.text("TPE1", "After The Long One", encoding: .utf8)
        let summary = read(tag)
        XCTAssertEqual(summary.title, String(repeating: "long title ", count: 30).trimmingSpaces)
        XCTAssertEqual(summary.artist, "After The Long One")
    }

    func testCompressedAndEncryptedFramesAreSkipped() {
        var tag = ID3TagBuilder(.v2_3)
        tag.text("TIT2", "Plain")
        tag.frame("TPE1", [0, 0, 0, 0x20, 0x78, 0x9C, 1, 2, 3])  // flags are set below
        var bytes = tag.build()
        // The TPE1 frame header starts after the 10-byte tag header and the 16-byte TIT2 frame.
        bytes[10 + 16 + 9] = 0x80  // %10000000: compressed (id3v2.3.0 3.3.1)
        let reading = TagReading(bytes + audio)
        XCTAssertEqual(reading.summary.title, "Plain")
        XCTAssertNil(reading.summary.artist)
        XCTAssertNil(reading.summary.problem)
    }

    func testGenreForms() {
        XCTAssertEqual(ID3GenreText.name("(13)"), "Pop")
        XCTAssertEqual(ID3GenreText.name("13"), "Pop")
        XCTAssertEqual(ID3GenreText.name("(13)(RX)"), "Pop")
        XCTAssertEqual(ID3GenreText.name("(RX)"), "Remix")
        XCTAssertEqual(ID3GenreText.name("CR"), "Cover")
        XCTAssertEqual(ID3GenreText.name("(4)Eurodisco"), "Eurodisco")
        XCTAssertEqual(ID3GenreText.name("((Parenthesised)"), "(Parenthesised)")
        XCTAssertEqual(ID3GenreText.name("Shoegaze"), "Shoegaze")
        XCTAssertEqual(ID3GenreText.name("(999)"), "999")
        XCTAssertEqual(ID3GenreText.name("  "), nil)
    }
}
