import AudioTags
import XCTest

final class ID3v1ReadingTests: XCTestCase {
    private let audio = silentFrames(200)

    func testID3v11WithTrackIsReadFromTheLast8KiBInASecondRead() {
        let file = audio + id3v1Block(title: "Old Title  ", artist: "Old Artist", album: "Old Album",
                                      year: "1989", comment: "v1 comment", track: 7, genre: 8)
        let reading = TagReading(file)
        let size = Int64(file.count)
        XCTAssertEqual(reading.reads, [0..<16_384, (size - 8_192)..<size])
        XCTAssertEqual(reading.summary.tagSource, .id3v1)
        XCTAssertEqual(reading.summary.title, "Old Title")
        XCTAssertEqual(reading.summary.artist, "Old Artist")
        XCTAssertEqual(reading.summary.album, "Old Album")
        XCTAssertEqual(reading.summary.year, 1989)
        XCTAssertEqual(reading.summary.trackNumber, 7)
        XCTAssertEqual(reading.summary.genre, "Jazz")
        XCTAssertEqual(reading.summary.tagBytes, 0)
        // The ID3v1 block is not audio: 200 × 417 bytes at 128 kbps.
        XCTAssertEqual(reading.summary.durationSeconds, 200 * 417 * 8 / 128_000)
        XCTAssertNil(reading.summary.problem)
    }

    func testID3v10WithoutTrackKeepsAFullCommentAndNoGenre() {
        let file = silentFrames(20) + id3v1Block(
            title: "Café del Mar", artist: "Beyoncé", album: "", year: "2001",
            comment: "a comment of thirty characters", track: nil, genre: 255)
        let reading = TagReading(file)
        XCTAssertEqual(reading.reads, [0..<Int64(file.count)], "a short file is read whole at once")
        XCTAssertEqual(reading.summary.tagSource, .id3v1)
        XCTAssertEqual(reading.summary.title, "Café del Mar")
        XCTAssertEqual(reading.summary.artist, "Beyoncé")
        XCTAssertNil(reading.summary.album)
        XCTAssertNil(reading.summary.trackNumber)
        XCTAssertNil(reading.summary.genre)
        XCTAssertEqual(reading.summary.year, 2001)
    }

    func testNoTagsAtAllGiveFormatAndDurationOnly() {
        let reading = TagReading(audio)
        XCTAssertEqual(reading.summary.tagSource, .noTag)
        XCTAssertNil(reading.summary.title)
        XCTAssertEqual(reading.summary.durationSeconds, Double(audio.count) * 8 / 128_000)
        XCTAssertEqual(reading.summary.mpegVersion, .mpeg1)
        XCTAssertEqual(reading.summary.mpegLayer, 3)
        XCTAssertEqual(reading.reads.count, 2)
        XCTAssertNil(reading.summary.problem)
    }
}
