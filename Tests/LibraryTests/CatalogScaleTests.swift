import Library
import TestSupport
import XCTest

/// A catalog the size of a large personal library, filled as a scan fills it (batches of 500),
/// then half an artist's worth rewritten and deleted. Counts only: timing is the benchmark's job
/// (scripts/bench-library).
final class CatalogScaleTests: CatalogTestCase {
    func testHundredThousandSongsInBatches() throws {
        try TestRequirement.requireTime(25, for: "100,000 songs written and read")
        let store = try openStore()
        let artists = 5_000, albumsPerArtist = 2, songsPerAlbum = 10
        var batch: [CatalogEntry] = []
        for artist in 0..<artists {
            for album in 0..<albumsPerArtist {
                for track in 1...songsPerAlbum {
                    batch.append(song("Song \(track)", by: "Artist \(artist)", on: "Album \(album)",
                                      track: track, year: 1990 + album, seconds: 180))
                }
            }
            if batch.count >= 500 {
                try store.apply(upserts: batch, deletions: [])
                batch.removeAll(keepingCapacity: true)
            }
        }
        try store.apply(upserts: batch, deletions: [])
        XCTAssertEqual(try store.counts(), CatalogCounts(songs: 100_000, albums: 10_000, artists: 5_000, problems: 0))
        XCTAssertEqual(try store.fingerprints().count, 100_000)
        XCTAssertEqual(try store.artists().count, 5_000)

        // Artist 0 loses an album; artist 1 loses everything.
        let gone = (1...10).map { "Artist 0/Album 1/\(String(format: "%02d", $0)) Song \($0).mp3" }
            + (0..<2).flatMap { album in (1...10).map { "Artist 1/Album \(album)/\(String(format: "%02d", $0)) Song \($0).mp3" } }
        try store.apply(upserts: [], deletions: gone)
        XCTAssertEqual(try store.counts(), CatalogCounts(songs: 99_970, albums: 9_997, artists: 4_999, problems: 0))
        XCTAssertEqual(try store.albums(artist: "Artist 0").map(\.songCount), [10])
        XCTAssertEqual(try store.search("artist 4999").artists.map(\.name), ["Artist 4999"])
    }
}
