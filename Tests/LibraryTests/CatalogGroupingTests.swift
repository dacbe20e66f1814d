import Foundation
import Library
import XCTest

/// Artists and albums as `apply` keeps them: counts, removal, compilations, order.
final class CatalogGroupingTests: CatalogTestCase {
    func testUpsertChangesTheAlbumsCounts() throws {
        let store = try openStore()
        try store.apply(upserts: [
            song("Airbag", by: "Radiohead", on: "OK Computer", track: 1, year: 1997, seconds: 284),
            song("Paranoid Android", by: "Radiohead", on: "OK Computer", track: 2, year: 1997, seconds: 383),
        ], deletions: [])
        XCTAssertEqual(try store.albums(artist: "Radiohead"),
                       [Album(title: "OK Computer", artist: "Radiohead", year: 1997, songCount: 2, discCount: 1, durationSeconds: 667)])

        try store.apply(upserts: [
            song("Subterranean Homesick Alien", by: "Radiohead", on: "OK Computer", track: 3, year: 1997, seconds: 267),
            song("Airbag", by: "Radiohead", on: "OK Computer", track: 1, year: 1997, seconds: 285),
        ], deletions: [])
        XCTAssertEqual(try store.albums(artist: "Radiohead"),
                       [Album(title: "OK Computer", artist: "Radiohead", year: 1997, songCount: 3, discCount: 1, durationSeconds: 935)])
        XCTAssertEqual(try store.artists(),
                       [Artist(name: "Radiohead", albumCount: 1, songCount: 3, durationSeconds: 935)])
    }

    func testAnUpdatedSongKeepsItsID() throws {
        let store = try openStore()
        let first = song("Airbag", by: "Radiohead", on: "OK Computer", track: 1)
        try store.apply(upserts: [first], deletions: [])
        let id = try XCTUnwrap(store.songs().first?.id)
        var retagged = first
        retagged.title = "Airbag (Remastered)"
        try store.apply(upserts: [retagged], deletions: [])
        XCTAssertEqual(try store.song(id: id)?.title, "Airbag (Remastered)")
    }

    func testDeletingTheLastSongRemovesTheAlbumThenTheArtist() throws {
        let store = try openStore()
        let one = song("Hunter", by: "Björk", on: "Homogenic", track: 1, year: 1997)
        let two = song("Army of Me", by: "Björk", on: "Post", track: 1, year: 1995)
        try store.apply(upserts: [one, two], deletions: [])
        XCTAssertEqual(try store.counts(), CatalogCounts(songs: 2, albums: 2, artists: 1, problems: 0))

        try store.apply(upserts: [], deletions: [one.key])
        XCTAssertEqual(try store.albums(artist: "Björk").map(\.title), ["Post"])
        XCTAssertEqual(try store.artists(), [Artist(name: "Björk", albumCount: 1, songCount: 1, durationSeconds: 200)])

        try store.apply(upserts: [], deletions: [two.key])
        XCTAssertEqual(try store.artists(), [])
        XCTAssertEqual(try store.albums(), [])
        XCTAssertEqual(try store.counts(), CatalogCounts(songs: 0, albums: 0, artists: 0, problems: 0))
        XCTAssertEqual(try store.search("bjork").artists, [])
    }

    func testMovingASongToAnotherAlbumRecountsBoth() throws {
        let store = try openStore()
        var moving = song("Song", by: "A", on: "First")
        try store.apply(upserts: [moving, song("Stays", by: "A", on: "First")], deletions: [])
        moving.album = "Second"
        try store.apply(upserts: [moving], deletions: [])
        XCTAssertEqual(try store.albums(artist: "A").map { "\($0.title) \($0.songCount)" }, ["First 1", "Second 1"])
    }

    func testCompilationWithManyTrackArtistsIsOneAlbum() throws {
        let store = try openStore()
        let tracks = ["Blondie", "The Clash", "Talking Heads", "Television"].enumerated().map { index, artist in
            song("Hit \(index + 1)", by: "Various Artists", on: "New Wave Hits", artist: artist, track: index + 1,
                 year: 2001, compilation: true)
        }
        try store.apply(upserts: tracks, deletions: [])
        XCTAssertEqual(try store.artists().map(\.name), ["Various Artists"])
        XCTAssertEqual(try store.albums(),
                       [Album(title: "New Wave Hits", artist: "Various Artists", year: 2001, songCount: 4, discCount: 1, durationSeconds: 800)])
        XCTAssertEqual(try store.songs(artist: "Various Artists", album: "New Wave Hits").map(\.artist),
                       ["Blondie", "The Clash", "Talking Heads", "Television"])
        XCTAssertEqual(try store.search("talking").songs.map(\.title), ["Hit 3"])
    }

    func testMultiDiscAlbumPlaysInDiscThenTrackOrder() throws {
        let store = try openStore()
        try store.apply(upserts: [
            song("D2T1", by: "Pink Floyd", on: "The Wall", disc: 2, track: 1),
            song("D1T10", by: "Pink Floyd", on: "The Wall", disc: 1, track: 10),
            song("D1T2", by: "Pink Floyd", on: "The Wall", disc: 1, track: 2),
            song("D2T3", by: "Pink Floyd", on: "The Wall", disc: 2, track: 3),
            song("D1 untracked", by: "Pink Floyd", on: "The Wall", disc: 1),
        ], deletions: [])
        XCTAssertEqual(try store.songs(artist: "Pink Floyd", album: "The Wall").map(\.title),
                       ["D1T2", "D1T10", "D1 untracked", "D2T1", "D2T3"])
        XCTAssertEqual(try store.albums().first?.discCount, 2)
    }

    func testProblemsAreListedButHidden() throws {
        let store = try openStore()
        try store.apply(upserts: [
            song("Fine", by: "A", on: "B"),
            .problem(key: "A/B/broken.mp3", size: 12, fingerprint: "\"x\"", problem: "No MPEG audio frame in the first 64 KiB."),
        ], deletions: [])
        XCTAssertEqual(try store.songs().map(\.title), ["Fine"])
        XCTAssertEqual(try store.artists().map(\.songCount), [1])
        XCTAssertEqual(try store.counts(), CatalogCounts(songs: 1, albums: 1, artists: 1, problems: 1))
        let problems = try store.problems()
        XCTAssertEqual(problems.map(\.key), ["A/B/broken.mp3"])
        XCTAssertEqual(problems.map(\.problem), ["No MPEG audio frame in the first 64 KiB."])
        XCTAssertEqual(try store.fingerprints().fingerprint(forKey: "A/B/broken.mp3"), "\"x\"")
        XCTAssertEqual(try store.search("broken").songs, [])
    }

    func testArtistsSortIgnoringCaseAccentsAndLeadingThe() throws {
        let store = try openStore()
        let names = ["the Verve", "Beyonce", "The Beatles", "beck", "Beyoncé", "Théâtre", "Zappa", "ABBA", "Them"]
        try store.apply(upserts: names.map { song("x", by: $0, on: "y") }, deletions: [])
        XCTAssertEqual(try store.artists().map(\.name),
                       ["ABBA", "The Beatles", "beck", "Beyonce", "Beyoncé", "Théâtre", "Them", "the Verve", "Zappa"])
    }

    func testAlbumsSortByYearForAnArtistAndByArtistOtherwise() throws {
        let store = try openStore()
        try store.apply(upserts: [
            song("x", by: "The Beatles", on: "abbey Road", year: 1969),
            song("x", by: "The Beatles", on: "Let It Be", year: 1970),
            song("x", by: "The Beatles", on: "Rarities"),
            song("x", by: "The Beatles", on: "Help!", year: 1965),
            song("x", by: "ABBA", on: "Waterloo", year: 1974),
            song("x", by: "ABBA", on: "Arrival", year: 1976),
        ], deletions: [])
        XCTAssertEqual(try store.albums(artist: "The Beatles").map(\.title), ["Help!", "abbey Road", "Let It Be", "Rarities"])
        XCTAssertEqual(try store.albums().map(\.title), ["Arrival", "Waterloo", "abbey Road", "Help!", "Let It Be", "Rarities"])
    }
}

/// Readers on other threads while batches are written: each read sees whole batches only.
final class CatalogConcurrencyTests: CatalogTestCase {
    func testReadsDuringAppliesSeeWholeBatches() throws {
        let store = try openStore()
        let batches = 20
        let failures = NoticeLog()
        let songsByBatch = (0..<batches).map { batch in
            (1...10).map { (track: Int) in song("Song \(track)", by: "Artist \(batch)", on: "Album", track: track) }
        }
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            if worker == 0 {
                for songs in songsByBatch {
                    do { try store.apply(upserts: songs, deletions: []) } catch { failures.append("\(error)") }
                }
            } else {
                for _ in 0..<50 {
                    do {
                        let counts = try store.counts()
                        if counts.songs % 10 != 0 || counts.songs != counts.artists * 10 {
                            failures.append("partial batch seen: \(counts)")
                        }
                        _ = try store.search("artist")
                    } catch {
                        failures.append("\(error)")
                    }
                }
            }
        }
        XCTAssertEqual(failures.all, [])
        XCTAssertEqual(try store.counts(), CatalogCounts(songs: 200, albums: 20, artists: 20, problems: 0))
    }
}
