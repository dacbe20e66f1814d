import Library
import Player
@testable import PlayerUI
import Storage
import XCTest

/// `:add` of a folder or prefix: the library's songs in catalog order, whatever order the keys
/// listed in ("10 …" sorts before "2 …" by bytes), then files outside the catalog as listed.
final class AddOrderTests: XCTestCase {
    private func song(_ id: Int64, _ title: String, album: String, disc: Int? = nil, track: Int?) -> Song {
        Song(id: SongID(id), title: title, artist: "Björk", albumArtist: "Björk", album: album, discNumber: disc,
             trackNumber: track, storageKey: "\(title).mp3", location: TrackLocation(.file(path: "/m/\(title).mp3")))
    }

    func testLibrarySongsGoInCatalogOrderThenTheOthersAsListed() {
        let listed: [QueueItem] = [
            QueueItem(song: song(1, "Ten", album: "Post", track: 10)),
            QueueItem(title: "loose b", location: TrackLocation(.file(path: "/m/b.mp3"))),
            QueueItem(song: song(2, "Two", album: "Post", track: 2)),
            QueueItem(song: song(3, "Disc two", album: "Debut", disc: 2, track: 1)),
            QueueItem(title: "loose a", location: TrackLocation(.file(path: "/m/a.mp3"))),
            QueueItem(song: song(4, "Disc one", album: "Debut", disc: 1, track: 5)),
        ]
        XCTAssertEqual(LibraryWorker.inCatalogOrder(listed).map(\.title),
                       ["Disc one", "Disc two", "Two", "Ten", "loose b", "loose a"])
    }

    func testTabCompletesTheURLAsFarAsTheChildrenAgree() {
        XCTAssertEqual(CommandCompletion.locationToComplete("add s3://b/Le"), "s3://b/Le")
        XCTAssertNil(CommandCompletion.locationToComplete("add ~/Music"))
        XCTAssertNil(CommandCompletion.locationToComplete("save s3://b/x"))
        XCTAssertEqual(CommandCompletion.completeLocation("add s3://b/Le", url: "s3://b/Le",
                                                          candidates: ["s3://b/Led Zeppelin/", "s3://b/Leonard Cohen/"]),
                       "add s3://b/Le")
        XCTAssertNil(CommandCompletion.completeLocation("add s3://b/Le", url: "s3://b/Le", candidates: []))
        XCTAssertEqual(CommandCompletion.completeLocation("add s3://b/Led", url: "s3://b/Led",
                                                          candidates: ["s3://b/Led Zeppelin/"]),
                       "add s3://b/Led Zeppelin/")
    }
}
