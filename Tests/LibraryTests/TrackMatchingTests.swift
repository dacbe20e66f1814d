@testable import Library
import XCTest

/// Library songs matched to Discogs' playable parts: sub-tracks of index tracks included.
final class TrackMatchingTests: XCTestCase {
    private let ravel = AlbumDetails(
        title: "Boléro", year: 1962, labels: [], genres: [], styles: [],
        tracklist: [
            .init(kind: .heading, position: "", title: "Side A", durationSeconds: nil),
            .init(position: "A", title: "Boléro", durationSeconds: 900),
            .init(kind: .index, position: "B", title: "Rapsodie Espagnole", durationSeconds: nil, parts: [
                .init(position: "B1", title: "Malagueña", durationSeconds: 120),
                .init(position: "B2", title: "Habanera", durationSeconds: 150),
            ]),
            .init(kind: .index, position: "C", title: "Solo Index", durationSeconds: 60),
        ],
        credits: [], notes: nil, link: nil, attribution: "Data provided by Discogs", confidence: 1, isStale: false)

    func testASongMatchesASubTrackOfAnIndexTrack() {
        XCTAssertEqual(ravel.part(forSongTitled: "04 Malagueña")?.position, "B1")
        XCTAssertEqual(ravel.part(forSongTitled: "B2. Habanera")?.position, "B2")
        XCTAssertEqual(ravel.part(forSongTitled: "Bolero")?.position, "A")
        XCTAssertEqual(ravel.part(forSongTitled: "Solo Index")?.position, "C", "an index track without parts plays itself")
        XCTAssertNil(ravel.part(forSongTitled: "Rapsodie Espagnole"), "an index track with parts is not itself played")
        XCTAssertNil(ravel.part(forSongTitled: "Side A"), "a heading plays nothing")
        XCTAssertEqual(ravel.tracklist.flatMap(\.playableParts).map(\.position), ["A", "B1", "B2", "C"])
    }

    func testLeadingTrackNumbersAreIgnoredButNumberTitlesKept() {
        XCTAssertEqual(TrackMatching.withoutLeadingNumber("04 Malagueña"), "Malagueña")
        XCTAssertEqual(TrackMatching.withoutLeadingNumber("2-03 - Intro"), "Intro")
        XCTAssertEqual(TrackMatching.withoutLeadingNumber("1999"), "1999")
        XCTAssertEqual(TrackMatching.withoutLeadingNumber("Malagueña"), "Malagueña")
    }
}
