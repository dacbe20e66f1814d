import SafeText
import Library
@testable import PlayerUI
import XCTest

/// The details line's text as the worker builds it from the repository's answers: Discogs'
/// emphasis kept as runs, an album's parts counted and its credits by role, and a missing answer
/// said once on the message line.
final class LibraryWorkerDetailsTests: XCTestCase {
    private final class Repository: LibraryRepository, @unchecked Sendable {
        var artist: DetailsAnswer<ArtistDetails> = .off
        var album: DetailsAnswer<AlbumDetails> = .off
        func artists() throws(CatalogError) -> [Artist] { [] }
        func albums(artist: String?) throws(CatalogError) -> [Album] { [] }
        func songs(artist: String?, album: String?) throws(CatalogError) -> [Song] { [] }
        func song(id: SongID) throws(CatalogError) -> Song? { nil }
        func search(_ text: String, limit: Int) throws(CatalogError) -> LibrarySearchResult { .init(artists: [], albums: [], songs: []) }
        func artistDetails(named name: String) -> DetailsAnswer<ArtistDetails> { artist }
        func albumDetails(artist: String, title: String) -> DetailsAnswer<AlbumDetails> { album }
        func prefetchDetails(artists: [String], albums: [AlbumID]) {}
        func refreshDetails() throws(CatalogError) -> Int { 0 }
        func finishBackgroundWork() {}
    }

    private func updates(_ repository: Repository, _ request: DetailsRequest, count: Int = 1) -> [UIUpdate] {
        let inbox = UIInbox()
        let worker = LibraryWorker(repository: repository, inbox: inbox)
        worker.requestDetails(request)
        var all: [UIUpdate] = []
        let deadline = Date().addingTimeInterval(10)
        while all.count < count && Date() < deadline { all += inbox.drain(waitingUpTo: 0.1) }
        return all
    }

    private func notices(_ updates: [UIUpdate]) -> [String] {
        var texts: [String] = []
        for case .notice(let text) in updates { texts.append(text) }
        return texts
    }

    private func details(_ updates: [UIUpdate]) -> DetailsText? {
        for case .details(_, let text) in updates { return text }
        return nil
    }

    func testTheProfilesEmphasisIsKeptAsRunsAtTheirOffsets() throws {
        let repository = Repository()
        repository.artist = .found(ArtistDetails(
            name: "Квартет (2)", displayName: "Квартет",
            profileText: StyledText(runs: [.init(text: "Line-up:", bold: true, underline: true), .init(text: " Zoë. More.")]),
            attribution: "Data provided by Discogs"))
        let text = try XCTUnwrap(details(updates(repository, .artist("Квартет"))))
        XCTAssertEqual(text.text, "Квартет · Line-up: Zoë.")
        XCTAssertEqual(text.emphasis, [.init(offset: 10, run: .init(text: "Line-up:", bold: true, underline: true))])
    }

    func testAnAlbumCountsPlayablePartsAndNamesCreditsByRole() throws {
        let repository = Repository()
        repository.album = .found(AlbumDetails(
            title: "Suite Imaginaire",
            labels: [.init(name: "Studio 33 Records (2)", displayName: "Studio 33 Records", catalogNumber: "S33-009")],
            tracklist: [.init(kind: .heading, position: "", title: "Face A", durationSeconds: nil),
                        .init(kind: .index, position: "A", title: "Suite", durationSeconds: nil, parts: [
                            .init(position: "A1", title: "Aube", durationSeconds: 130),
                            .init(position: "A2", title: "Glace", durationSeconds: 185),
                        ]),
                        .init(position: "A3", title: "Finale", durationSeconds: 300)],
            credits: [CreditGroup(role: "Producer", names: ["Zoë Østergård"])],
            attribution: "Data provided by Discogs"))
        let text = try XCTUnwrap(details(updates(repository, .album(AlbumID(artist: "Квартет", title: "Suite Imaginaire")))))
        XCTAssertEqual(text.text, "Suite Imaginaire · Studio 33 Records – S33-009 · 3 tracks · Producer: Zoë Østergård")
    }

    func testAnUnavailableAnswerIsSaidOnTheMessageLineAndOffIsQuiet() {
        let repository = Repository()
        repository.artist = .unavailable("Discogs limit reached; next lookup in 120 s: try again then.")
        let said = updates(repository, .artist("Квартет"), count: 2)
        XCTAssertEqual(notices(said), ["Discogs limit reached; next lookup in 120 s: try again then."])
        XCTAssertEqual(details(said)?.text, "")
        repository.artist = .off
        let quiet = updates(repository, .artist("Квартет"))
        XCTAssertEqual(notices(quiet), [])
    }
}
