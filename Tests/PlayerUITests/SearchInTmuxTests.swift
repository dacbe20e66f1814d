import Foundation
import Library
import TestSupport
import XCTest

/// Issue 17's library-wide search in a real terminal: the sample library's 16 songs among
/// 10,000 catalogued ones, `/` from the library to playback, and `o` back into the browser.
final class SearchInTmuxTests: XCTestCase {
    private var home: FolderPlayerHome!

    override func setUpWithError() throws { home = try FolderPlayerHome() }
    override func tearDown() { home.close() }

    static let syntheticArtists = 624, albumsPerArtist = 2, songsPerAlbum = 8

    /// 9,984 more songs in the scanned catalog (objects that are never played), written as a
    /// scan writes them; every 8th title begins with "Été Brûlant", so the real song's exact
    /// title competes with 1,248 prefix matches whose artists sort before it.
    private func catalogueSyntheticSongs(library: URL) throws {
        let store = try CatalogStore.open(directory: home.url("cache/s3play"),
                                          libraryLocation: (library.path as NSString).standardizingPath,
                                          location: { .file(path: library.path + "/" + $0) }, onNotice: { _ in })
        var batch: [CatalogEntry] = []
        for artist in 0..<Self.syntheticArtists {
            let name = String(format: "Aa Synthetic %04d", artist)
            for album in 1...Self.albumsPerArtist {
                for track in 1...Self.songsPerAlbum {
                    let title = track == 1 ? "Été Brûlant Remix \(artist)" : "Night \(artist)-\(album)-\(track)"
                    batch.append(CatalogEntry(
                        key: "\(name)/Album \(album)/\(track) \(title).mp3", size: 1000, fingerprint: "\"\(artist)-\(album)-\(track)\"",
                        title: title, artist: name, albumArtist: name, album: "Album \(album)", discNumber: 1,
                        trackNumber: track, durationSeconds: 200, tagSource: "id3v2.4"))
                }
            }
            if batch.count >= 500 {
                try store.apply(upserts: batch, deletions: [])
                batch.removeAll()
            }
        }
        try store.apply(upserts: batch, deletions: [])
        XCTAssertEqual(try store.counts().songs, 10_000)
    }

    func testSlashFindsASongAmongTenThousandPlaysItAndOShowsItInTheBrowser() throws {
        let library = try SampleLibrary.folder()
        try home.scan(library)
        try catalogueSyntheticSongs(library: library)
        // A sound card that plays in real time, so "playing" lasts long enough to be seen.
        let card = try PacedSoundCard(directory: home.root)
        defer { card.stop() }
        home.variables["S3PLAY_TEST_ALSA_OUT"] = card.path.path
        let session = try home.startPlayer(library: library)
        try session.waitFor("the artists") { $0.first?.hasPrefix("Artists (629)") == true }

        // Typed without accents; the results follow each keystroke.
        try session.sendKeys("/")
        try session.waitFor("the search view") { $0.first?.hasPrefix("Search:") == true }
        try session.sendText("ete bru")
        var lines = try session.waitFor("results for the query typed so far") {
            $0.first?.contains("for \"ete bru\"") == true
        }
        try session.sendText("lant")
        lines = try session.waitFor("the exact title first") {
            $0.first?.contains("for \"ete brulant\"") == true
        }
        XCTAssertTrue(lines[1].hasPrefix("song") && lines[1].contains("Été Brûlant – Les Frères Ñandú"), lines.joined(separator: "\n"))
        XCTAssertTrue(lines[2].contains("Été Brûlant Remix 0 – Aa Synthetic 0000"), lines.joined(separator: "\n"))
        XCTAssertEqual(PlayerScreenCapture(lines).messageLine.trimmingCharacters(in: .whitespaces), "/ete brulant")

        // Enter plays it, with the rest of its album queued after it.
        try session.sendKeys("Enter")
        try session.waitFor("the song playing") { PlayerScreenCapture($0).statusBar.hasPrefix("▶ playing  Été Brûlant") }
        let status = try home.s3play(["remote", "status", "--json"])
        XCTAssertTrue(status.standardOutput.contains("\"queue_length\":2"), status.standardOutput)
        try waitUntil("sound from the card") { card.byteCount > 0 }

        // Still in the results: `o`: the browser on its artist, album, song.
        try session.sendKeys("o")
        lines = try session.waitFor("the browser on the song") { lines in
            lines.first?.hasPrefix("Artists (629)") == true && lines.contains { $0.contains("Canción del Café") }
                && lines.contains { $0.contains("Été Brûlant") }
        }
        XCTAssertTrue(lines.contains { $0.contains("Les Frères Ñandú") }, lines.joined(separator: "\n"))
        try session.sendKeys("q")
        try session.waitFor("the player to exit") { $0.contains("exited 0") }
    }
}
