import AudioTags
@testable import Library
import XCTest

final class SongGroupingTests: XCTestCase {
    private let grouping = SongGrouping()

    private func tags(title: String? = nil, artist: String? = nil, albumArtist: String? = nil, album: String? = nil,
                      track: Int? = nil, disc: Int? = nil, compilation: Bool = false) -> AudioTagSummary {
        var summary = AudioTagSummary()
        summary.title = title
        summary.artist = artist
        summary.albumArtist = albumArtist
        summary.album = album
        summary.trackNumber = track
        summary.discNumber = disc
        summary.isCompilation = compilation
        return summary
    }

    func testTagsWinOverThePath() {
        let grouped = grouping.group(key: "Wrong/Place/09 Other.mp3",
                                     tags: tags(title: "Été", artist: "Les Frères", album: "Café", track: 1, disc: 2))
        XCTAssertEqual(grouped, .init(title: "Été", artist: "Les Frères", albumArtist: "Les Frères", album: "Café",
                                      discNumber: 2, trackNumber: 1))
    }

    func testAlbumArtistKeepsACompilationTogether() {
        let first = grouping.group(key: "c/1.mp3", tags: tags(title: "A", artist: "One", albumArtist: "Various Artists", album: "Mix"))
        let second = grouping.group(key: "c/2.mp3", tags: tags(title: "B", artist: "Two", albumArtist: "Various Artists", album: "Mix"))
        XCTAssertEqual(first.albumArtist, "Various Artists")
        XCTAssertEqual(second.albumArtist, "Various Artists")
        XCTAssertEqual(first.artist, "One")
        XCTAssertEqual(second.artist, "Two")
    }

    func testCompilationFlagWithoutAlbumArtistFilesUnderVariousArtists() {
        let grouped = grouping.group(key: "x.mp3", tags: tags(title: "A", artist: "One", album: "Mix", compilation: true))
        XCTAssertEqual(grouped.albumArtist, "Various Artists")
        XCTAssertEqual(grouped.artist, "One")
    }

    func testPathFallbackArtistAlbumTrackTitle() {
        let grouped = grouping.group(key: "music/月光の楽団/夜明けの音/02 遠い汽笛.mp3", tags: tags())
        XCTAssertEqual(grouped, .init(title: "遠い汽笛", artist: "月光の楽団", albumArtist: "月光の楽団", album: "夜明けの音",
                                      discNumber: nil, trackNumber: 2))
    }

    func testPathFallbackWithDashAndDotSeparatorsAndDiscFolder() {
        XCTAssertEqual(grouping.group(key: "A/B/CD 2/07 - Song - Live.mp3", tags: tags()),
                       .init(title: "Song - Live", artist: "A", albumArtist: "A", album: "B", discNumber: 2, trackNumber: 7))
        XCTAssertEqual(grouping.group(key: "A/B/3. Song.mp3", tags: tags()),
                       .init(title: "Song", artist: "A", albumArtist: "A", album: "B", discNumber: nil, trackNumber: 3))
        XCTAssertEqual(grouping.group(key: "A/B/Song Without Number.mp3", tags: tags()),
                       .init(title: "Song Without Number", artist: "A", albumArtist: "A", album: "B", discNumber: nil, trackNumber: nil))
    }

    func testUnknownArtistAndAlbumLast() {
        XCTAssertEqual(grouping.group(key: "lonely.mp3", tags: tags()),
                       .init(title: "lonely", artist: "Unknown Artist", albumArtist: "Unknown Artist", album: "Unknown Album",
                             discNumber: nil, trackNumber: nil))
        XCTAssertEqual(grouping.group(key: "Some Band - Hit.mp3", tags: tags()),
                       .init(title: "Hit", artist: "Some Band", albumArtist: "Some Band", album: "Unknown Album",
                             discNumber: nil, trackNumber: nil))
    }

    func testPartialTagsFillFromThePath() {
        let grouped = grouping.group(key: "Band/Record/05 Name.mp3", tags: tags(title: "Real Title"))
        XCTAssertEqual(grouped, .init(title: "Real Title", artist: "Band", albumArtist: "Band", album: "Record",
                                      discNumber: nil, trackNumber: 5))
    }

    func testBlankTagsCountAsMissing() {
        let grouped = grouping.group(key: "Band/Record/05 Name.mp3", tags: tags(title: "  ", artist: "", album: " "))
        XCTAssertEqual(grouped.title, "Name")
        XCTAssertEqual(grouped.artist, "Band")
        XCTAssertEqual(grouped.album, "Record")
    }

    func testConfiguredPatternsReplaceTheDefaults() throws {
        let custom = SongGrouping(patterns: [try XCTUnwrap(PathPattern("{year} - {album}/{track}_{artist}_{title}"))])
        XCTAssertEqual(custom.group(key: "1999 - Gold/04_Band_Tune.mp3", tags: tags()),
                       .init(title: "Tune", artist: "Band", albumArtist: "Band", album: "Gold", discNumber: nil, trackNumber: 4))
    }

    func testNamesSpelledInNFDAreFiledWithTheirNFCTwins() {
        let decomposed = grouping.group(key: "Beyonce\u{301}/B/01 x.mp3", tags: tags(album: "Cafe\u{301}"))
        let composed = grouping.group(key: "Beyonc\u{e9}/B/01 x.mp3", tags: tags(album: "Caf\u{e9}"))
        XCTAssertTrue(decomposed.albumArtist.utf8.elementsEqual(composed.albumArtist.utf8))
        XCTAssertTrue(decomposed.album.utf8.elementsEqual("Caf\u{e9}".utf8))
    }

    func testBadPatternsAreRejected() {
        XCTAssertNil(PathPattern("{artist}/{nonsense}"))
        XCTAssertNil(PathPattern("{artist}//{title}"))
        XCTAssertNil(PathPattern("{artist"))
    }

    func testAudioKeyKinds() {
        XCTAssertEqual(AudioKeyKind(key: "a/b.MP3"), .playable)
        for name in ["a/b.flac", "a/b.ogg", "a/b.opus", "a/b.wav", "a/b.AIFF", "a/b.aif"] {
            XCTAssertEqual(AudioKeyKind(key: name), .playable, name)
        }
        XCTAssertEqual(AudioKeyKind(key: "a/b.m4a"), .unsupported(format: "AAC/ALAC"))
        XCTAssertEqual(AudioKeyKind(key: "a/cover.jpg"), .other)
        XCTAssertEqual(AudioKeyKind(key: "a.dir/README"), .other)
    }
}
