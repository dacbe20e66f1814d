import SafeText
import Discogs
import XCTest

/// Discogs' text markup rendered, names without their " (2)", credits grouped by role.
final class DiscogsMarkupTests: XCTestCase {
    func testNamesLinksAndEmphasisAreRendered() {
        let text = DiscogsMarkup.render("[b][u]Line-up:[/u][/b] [a=Charlie Parker] on [l=Dial (2)]; see [url=https://x.invalid/a]the page[/url] and [url=https://x.invalid/b][/url].")
        XCTAssertEqual(text.plain, "Line-up: Charlie Parker on Dial; see the page and https://x.invalid/b.")
        XCTAssertEqual(text.runs.first, StyledText.Run(text: "Line-up:", bold: true, underline: true))
        XCTAssertEqual(text.runs.dropFirst().allSatisfy { !$0.bold && !$0.underline }, true)
        XCTAssertEqual(DiscogsMarkup.render("[i]so[/i] it goes").runs.first, .init(text: "so", italic: true))
    }

    func testIdReferencesAreResolvedOrDroppedWithoutBreakingTheSentence() {
        let names: [DiscogsMarkup.Reference: String] = [.artist(1003): "Северный Ветер", .master(5460): "Bird"]
        let raw = "Not the folk ensemble [a1003]. Heard on [m=5460] and [r=99], with [a=42 Name] [a4242]."
        XCTAssertEqual(DiscogsMarkup.render(raw) { names[$0] }.plain,
                       "Not the folk ensemble Северный Ветер. Heard on Bird and, with 42 Name.")
        XCTAssertEqual(DiscogsMarkup.render(raw).plain, "Not the folk ensemble. Heard on and, with 42 Name.")
        XCTAssertEqual(DiscogsMarkup.render("[a1] opens it").plain, "opens it")
    }

    func testParagraphsStayAndWhatIsNotMarkupStaysAsWritten() {
        XCTAssertEqual(DiscogsMarkup.render("One.\r\n\r\nTwo [live] [x=1] [").plain, "One.\n\nTwo [live] [x=1] [")
    }

    func testTheDisambiguationSuffixIsDroppedOnlyWhereItIsOne() {
        XCTAssertEqual(DiscogsName.display("Studio 33 Records (2)"), "Studio 33 Records")
        XCTAssertEqual(DiscogsName.display("Nirvana (12)"), "Nirvana")
        XCTAssertEqual(DiscogsName.display("Live (Remastered)"), "Live (Remastered)")
        XCTAssertEqual(DiscogsName.display("(2)"), "(2)")
        XCTAssertEqual(DiscogsName.display("Foo(2)"), "Foo(2)")
    }

    func testCreditsAreGroupedByRoleInDiscogsOrder() {
        let credits = [DiscogsArtistCredit(id: 1, name: "A (2)", role: "Producer"),
                       DiscogsArtistCredit(id: 2, name: "B", role: "Mixed By, Producer"),
                       DiscogsArtistCredit(id: 3, name: "C", anv: "See", role: "Written-By [Lyrics, Music]", tracks: "A1 to A3")]
        XCTAssertEqual(DiscogsCreditGroup.grouped(credits), [
            .init(role: "Producer", names: ["A", "B"]), .init(role: "Mixed By", names: ["B"]),
            .init(role: "Written-By [Lyrics, Music]", names: ["See (A1 to A3)"]),
        ])
    }

    func testRetryAfterTakesSecondsOrAnHTTPDateAndRefusesNegatives() {
        // Sun, 06 Nov 1994 08:49:37 GMT (RFC 9110's example) is 784111777.
        XCTAssertEqual(DiscogsClient.retryAfterSeconds("Sun, 06 Nov 1994 08:49:37 GMT", now: 784_111_777 - 41), 41)
        XCTAssertEqual(DiscogsClient.retryAfterSeconds("Sun, 06 Nov 1994 08:49:37 GMT", now: 784_111_800), 0)
        XCTAssertEqual(DiscogsClient.retryAfterSeconds(" 30 ", now: 0), 30)
        XCTAssertNil(DiscogsClient.retryAfterSeconds("-5", now: 0))
        XCTAssertNil(DiscogsClient.retryAfterSeconds("soon", now: 0))
    }
}
