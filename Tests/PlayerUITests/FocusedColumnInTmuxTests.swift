import Foundation
import TestSupport
import XCTest

/// Issue 17: the focused column is obvious without colour. Under NO_COLOR its header and its
/// selection bar are reversed; the other columns dim their header and underline their selection.
final class FocusedColumnInTmuxTests: XCTestCase {
    private var home: FolderPlayerHome!

    override func setUpWithError() throws { home = try FolderPlayerHome() }
    override func tearDown() { home.close() }

    func testUnderNoColorTheFocusedColumnAloneHasAReversedHeaderAndSelection() throws {
        let library = try SampleLibrary.folder()
        try home.scan(library)
        home.variables["NO_COLOR"] = "1"
        let session = try home.startPlayer(library: library)
        try session.waitFor("the three columns filled") { lines in
            lines.first?.hasPrefix("Artists (5)") == true && lines.first?.contains("Songs (2,") == true
        }
        var raw = try session.screenWithAttributes()
        XCTAssertEqual(attributes(at: "Artists (5)", in: raw[0]), [1, 7], raw[0].debugDescription)
        XCTAssertEqual(attributes(at: "Albums (", in: raw[0]), [2], raw[0].debugDescription)
        XCTAssertEqual(attributes(at: "Les Frères Ñandú", in: raw[1]), [1, 7], raw[1].debugDescription)
        XCTAssertEqual(attributes(at: "Canción del Café", in: raw[1]), [4], raw[1].debugDescription)

        try session.sendKeys("l")
        raw = try waitForAttributes(session) { self.attributes(at: "Albums (", in: $0[0]) == [1, 7] }
        XCTAssertEqual(attributes(at: "Artists (5)", in: raw[0]), [2], raw[0].debugDescription)
        XCTAssertEqual(attributes(at: "Les Frères Ñandú", in: raw[1]), [4], raw[1].debugDescription)
        XCTAssertEqual(attributes(at: "Canción del Café", in: raw[1]), [1, 7], raw[1].debugDescription)
        try session.sendKeys("q")
        try session.waitFor("the player to exit") { $0.contains("exited 0") }
    }

    private func attributes(at text: String, in raw: String) -> Set<Int>? {
        PlayerScreenCapture.attributes(at: text, in: raw)
    }

    private func waitForAttributes(_ session: TmuxSession, _ condition: ([String]) -> Bool) throws -> [String] {
        var raw: [String] = []
        try waitUntil("the attributes to change") {
            raw = try session.screenWithAttributes()
            return condition(raw)
        }
        return raw
    }
}
