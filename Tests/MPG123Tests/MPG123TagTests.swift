import Foundation
@testable import MPG123
import TestAssertions
import TestSupport
import XCTest

/// ID3 tags through mpg123_id3, copied out as Swift strings.
final class MPG123TagTests: XCTestCase {
    private typealias Expected = TestAudioFiles.ExpectedTags

    func testLameUTF16TagGivesNonLatinTextAlbumArtistTrackAndDisc() throws {
        let decoded = try Fixture.decode(.taggedUTF16)
        XCTAssertEqual(decoded.decoder.tags, MPG123Tags(
            title: Expected.utf16Title, artist: Expected.utf16Artist, album: Expected.utf16Album,
            albumArtist: Expected.utf16AlbumArtist, year: "1997", genre: "Rock", track: "3/12",
            disc: "2/3", comment: "A comment"))
    }

    func testTagsAreThereOnceTheFirstFramesAreParsed() throws {
        let file = try Fixture.bytes(.taggedUTF16)
        var feeding = FeedingDecoder(try MPG123Decoder())
        try feeding.feed(Array(file.prefix(4096)), finish: false)
        XCTAssertTrue(feeding.decoder.hasFoundFirstFrame)
        XCTAssertEqual(feeding.decoder.tags?.title, Expected.utf16Title)
    }

    func testID3v24UTF8TagTakesTheFirstOfSeveralValuesAndTheRecordingDate() throws {
        let decoded = try Fixture.decode(.taggedID3v24UTF8)
        XCTAssertEqual(decoded.decoder.tags, MPG123Tags(
            title: Expected.id3v24Title, artist: Expected.id3v24FirstArtist, album: "Ljósið",
            year: "2014-05-01", genre: "Ambient", track: "5"))
        XCTAssertSamePCM(decoded.pcm, try TestAudioFiles.referencePCM(TestAudioFiles.url(.taggedID3v24UTF8)))
    }

    func testID3v1OnlyTagFillsTheFieldsWithItsGenreIndexAndTrackByte() throws {
        let decoded = try Fixture.decode(.taggedID3v1Only)
        XCTAssertEqual(decoded.decoder.tags, MPG123Tags(
            title: "Old Title", artist: "Old Artist", album: "Old Album", year: "1989", genre: "Jazz",
            track: "7", comment: "v1 comment"))
    }

    func testUntaggedFileHasNoTags() throws {
        XCTAssertNil(try Fixture.decode(.cbr320).decoder.tags)
    }

    func testGenreReferencesAreLookedUpInTheID3v1List() {
        XCTAssertEqual(MPG123Tags.genreName("(17)"), "Rock")
        XCTAssertEqual(MPG123Tags.genreName("(17)Rock & Roll"), "Rock & Roll")
        XCTAssertEqual(MPG123Tags.genreName("8"), "Jazz")
        XCTAssertEqual(MPG123Tags.genreName("(RX)"), "Remix")
        XCTAssertEqual(MPG123Tags.genreName("(999)"), "(999)")
        XCTAssertEqual(MPG123Tags.genreName("Shoegaze"), "Shoegaze")
    }
}
