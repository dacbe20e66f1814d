import Foundation
import TestSupport
import XCTest

/// config.toml's `[keys]` and `[theme]` reach the running player; a bad entry stops the start
/// with one line before curses takes the screen.
final class PlayerConfigTests: XCTestCase {
    private var home: FolderPlayerHome!

    override func setUpWithError() throws { home = try FolderPlayerHome() }
    override func tearDown() { home.close() }

    private func scannedLibrary() throws -> URL {
        let library = try SampleLibrary.folder()
        try home.scan(library)
        return library
    }

    func testABadKeyIsOneLineNamingTheFileBeforeCursesStarts() throws {
        let library = try scannedLibrary()
        try home.writeConfig("[keys]\nquit = \"hyper-q\"\n")
        let outcome = try home.s3play(["--library", library.path])
        XCTAssertEqual(outcome.status, 1)
        let lines = outcome.standardError.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, outcome.standardError)
        XCTAssertTrue(outcome.standardError.contains("config.toml"), outcome.standardError)
        XCTAssertTrue(outcome.standardError.contains("[keys] quit: unknown key \"hyper-q\""), outcome.standardError)
        XCTAssertFalse(outcome.standardOutput.contains("\u{1B}["), "curses never started")
    }

    func testABindingThatStrandsAnActionIsRefusedInOneLine() throws {
        let library = try scannedLibrary()
        try home.writeConfig("[keys]\ntoggle_pause = \"space\"\n")
        let outcome = try home.s3play(["--library", library.path])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertEqual(outcome.standardError.split(separator: "\n").count, 1, outcome.standardError)
        XCTAssertTrue(outcome.standardError.contains("\"space\" is mark's only key"), outcome.standardError)
    }

    func testReboundKeysWorkAndTheHelpShowsThem() throws {
        let library = try scannedLibrary()
        // Q quits instead of q; q is free and does nothing.
        try home.writeConfig("[keys]\nquit = \"Q\"\n\n[theme]\nheader = \"blue,,bold\"\n")
        let session = try home.startPlayer(library: library, arguments: ["--output", "null"])
        try session.waitFor("the first frame") { $0.first?.hasPrefix("Artists (5)") == true }
        try session.sendKeys("?")
        let help = try session.waitFor("the help overlay") { $0.joined().contains("key closes)") }
        XCTAssertNotNil(help.joined(separator: "\n").range(of: #"[│ ]Q +quit"#, options: .regularExpression),
                        help.joined(separator: "\n"))
        XCTAssertTrue(help.last?.hasSuffix("Q quit") == true, "the hint line names the key in force: \(help.last ?? "")")
        try session.sendKeys("Escape")
        try session.sendKeys("q")
        try session.sendKeys("Q")
        try session.waitFor("the player to exit on Q") { $0.contains("exited 0") }
    }
}
