import Foundation
import TestSupport
import XCTest

/// `s3play discogs release|artist|search` and `show` on releases shaped like real Discogs ones
/// (issue 15): index tracks and their parts, headings, credits by role, labels with catalogue
/// numbers, track artists of a compilation, rendered markup; and their error lines (issue 19).
final class DiscogsFidelityCommandTests: XCTestCase {
    private let token = "cli-token-7e21c4"

    private func environment(_ standIn: DiscogsStandIn, token: String?? = nil) throws -> [String: String?] {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("s3play-discogs-fidelity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: root) }
        return ["XDG_CACHE_HOME": root.appendingPathComponent("cache").path,
                "XDG_CONFIG_HOME": root.appendingPathComponent("config").path,
                "DISCOGS_TOKEN": token ?? self.token, "DISCOGS_API_URL": standIn.baseURL, "S3PLAY_LIBRARY": nil]
    }

    private func standIn(_ adjust: (inout DiscogsStandInConfiguration) -> Void = { _ in }) throws -> DiscogsStandIn {
        var configuration = DiscogsStandInConfiguration(token: token)
        adjust(&configuration)
        let standIn = try DiscogsStandIn(configuration)
        addTeardownBlock { standIn.stop() }
        return standIn
    }

    private func object(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], text)
    }

    private func run(_ arguments: [String], _ environment: [String: String?]) throws -> S3PlayProcess.Outcome {
        try S3PlayProcess.run(arguments, environment: environment)
    }

    func testAReleaseWithIndexTracksCreditsAndLabelsAsText() throws {
        let standIn = try standIn()
        let environment = try environment(standIn)
        // The artist behind [a1006] in the notes is cached first; the notes then name it.
        XCTAssertEqual(try run(["discogs", "artist", "1006"], environment).status, 0)
        let release = try run(["discogs", "release", "3009"], environment)
        XCTAssertEqual(release.status, 0, release.standardError)
        XCTAssertEqual(release.standardError, "")
        XCTAssertEqual(release.standardOutput, RELEASE_3009_TEXT)
        XCTAssertEqual(standIn.requestLog.map(\.target), ["/artists/1006", "/releases/3009"], "rendering cost nothing")
    }

    func testAReleaseAsJSONSaysEachRowsKindAndKeepsDiscogsNames() throws {
        let standIn = try standIn()
        let release = try object(try run(["discogs", "release", "3009", "--json"], try environment(standIn)).standardOutput)
        XCTAssertTrue(release["year"] is NSNull)
        let rows = try XCTUnwrap(release["tracklist"] as? [[String: Any]])
        XCTAssertEqual(rows.map { $0["kind"] as? String }, ["heading", "index", "track", "heading", "index", "track"])
        let parts = try XCTUnwrap(rows[1]["sub_tracks"] as? [[String: Any]])
        XCTAssertEqual(parts.map { $0["position"] as? String }, ["A1", "A2", "A3"])
        XCTAssertEqual(parts.map { $0["kind"] as? String }, ["track", "track", "track"])
        XCTAssertEqual((parts[2]["credits"] as? [[String: Any]])?.first?["role"] as? String, "Violin [Solo]")
        XCTAssertNil(rows[2]["sub_tracks"], "only index rows have parts")
        let labels = try XCTUnwrap(release["labels"] as? [[String: Any]])
        XCTAssertEqual(labels.map { $0["name"] as? String }, ["Studio 33 Records (2)", "Disques Imaginaires"])
        XCTAssertEqual(labels[0]["catno"] as? String, "S33-009")
        XCTAssertTrue(labels[1]["catno"] is NSNull, "Discogs' \"none\"")
        XCTAssertEqual((release["credits"] as? [[String: Any]])?.map { $0["role"] as? String },
                       ["Producer", "Mixed By, Recorded By", "Written-By [Lyrics, Music]"])
        XCTAssertEqual((release["credits"] as? [[String: Any]])?[1]["name"] as? String, "Северный Ветер (2)")
        XCTAssertEqual(release["notes"] as? String,
                       "[b]Recorded live.[/b] With [a=Zoë Østergård] and [a1006].\n\nSee [url=https://example.invalid/suite][/url].")
        XCTAssertEqual(release["notes_text"] as? String,
                       "Recorded live. With Zoë Østergård and.\n\nSee https://example.invalid/suite.")
    }

    func testACompilationNamesWhoPlaysEachTrack() throws {
        let standIn = try standIn()
        let environment = try environment(standIn)
        let text = try run(["discogs", "release", "3010"], environment).standardOutput
        XCTAssertTrue(text.contains("\n  1  Zoé Feat. Квартет – Nuit Blanche  3:01\n"), text)
        XCTAssertTrue(text.contains("\n  2  Северный Ветер – Тишина  4:44\n"), text)
        XCTAssertTrue(text.contains("\n  3  月光の楽団, فرقة النخيل – Duo  2:02\n"), text)
        XCTAssertTrue(text.hasPrefix("Various – Échos du Monde: Vol. 2 (2023)  (Discogs release 3010)\nLabel: Disques Imaginaires – DI 201\n"), text)
        let json = try object(try run(["discogs", "release", "3010", "--json"], environment).standardOutput)
        let first = try XCTUnwrap((json["tracklist"] as? [[String: Any]])?.first?["artists"] as? [[String: Any]])
        XCTAssertEqual(first.map { $0["anv"] as? String }, ["Zoé", nil])
        XCTAssertEqual(first.map { $0["join"] as? String }, ["Feat.", nil])
    }

    func testAProfileIsRenderedInTextAndKeptRawBesideTheRenderedOneInJSON() throws {
        let standIn = try standIn()
        let environment = try environment(standIn)
        let text = try run(["discogs", "artist", "1007"], environment)
        XCTAssertEqual(text.standardOutput, """
            Квартет  (Discogs artist 1007)

            Line-up: Zoë Østergård (violin) and friends.

            Invented string quartet; not. Their suite is on and was their first love. Recorded for \
            Studio 33 Records and. More at their page.

            Data provided by Discogs: https://www.discogs.com/artist/1007

            """)
        XCTAssertFalse(text.standardOutput.contains("\u{1B}"), "no terminal attributes in the CLI")
        // Once the artist and release behind [a1005] and [r=3009] are cached, they are named.
        _ = try run(["discogs", "artist", "1005"], environment)
        _ = try run(["discogs", "release", "3009"], environment)
        let json = try object(try run(["discogs", "artist", "1007", "--json"], environment).standardOutput)
        XCTAssertTrue((json["profile"] as? String)?.hasPrefix("[b][u]Line-up:[/u][/b] [a=Zoë Østergård]") == true)
        XCTAssertEqual(json["profile_text"] as? String, "Line-up: Zoë Østergård (violin) and friends.\n\n"
            + "Invented string quartet; not Северный Ветер. Their suite is on Suite Imaginaire and was their first love. "
            + "Recorded for Studio 33 Records and. More at their page.")
        XCTAssertEqual(standIn.requestLog.count, 3, "three documents, each fetched once")
    }

    func testASearchWithoutATokenSaysSoAndSendsNothing() throws {
        let standIn = try standIn()
        let outcome = try run(["discogs", "search", "Ветер"], try environment(standIn, token: .some(nil)))
        XCTAssertEqual(outcome.status, 1)
        XCTAssertEqual(outcome.standardError,
                       "s3play: Discogs search needs a token: set DISCOGS_TOKEN or discogs.token in the config file.\n")
        XCTAssertEqual(standIn.requestLog.count, 0)
    }

    func testDiscogsOwnMessageIsTheOneErrorLine() throws {
        let standIn = try standIn { $0.failureMode = .serverMessage("Query time exceeded. Please try a simpler query.") }
        let outcome = try run(["discogs", "search", "a"], try environment(standIn))
        XCTAssertEqual(outcome.status, 1)
        XCTAssertEqual(outcome.standardError, "s3play: Discogs is having trouble (HTTP 500: Query time exceeded. "
            + "Please try a simpler query.): try again later.\n")
        XCTAssertEqual(standIn.requestLog.count, 2)
    }

    func testAHugeRetryAfterEndsAtOnceWithOneLineAndOneRequest() throws {
        for value in ["999999", "Fri, 31 Dec 2100 23:59:59 GMT"] {
            let standIn = try standIn { $0.failureMode = .tooManyRequests(retryAfter: value) }
            let environment = try environment(standIn)
            let outcome = try run(["discogs", "artist", "1001"], environment)
            XCTAssertEqual(outcome.status, 1)
            XCTAssertEqual(outcome.standardError, "s3play: Discogs limit reached; next lookup in 120 s: try again then.\n", value)
            XCTAssertEqual(standIn.requestLog.count, 1, value)
        }
    }

    func testShowUnderAHostile429ShowsTheCatalogAloneWithOneLine() throws {
        // Retry-After: 999999 (11.6 days) used to leave `show` silent that long.
        let standIn = try standIn { $0.failureMode = .tooManyRequests(retryAfter: "999999") }
        let environment = try environment(standIn)
        let library = try SampleLibrary.folder().path
        XCTAssertEqual(try run(["scan", "--library", library], environment).status, 0)
        let shown = try run(["show", "--library", library, "--artist", "月光の楽団"], environment)
        XCTAssertEqual(shown.status, 0)
        XCTAssertTrue(shown.standardOutput.hasPrefix("月光の楽団"), shown.standardOutput)
        XCTAssertFalse(shown.standardOutput.contains("Data provided by Discogs"), shown.standardOutput)
        XCTAssertEqual(shown.standardError,
                       "s3play: Discogs limit reached; next lookup in 120 s: try again then. The catalog is shown alone.\n")
        XCTAssertEqual(standIn.requestLog.count, 1)
    }

    func testEscapeSequencesInAProfileStayEscapedInJSON() throws {
        let standIn = try standIn()
        let json = try run(["discogs", "artist", "1099", "--json"], try environment(standIn)).standardOutput
        XCTAssertFalse(json.contains("\u{1B}"), json)
        XCTAssertTrue(json.contains("Harmless\\u001b]0;pwned\\u0007\\u001b[2J text."), json)
        XCTAssertEqual(try object(json)["profile_text"] as? String, "Harmless\u{1B}]0;pwned\u{07}\u{1B}[2J text.")
    }

    func testAWaitForTheBudgetIsSaidAtOnceThenTheLookupGoesOn() throws {

        try TestRequirement.requireTime(2, for: "waits for a real rate window")
        // The real-time test of the wait: 2 s, said before it starts.
        let standIn = try standIn { $0.failureMode = .tooManyRequests(retryAfter: "2"); $0.failureCount = 1 }
        let outcome = try run(["discogs", "artist", "1001"], try environment(standIn))
        XCTAssertEqual(outcome.status, 0, outcome.standardError)
        XCTAssertEqual(outcome.standardError, "s3play: Discogs limit reached; next lookup in 2 s.\n")
        XCTAssertTrue(outcome.standardOutput.hasPrefix("Les Frères Ñandú  (Discogs artist 1001)"))
        XCTAssertEqual(standIn.requestLog.map(\.status), [429, 200])
    }
}

private let RELEASE_3009_TEXT = """
    Квартет – Suite Imaginaire  (Discogs release 3009)
    Labels: Studio 33 Records – S33-009, Disques Imaginaires
    Genres: Classical
    Styles: Modern
    Credits:
      Producer: Zoë Østergård
      Mixed By: Северный Ветер
      Recorded By: Северный Ветер
      Written-By [Lyrics, Music]: 月光の楽団 (A1 to A3)

    Face A
      A   Suite du Nord  9:27
        A1  Aube  2:10
        A2  Glace  3:05
        A3  Malagueña  4:12
              Violin [Solo]: Zoë Ø.
      A4  Interlude  1:00
    Face B
          Trois Danses
        B1  Valse  2:00
        B2  Polka  1:30
      B3  Finale  5:00
            Arranged By: فرقة النخيل

    Notes:
    Recorded live. With Zoë Østergård and Zoë Østergård.

    See https://example.invalid/suite.

    Data provided by Discogs: https://www.discogs.com/release/3009

    """
