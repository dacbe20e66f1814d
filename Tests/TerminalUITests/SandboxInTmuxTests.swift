import Foundation
import TestSupport
import XCTest

/// s3play-ui-sandbox in a real terminal (tmux): the exact cells the user sees.
final class SandboxInTmuxTests: XCTestCase {
    private var session: TmuxSession!

    override func setUpWithError() throws {
        let sandbox = try ChildProcess.builtProduct("s3play-ui-sandbox")
        // The shell reports the exit status after the sandbox leaves, on the restored screen.
        session = try TmuxSession(columns: 80, rows: 24,
                                  command: "'\(sandbox.path)'; echo \"exited $?\"; exec sleep 60")
    }

    override func tearDown() {
        session?.close()
    }

    private func hasStatus(_ status: String) -> ([String]) -> Bool {
        { lines in lines.count >= 2 && lines[lines.count - 2].hasPrefix(status) }
    }

    func testNamesInEveryScriptLineUpInThreeColumnsAt80x24() throws {
        let lines = try session.waitFor("the first frame", until: hasStatus("Artists 1/11"))
        XCTAssertEqual(lines.count, 24)
        XCTAssertEqual(Array(lines[0..<12]), [
            "Artists                │Albums                 │Songs",
            "Beyoncé                │Ágætis byrjun          │Hoppípolla",
            "Björk                  │千のナイフ             │Звезда по имени Солнце",
            "Sigur Rós              │Группа крови           │Merry Christmas Mr. Lawrence",
            "坂本龍一               │初恋                   │First Love",
            "宇多田ヒカル           │Lemonade               │Ace of Spades",
            "Кино                   │Homogenic              │لبيروت",
            "Земфира                │宇多田ヒカル ファース… │Formation",
            "فيروز                  │Лучшее                 │🎵 Song for 🎶",
            "أم كلثوم               │🎸 Riffs               │Jóga",
            "Godspeed You! Black Em…│Motörhead Live at Hamm…│Enter Sandman (Remastered 2021)…",
            "🎵 Emoji Band          │                       │戦場のメリークリスマス",
        ])
        XCTAssertEqual(lines[12], "                       │                       │")
        XCTAssertEqual(lines[22], "Artists 1/11")
        XCTAssertEqual(lines[23], "? help  / filter  q quit")
    }

    func testKeysMoveTheSelectionAndTheFocus() throws {
        try session.waitFor("the first frame", until: hasStatus("Artists 1/11"))
        try session.sendKeys("j", "j", "Down")
        try session.waitFor("three rows down", until: hasStatus("Artists 4/11"))
        try session.sendKeys("G")
        try session.waitFor("the last row", until: hasStatus("Artists 11/11"))
        try session.sendKeys("l", "End", "k")
        try session.waitFor("albums, one above the end", until: hasStatus("Albums 9/10"))
        try session.sendKeys("Tab", "g")
        try session.waitFor("songs, top", until: hasStatus("Songs 1/11"))
    }

    func testSlashFiltersTheFocusedPaneAndEscClearsIt() throws {
        try session.waitFor("the first frame", until: hasStatus("Artists 1/11"))
        try session.sendKeys("l", "/")
        try session.sendText("кр")
        var lines = try session.waitFor("the filtered albums", until: { $0.last == "/кр" })
        XCTAssertEqual(lines[22], "Albums 1/1")
        XCTAssertEqual(lines[1], "Beyoncé                │Группа крови           │Hoppípolla")
        XCTAssertEqual(lines[2], "Björk                  │                       │Звезда по имени Солнце")
        try session.sendKeys("Enter")
        lines = try session.waitFor("the kept filter", until: { $0.last == "filter: кр" })
        try session.sendKeys("Escape")
        lines = try session.waitFor("the whole list", until: hasStatus("Albums 3/10"))
        XCTAssertEqual(lines[2], "Björk                  │千のナイフ             │Звезда по имени Солнце")
        try session.sendKeys("/")
        try session.sendText("o")
        lines = try session.waitFor("albums with an o", until: { $0.last == "/o" })
        XCTAssertEqual(lines[22], "Albums 1/3", "the first match after the old selection (Группа крови)")
        XCTAssertEqual(Array(lines[1...4].map { $0.split(separator: "│")[1] }),
                       ["Lemonade               ", "Homogenic              ", "Motörhead Live at Hamm…", "                       "])
        try session.sendKeys("Enter", "n", "n")
        try session.waitFor("two matches on", until: hasStatus("Albums 3/3"))
        try session.sendKeys("n")
        try session.waitFor("wrapped to the first", until: hasStatus("Albums 1/3"))
        try session.sendKeys("N")
        try session.waitFor("wrapped back to the last", until: hasStatus("Albums 3/3"))
    }

    func testQuestionMarkShowsTheHelpAndAnyKeyClosesIt() throws {
        try session.waitFor("the first frame", until: hasStatus("Artists 1/11"))
        try session.sendKeys("?")
        let lines = try session.waitFor("the help", until: { $0.contains { $0.contains("Keys (any key closes)") } })
        XCTAssertTrue(lines.contains { $0.contains("│q             quit") }, lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains { $0.contains("│F             filter the column") }, lines.joined(separator: "\n"))
        try session.sendKeys("x")
        try session.waitFor("the help gone", until: { !$0.contains { $0.contains("Keys (any key closes)") } })
        try session.sendKeys("j")
        try session.waitFor("keys work again", until: hasStatus("Artists 2/11"))
    }

    func testResizingRedrawsTheLayoutAndTooSmallShowsTheMessage() throws {
        try session.waitFor("the first frame", until: hasStatus("Artists 1/11"))
        try session.sendKeys("l")
        try session.resize(columns: 40, rows: 10)
        var lines = try session.waitFor("one pane at 40x10", until: { $0.count == 10 && $0[0] == "Albums" })
        XCTAssertEqual(lines, [
            "Albums", "Ágætis byrjun", "千のナイフ", "Группа крови", "初恋", "Lemonade", "Homogenic", "宇多田ヒカル ファースト・ラヴ",
            "Albums 1/10", "? help  / filter  q quit",
        ])
        try session.resize(columns: 35, rows: 8)
        lines = try session.waitFor("the too-small message", until: { $0.count == 8 && $0[4].contains("need") })
        XCTAssertEqual(lines[4], "  Terminal too small (need 40x10)")
        XCTAssertEqual(lines.filter { !$0.isEmpty }.count, 1, "nothing else is drawn")
        try session.resize(columns: 200, rows: 60)
        lines = try session.waitFor("three wide panes", until: { $0.count == 60 && $0[0].hasPrefix("Artists") })
        let pad = { (text: String, width: Int) in text + String(repeating: " ", count: width - text.count) }
        XCTAssertEqual(lines[0], pad("Artists", 59) + "│" + pad("Albums", 59) + "│Songs")
        XCTAssertEqual(lines[10], pad("Godspeed You! Black Emperor", 59) + "│" + pad("Motörhead Live at Hammersmith", 59)
                       + "│Enter Sandman (Remastered 2021) – Live at Wembley")
        XCTAssertEqual(lines[58], "Albums 1/10")
    }

    func testQuitRestoresTheTerminalAndExitsZero() throws {
        try session.waitFor("the first frame", until: hasStatus("Artists 1/11"))
        try session.sendKeys("q")
        let lines = try session.waitFor("the shell", until: { $0.contains("exited 0") })
        XCTAssertTrue(lines.contains("s3play-ui-sandbox: terminal restored"))
        XCTAssertFalse(lines.contains { $0.contains("│") }, "the alternate screen is gone")
    }

    /// The pane's process is the shell; the sandbox is its only child.
    private func sandboxPID() throws -> Int32 {
        let shell = try session.run(["display-message", "-p", "-t", "ui", "#{pane_pid}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let children = try Spawned.run("/usr/bin/pgrep", ["-P", shell], environment: [:])
        return try XCTUnwrap(Int32(children.output.split(separator: "\n").first ?? ""), "no sandbox under \(shell)")
    }

    func testSigtermRestoresTheTerminalAndExitsWithTheSignalStatus() throws {
        try session.waitFor("the first frame", until: hasStatus("Artists 1/11"))
        kill(try sandboxPID(), SIGTERM)
        let lines = try session.waitFor("the shell", until: { $0.contains("exited 143") })
        XCTAssertFalse(lines.contains { $0.contains("│") }, "the alternate screen is gone")
    }

    func testACrashRestoresTheTerminalAndStillDiesOfItsSignal() throws {
        // The Swift runtime's backtracer (the handler the lifecycle hands the signal back to) is
        // interactive on a terminal and slow to symbolicate; without it the default action runs.
        session.close()
        let sandbox = try ChildProcess.builtProduct("s3play-ui-sandbox")
        session = try TmuxSession(columns: 80, rows: 24, command:
            "SWIFT_BACKTRACE=enable=no '\(sandbox.path)'; echo \"exited $?\"; exec sleep 60")
        try session.waitFor("the first frame", until: hasStatus("Artists 1/11"))
        kill(try sandboxPID(), SIGABRT)
        // 134 = 128 + SIGABRT: the handler re-raised with the default action.
        let lines = try session.waitFor("the shell", until: { $0.contains { $0.hasPrefix("exited 134") } })
        XCTAssertFalse(lines.contains { $0.contains("│") }, "the reset sequence left the alternate screen")
    }

    /// Ctrl-Z needs a job-control shell: in the orphaned process group of a plain `sh -c` the
    /// kernel discards SIGTSTP's stop (POSIX, "orphaned process group"), so this runs under an
    /// interactive bash, stops, and comes back with `fg`.
    func testCtrlZGivesTheScreenBackAndFgRedrawsIt() throws {
        session.close()
        let sandbox = try ChildProcess.builtProduct("s3play-ui-sandbox")
        session = try TmuxSession(columns: 80, rows: 24, command: "env PS1='$ ' bash --norc --noprofile -i")
        try session.waitFor("the prompt", until: { $0.first?.hasPrefix("$") == true })
        try session.sendText("'\(sandbox.path)'")
        try session.sendKeys("Enter")
        try session.waitFor("the first frame", until: hasStatus("Artists 1/11"))
        try session.sendKeys("j")
        try session.waitFor("one row down", until: hasStatus("Artists 2/11"))
        let pid = try sandboxPID()
        try session.sendKeys("C-z")
        try session.waitFor("the shell's job report", until: { $0.contains { $0.contains("Stopped") } })
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        XCTAssertEqual(stat.split(separator: " ")[2], "T", "stopped with SIGTSTP's default action")
        XCTAssertFalse(try session.screen().contains { $0.contains("│") }, "the normal screen is back")
        try session.sendText("fg")
        try session.sendKeys("Enter")
        let lines = try session.waitFor("the redrawn frame", until: hasStatus("Artists 2/11"))
        XCTAssertEqual(lines[1], "Beyoncé                │Ágætis byrjun          │Hoppípolla")
        try session.sendKeys("q")
        try session.waitFor("the shell", until: { $0.contains("s3play-ui-sandbox: terminal restored") })
    }
}
