import Library
@testable import PlayerUI
import SafeText
import Storage
import XCTest

/// What the details pane says, from details values (no Discogs, no terminal).
final class DetailsPaneTextTests: XCTestCase {
    func testAnAlbumMarksTheTracksInTheLibraryAndSaysWhenTheMatchIsLoose() {
        let details = AlbumDetails(
            title: "Homogenic (Deluxe)", year: 1997, labels: [.init(name: "One Little Indian", displayName: "One Little Indian", catalogNumber: "TPLP71")],
            genres: ["Electronic"], tracklist: [.init(position: "1", title: "Hunter", durationSeconds: 255),
                                                .init(position: "2", title: "Jóga", durationSeconds: 305)],
            credits: [CreditGroup(role: "Producer", names: ["Björk", "Mark Bell"])],
            link: "https://www.discogs.com/release/1", attribution: "Data provided by Discogs", confidence: 0.9)
        let songs = [Song(id: SongID(1), title: "02 Jóga", artist: "Björk", albumArtist: "Björk", album: "Homogenic",
                          storageKey: "j.mp3", location: TrackLocation(.file(path: "/j.mp3")))]
        let lines = DetailsPaneText.lines(album: details, artist: "Björk", songs: songs)
        XCTAssertEqual(lines, [
            "Homogenic (Deluxe) – Björk (1997)",
            "Label: One Little Indian – TPLP71",
            "Genre: Electronic",
            "",
            "Tracklist (✓ in the library: 1 of 2):",
            "    1   Hunter  4:15",
            "  ✓ 2   Jóga  5:05",
            "",
            "Credits:",
            "  Producer: Björk, Mark Bell",
            "",
            "Close match: Discogs names it differently; it may be another entry.",
            "Data provided by Discogs – https://www.discogs.com/release/1",
        ])
    }

    func testAnArtistShowsMembersAndTheWholeRenderedProfile() {
        let details = ArtistDetails(name: "The Sugarcubes", displayName: "The Sugarcubes",
                                    profileText: StyledText(runs: [.init(text: "Icelandic band.\nFormed 1986.")]),
                                    members: ["Björk"], memberDisplayNames: ["Björk"], link: "https://www.discogs.com/artist/2",
                                    attribution: "Data provided by Discogs")
        XCTAssertEqual(DetailsPaneText.lines(artist: details), [
            "The Sugarcubes", "", "Members:", "  Björk", "", "Icelandic band.", "Formed 1986.", "",
            "Data provided by Discogs – https://www.discogs.com/artist/2",
        ])
    }
}
