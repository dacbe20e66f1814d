import Curses
import Foundation
import TerminalUI
import TestSupport
import XCTest

/// What the player draws, read off a real terminal (tmux) as a person reads it: the Discogs
/// details line, the layout at 40x10 and 200x60 and below the minimum, names in five scripts
/// lined up, `/` filtering and the help overlay. The library is the sample bucket in SeaweedFS
/// with the Discogs stand-in; ALSA goes to the file plugin (nothing plays here).
final class ScreenEndToEndTests: XCTestCase {
    private var home: PlayerHome!

    override func setUpWithError() throws {
        home = try PlayerHome()
        try home.scan()
    }

    override func tearDown() {
        home?.close()
    }

    /// The first frame: five artists, the first in focus.
    @discardableResult
    private func startPlayer(columns: Int = 100, rows: Int = 30) throws -> (TmuxSession, PlayerScreenCapture) {
        let session = try home.startPlayer(columns: columns, rows: rows)
        let screen = PlayerScreenCapture(try session.waitFor("the artists and the first one's albums") { lines in
            lines.first?.hasPrefix("Artists (5)") == true && lines.joined().contains("Canción del Café")
        })
        return (session, screen)
    }

    func testTheDetailsLineShowsWhatDiscogsSaysOfTheArtistInFocus() throws {
        let (session, _) = try startPlayer()
        var screen = PlayerScreenCapture(try session.waitFor("Les Frères Ñandú's details") {
            PlayerScreenCapture($0).details.hasPrefix("Les Frères Ñandú · Invented duo of brothers playing café songs.")
        })
        XCTAssertTrue(screen.details.hasSuffix(" Data provided by Discogs"), screen.details)
        XCTAssertEqual(DisplayWidth.of(screen.details), 100, "the attribution is flush right: \(screen.details)")
        // The profile's "[b]Invented[/b]" is drawn bold (SGR 1), the rest of the sentence not.
        let raw = try XCTUnwrap(try session.screenWithAttributes().first { $0.contains("Invented") })
        XCTAssertTrue(Self.parameters(before: "Invented", in: raw).contains("1"), raw.debugDescription)
        XCTAssertFalse(Self.parameters(before: " duo", in: raw).contains("1"), raw.debugDescription)

        // Another artist in focus: its details replace the first one's.
        let row = try XCTUnwrap(screen.listRows.firstIndex { $0.hasPrefix("Северный Ветер") }) - 1
        for _ in 0..<row { try session.sendKeys("j") }
        screen = PlayerScreenCapture(try session.waitFor("Северный Ветер's details") {
            PlayerScreenCapture($0).details.hasPrefix("Северный Ветер · Вымышленный фолк-ансамбль.")
        })
        XCTAssertTrue(screen.details.hasSuffix(" Data provided by Discogs"), screen.details)
        XCTAssertTrue(home.discogs.requestLog.contains { $0.target.hasPrefix("/artists/1003") },
                      "the stand-in was asked: \(home.discogs.requestLog.map(\.target))")
    }

    func testALimitedDiscogsIsSaidOnTheMessageLineNotWaitedOutInSilence() throws {
        let (session, _) = try startPlayer()
        var screen = PlayerScreenCapture(try session.waitFor("Les Frères Ñandú's details") {
            PlayerScreenCapture($0).details.hasPrefix("Les Frères Ñandú · Invented")
        })
        // From now on Discogs answers 429 asking for 11.6 days: the cap makes it 120 s, more than a
        // lookup the user waits for may wait, so the next artist's details give up at once.
        home.discogs.setFailureMode(.tooManyRequests(retryAfter: "999999"))
        let row = try XCTUnwrap(screen.listRows.firstIndex { $0.hasPrefix("Северный Ветер") }) - 1
        for _ in 0..<row { try session.sendKeys("j") }
        screen = PlayerScreenCapture(try session.waitFor("the limit on the message line") {
            PlayerScreenCapture($0).messageLine.hasPrefix("Discogs limit reached; next lookup in ")
        })
        XCTAssertFalse(screen.details.contains("Северный Ветер ·"), screen.details)
        let refused = home.discogs.requestLog.filter { $0.status == 429 }.count
        XCTAssertLessThanOrEqual(refused, 2, "one 429 each for at most the focus and a prefetch: \(home.discogs.requestLog)")
    }

    func testAWaitForTheBudgetIsSaidOnTheMessageLineThenTheDetailsCome() throws {
        let (session, _) = try startPlayer()
        var screen = PlayerScreenCapture(try session.waitFor("Les Frères Ñandú's details") {
            PlayerScreenCapture($0).details.hasPrefix("Les Frères Ñandú · Invented")
        })
        // One 429 asking for 3 s: said at once, waited out, then the details.
        home.discogs.setFailureMode(.tooManyRequests(retryAfter: "3"), count: 1)
        let row = try XCTUnwrap(screen.listRows.firstIndex { $0.hasPrefix("فرقة النخيل") }) - 1
        for _ in 0..<row { try session.sendKeys("j") }
        screen = PlayerScreenCapture(try session.waitFor("the wait on the message line") {
            PlayerScreenCapture($0).messageLine.hasPrefix("Discogs limit reached; next lookup in ")
        })
        XCTAssertTrue(screen.messageLine.hasSuffix(" s."), screen.messageLine)
        try session.waitFor("فرقة النخيل's details after the wait") {
            PlayerScreenCapture($0).details.hasPrefix("فرقة النخيل ·")
        }
    }

    /// The SGR parameters of the escape sequences right before `text` in a `capture-pane -e` line.
    private static func parameters(before text: String, in line: String) -> [String] {
        guard let range = line.range(of: text) else { return [] }
        var prefix = String(line[..<range.lowerBound])
        var parameters: [String] = []
        while prefix.hasSuffix("m"), let escape = prefix.range(of: "\u{1B}[", options: .backwards) {
            let body = prefix[escape.upperBound..<prefix.index(before: prefix.endIndex)]
            guard body.allSatisfy({ $0.isNumber || $0 == ";" }) else { break }
            parameters += body.split(separator: ";").map(String.init)
            prefix = String(prefix[..<escape.lowerBound])
        }
        return parameters
    }

    func testResizingTo40x10ShowsTheFocusedColumnAnd200x60ThreeAlignedOnesAndTooSmallSaysSo() throws {
        let (session, _) = try startPlayer()

        try session.resize(columns: 40, rows: 10)
        var screen = PlayerScreenCapture(try session.waitFor("one column at 40x10") { lines in
            lines.count == 10 && lines.first?.hasPrefix("Artists (5)") == true
        })
        // The right side gives way first: the state shows whole, then what fits of the modes.
        XCTAssertTrue(screen.statusBar.hasPrefix("■ stopped"), screen.statusBar)
        XCTAssertTrue(screen.statusBar.contains("vol 100%"), screen.statusBar)
        XCTAssertFalse(screen.text.contains("│"), "no column separator at 40 columns:\n\(screen.text)")
        XCTAssertFalse(screen.header.contains("Albums"), screen.header)
        XCTAssertTrue(screen.lines.allSatisfy { DisplayWidth.of($0) <= 40 }, screen.text)
        XCTAssertTrue(screen.listRows.first?.hasPrefix("Les Frères Ñandú") == true, screen.text)
        // The one column is the focused one.
        try session.sendKeys("l")
        // Waits for the row too: tmux may capture a redraw half written (the header before the rows).
        screen = PlayerScreenCapture(try session.waitFor("the albums column alone") { lines in
            lines.first?.hasPrefix("Albums (2)") == true && lines.contains { $0.contains("Canción del Café") }
        })
        XCTAssertFalse(screen.header.contains("Artists"), screen.header)
        try session.sendKeys("h")

        try session.resize(columns: 200, rows: 60)
        screen = PlayerScreenCapture(try session.waitFor("three columns at 200x60") { lines in
            lines.count == 60 && lines.first?.contains("Songs (2, 0:19)") == true
        })
        let layout = try XCTUnwrap(ColumnLayout(size: TerminalSize(columns: 200, rows: 60), focus: .artists))
        XCTAssertEqual(layout.panes.count, 3)
        for (pane, title) in [(LibraryPane.artists, "Artists (5)"), (.albums, "Albums (2)"), (.songs, "Songs (2, 0:19)")] {
            XCTAssertEqual(PlayerScreenCapture.displayColumn(of: title, in: screen.header), layout.frame(of: pane)?.column,
                           "\(title) in: \(screen.header)")
        }
        // The separators run straight down from the header to the last list row.
        for (index, line) in screen.lines.prefix(56).enumerated() {
            XCTAssertEqual(PlayerScreenCapture.displayColumns(of: "│", in: line), layout.separatorColumns, "row \(index): \(line)")
        }
        XCTAssertTrue(screen.statusBar.hasPrefix("■ stopped"), screen.statusBar)
        XCTAssertTrue(screen.statusBar.hasSuffix("repeat off"), screen.statusBar)
        XCTAssertEqual(DisplayWidth.of(screen.statusBar), 199, "the status bar spans the width: \(screen.statusBar)")

        // Below 40x10 it says so instead of drawing; back above, it draws at once.
        for (columns, rows) in [(39, 10), (60, 9)] {
            try session.resize(columns: columns, rows: rows)
            screen = PlayerScreenCapture(try session.waitFor("the too-small message at \(columns)x\(rows)") { lines in
                lines.count == rows && lines.contains { $0.contains(ColumnLayout.tooSmallScreen(size: TerminalSize(columns: columns, rows: rows)).text) }
            })
            XCTAssertEqual(screen.lines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.count, 1,
                           "only the message:\n\(screen.text)")
        }
        XCTAssertTrue(screen.text.contains("Terminal too small (need 40x10)"), screen.text)
        try session.resize(columns: 100, rows: 30)
        try session.waitFor("the three columns again") { $0.count == 30 && $0.first?.contains("Songs (") == true }
    }

    /// Rows with Latin, accented, Cyrillic, Arabic and Japanese names: every separator and every
    /// right-aligned number sits at the same display column as on the ASCII rows.
    func testNamesInFiveScriptsLineUpWithTheASCIIRows() throws {
        let (session, first) = try startPlayer()
        let layout = try XCTUnwrap(ColumnLayout(size: TerminalSize(columns: 100, rows: 30), focus: .artists))
        let separators = layout.separatorColumns

        // The artists: one of each script, album counts flush against the first separator.
        let artistRows = first.listRows.filter { !$0.hasPrefix(" ") && !$0.isEmpty }
        XCTAssertEqual(artistRows.count, 5, first.text)
        for row in artistRows {
            XCTAssertEqual(PlayerScreenCapture.displayColumns(of: "│", in: row), separators, row)
            let artistCell = String(row.prefix { $0 != "│" })
            XCTAssertEqual(DisplayWidth.of(artistCell), separators[0], row)
            XCTAssertTrue(artistCell.last?.isNumber == true, "the album count ends the cell: \(row)")
        }

        // Each artist in turn: album durations end at the second separator, song durations at
        // the right edge, whatever script the titles are in.
        var seen: Set<String> = []
        for index in 0..<5 {
            if index > 0 { try session.sendKeys("j") }
            let artist = artistRows[index].components(separatedBy: "  ").first ?? ""
            let screen = PlayerScreenCapture(try session.waitFor("\(artist)'s songs") { lines in
                let screen = PlayerScreenCapture(lines)
                return (screen.header.contains("Songs (") && !screen.header.contains("Songs (0"))
                    && screen.details.contains(artist)
            })
            for row in screen.listRows where row.count > separators[1] {
                let columns = PlayerScreenCapture.displayColumns(of: "│", in: row)
                XCTAssertEqual(columns, separators, row)
                let cells = row.split(separator: "│", omittingEmptySubsequences: false).map(String.init)
                if cells[1].contains(where: { !$0.isWhitespace }) {
                    XCTAssertNotNil(PlayerScreenCapture.seconds(cells[1].suffix(4)), "an album row ends with its duration: \(row)")
                }
                if cells[2].contains(where: { !$0.isWhitespace }) {
                    XCTAssertEqual(DisplayWidth.of(row), 100, "a song row reaches the right edge: \(row)")
                    XCTAssertNotNil(PlayerScreenCapture.seconds(Substring(row.suffix(4))), row)
                    seen.insert(cells[2])
                }
            }
        }
        let songs = seen.joined(separator: "\n")
        for title in ["Été Brûlant", "Первый снег", "قمر", "桜の雨", "Café de Medianoche"] {
            XCTAssertTrue(songs.contains(title), "\(title) was among the rows checked:\n\(songs)")
        }

        // The queue view: the compilation (three scripts in one album), durations flush right.
        try session.sendKeys("g", "j")
        try session.waitFor("the compilation's songs") { $0.joined().contains("Зимний вальс") }
        try session.sendKeys("l", "a", "Tab")
        let queue = PlayerScreenCapture(try session.waitFor("the compilation queued") { $0.first?.hasPrefix("Queue: 3 entries") == true })
        let entries = queue.listRows.filter { $0.contains(". ") }
        XCTAssertEqual(entries.count, 3, queue.text)
        for row in entries {
            XCTAssertEqual(DisplayWidth.of(row), 100, row)
            XCTAssertNotNil(PlayerScreenCapture.seconds(Substring(row.suffix(4))), row)
        }
        XCTAssertTrue(entries.joined().contains("星の声") && entries.joined().contains("Зимний вальс (Remix)"), queue.text)
        // Artist | title | album in columns, measured in display columns (CJK takes two cells).
        let titleColumns = ["星の声", "Зимний вальс (Remix)"].compactMap { title in
            entries.lazy.compactMap { PlayerScreenCapture.displayColumn(of: title, in: $0) }.first
        }
        XCTAssertEqual(titleColumns.count, 2, queue.text)
        XCTAssertEqual(Set(titleColumns).count, 1, "the titles start in one column: \(queue.text)")
        let albumColumns = entries.compactMap { PlayerScreenCapture.displayColumn(of: "Échos du Monde", in: $0) }
        XCTAssertEqual(albumColumns.count, 3, queue.text)
        XCTAssertEqual(Set(albumColumns).count, 1, "the albums start in one column: \(queue.text)")
        XCTAssertGreaterThan(albumColumns[0], titleColumns[0])
    }

    func testFFiltersTheColumnWithoutDiacriticsAndNAndNMoveBetweenMatchesAndEscClears() throws {
        let (session, _) = try startPlayer()
        try session.sendKeys("F")
        try session.sendText("freres")
        var screen = PlayerScreenCapture(try session.waitFor("only Les Frères Ñandú left") { lines in
            let screen = PlayerScreenCapture(lines)
            return screen.messageLine == "/freres" && self.artistNames(screen) == ["Les Frères Ñandú"]
        })
        try session.sendKeys("Enter")
        screen = PlayerScreenCapture(try session.waitFor("the filter kept") { PlayerScreenCapture($0).messageLine.hasPrefix("filter: freres") })
        XCTAssertEqual(artistNames(screen), ["Les Frères Ñandú"])
        try session.sendKeys("Escape")
        screen = PlayerScreenCapture(try session.waitFor("all artists back") { self.artistNames(PlayerScreenCapture($0)).count == 5 })
        XCTAssertFalse(screen.messageLine.hasPrefix("filter:"), screen.messageLine)

        // "a" matches two artists (Ñandú, Various Artists); n and N step between them, wrapping
        // around, and the albums column follows the artist in focus.
        try session.sendKeys("F")
        try session.sendText("a")
        try session.sendKeys("Enter")
        try session.waitFor("two matches") { self.artistNames(PlayerScreenCapture($0)) == ["Les Frères Ñandú", "Various Artists"] }
        try session.sendKeys("n")
        try session.waitFor("Various Artists in focus") { $0.joined().contains("Échos du Monde") }
        try session.sendKeys("N")
        try session.waitFor("Les Frères Ñandú in focus again") { $0.joined().contains("Canción del Café") }
        try session.sendKeys("n")
        try session.waitFor("Various Artists in focus") { $0.joined().contains("Échos du Monde") }
        try session.sendKeys("n")
        let wrapped = PlayerScreenCapture(try session.waitFor("n wrapping around to Les Frères Ñandú") { $0.joined().contains("Canción del Café") })
        XCTAssertTrue(wrapped.messageLine.hasPrefix("filter: a"), wrapped.messageLine)
        try session.sendKeys("Escape")
        try session.waitFor("all artists back") { self.artistNames(PlayerScreenCapture($0)).count == 5 }
    }

    func testHelpOverlayListsEveryKeyAndAnyKeyClosesIt() throws {
        let (session, _) = try startPlayer()
        try session.sendKeys("?")
        // 100x30 holds two columns of 22 rows: the keys and the `:` commands take j to reach.
        let top = try session.waitFor("the help overlay") { $0.joined().contains("Keys (j/k scroll, any other key closes)") }
        try session.sendKeys("j", "j", "j", "j", "j", "j")
        let bottom = try session.waitFor("the help scrolled") { $0.joined().contains(":messages") }
        let screen = PlayerScreenCapture(top + bottom)
        for action in KeyAction.allCases {
            let keys = KeyBindings.defaults.keys(for: action).map(KeySpec.name(of:)).joined(separator: " ")
            let shown = screen.lines.contains { line in
                guard let at = line.range(of: action.summary) else { return false }
                return line[..<at.lowerBound].trimmingCharacters(in: .whitespaces).hasSuffix(String(keys.prefix(12)))
            }
            XCTAssertTrue(shown, "\(keys) \(action.summary) is not listed:\n\(screen.text)")
        }
        // q closes the overlay and does nothing else: the player is still there.
        try session.sendKeys("q")
        try session.waitFor("the overlay gone") { lines in
            !lines.joined().contains("Keys (j/k scroll") && lines.first?.hasPrefix("Artists (5)") == true
        }
        XCTAssertFalse(try session.screen().contains("exited 0"))
        try home.quit(session)
    }

    /// The artists column's names (the text before the first separator, without the count).
    private func artistNames(_ screen: PlayerScreenCapture) -> [String] {
        screen.listRows.compactMap { row -> String? in
            let cell = row.prefix { $0 != "│" }.trimmingCharacters(in: .whitespaces)
            guard !cell.isEmpty else { return nil }
            return cell.replacingOccurrences(of: #"\s+\d+$"#, with: "", options: .regularExpression)
        }
    }
}
