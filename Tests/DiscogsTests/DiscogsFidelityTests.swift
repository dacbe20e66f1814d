import Discogs
import TestSupport
import XCTest

/// Releases decoded as Discogs means them: index tracks keep their parts, credits their roles,
/// labels their catalogue numbers (not "none"), compilations their track artists.
final class DiscogsFidelityTests: XCTestCase {
    func testIndexTracksKeepTheirPartsAndCreditsTheirRoles() throws {
        let client = makeClient(try makeStandIn())
        let suite = try XCTUnwrap(try client.release(id: 3009))
        XCTAssertNil(suite.year, "year 0 is no year")
        XCTAssertEqual(suite.tracklist.map(\.kind), [.heading, .index, .track, .heading, .index, .track])
        XCTAssertEqual(suite.tracklist.playableParts.map(\.position), ["A1", "A2", "A3", "A4", "B1", "B2", "B3"])
        XCTAssertEqual(suite.tracklist[1].subTracks[2].credits,
                       [DiscogsArtistCredit(id: 1006, name: "Zoë Østergård", anv: "Zoë Ø.", role: "Violin [Solo]")])
        XCTAssertEqual(suite.tracklist[1].subTracks[2].durationSeconds, 252)
        XCTAssertEqual(suite.tracklist[1].durationSeconds, 567, "an index row's own total")
        XCTAssertEqual(suite.tracklist[4].position, "", "an index row may have no position")
        XCTAssertEqual(suite.labels.map(\.catalogNumber), ["S33-009", nil])
        XCTAssertEqual(suite.labels.map(\.displayLine), ["Studio 33 Records – S33-009", "Disques Imaginaires"])
        XCTAssertEqual(DiscogsCreditGroup.grouped(suite.credits).map(\.role),
                       ["Producer", "Mixed By", "Recorded By", "Written-By [Lyrics, Music]"])
        XCTAssertEqual(suite.notes?.hasPrefix("[b]Recorded live.[/b]"), true)

        let various = try XCTUnwrap(try client.release(id: 3010))
        XCTAssertEqual(various.tracklist.map { DiscogsName.line($0.artists) },
                       ["Zoé Feat. Квартет", "Северный Ветер", "月光の楽団, فرقة النخيل"])
    }
}
