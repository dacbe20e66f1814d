import Foundation
import TestSupport
import XCTest

/// config.toml's `[keys]` and `[theme]` reach the running player; a bad entry stops the start
/// with one line before curses takes the screen.
final class PlayerConfigTests: XCTestCase {
    private var home: URL!
    private var session: TmuxSession?

    override func setUpWithError() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("s3play-ui-config-\(UUID().uuidString)")
        for name in ["cache", "config/s3play", "state", "data", "run"] {
            try FileManager.default.createDirectory(at: home.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        chmod(home.appendingPathComponent("run").path, 0o700)
    }

    override func tearDown() {
        session?.close()
        try? FileManager.default.removeItem(at: home)
    }

    private var environment: [String: String] {
        ["XDG_CACHE_HOME": "cache", "XDG_CONFIG_HOME": "config", "XDG_STATE_HOME": "state",
         "XDG_DATA_HOME": "data", "XDG_RUNTIME_DIR": "run"]
            .mapValues { home.appendingPathComponent($0).path }
    }

    private func writeConfig(_ text: String) throws {
        try text.write(to: home.appendingPathComponent("config/s3play/config.toml"), atomically: true, encoding: .utf8)
    }

    private func scannedLibrary() throws -> URL {
        let library = try SampleLibrary.folder()
        let scan = try ChildProcess.run(ChildProcess.builtProduct("s3play"), ["scan", "--library", library.path],
                                        environment: environment.mapValues { Optional($0) }.merging(["S3PLAY_LIBRARY": nil]) { $1 })
        XCTAssertEqual(scan.status, 0, scan.standardError)
        return library
    }

    func testABadKeyIsOneLineNamingTheFileBeforeCursesStarts() throws {
        let library = try scannedLibrary()
        try writeConfig("[keys]\nquit = \"hyper-q\"\n")
        let outcome = try ChildProcess.run(ChildProcess.builtProduct("s3play"), ["--library", library.path],
                                           environment: environment.mapValues { Optional($0) })
        XCTAssertEqual(outcome.status, 1)
        let lines = outcome.standardError.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, outcome.standardError)
        XCTAssertTrue(outcome.standardError.contains("config.toml"), outcome.standardError)
        XCTAssertTrue(outcome.standardError.contains("[keys] quit: unknown key \"hyper-q\""), outcome.standardError)
        XCTAssertFalse(outcome.standardOutput.contains("\u{1B}["), "curses never started")
    }

    func testReboundKeysWorkAndTheHelpShowsThem() throws {
        let library = try scannedLibrary()
        // x quits instead of q; q is free and does nothing.
        try writeConfig("[keys]\nquit = \"x\"\n\n[theme]\nheader = \"blue,,bold\"\n")
        let binary = try ChildProcess.builtProduct("s3play").path
        let variables = environment.sorted { $0.key < $1.key }.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
        let session = try TmuxSession(columns: 100, rows: 30, command:
            "env \(variables) '\(binary)' --library '\(library.path)' --output null; echo \"exited $?\"; exec sleep 60")
        self.session = session
        try session.waitFor("the first frame") { $0.first?.hasPrefix("Artists (5)") == true }
        try session.sendKeys("?")
        let help = try session.waitFor("the help overlay") { $0.joined().contains("any key closes") }
        XCTAssertNotNil(help.joined(separator: "\n").range(of: #"[│ ]x +quit"#, options: .regularExpression),
                        help.joined(separator: "\n"))
        XCTAssertTrue(help.last?.hasSuffix("x quit") == true, "the hint line names the key in force: \(help.last ?? "")")
        try session.sendKeys("Escape")
        try session.sendKeys("q")
        try session.sendKeys("x")
        try session.waitFor("the player to exit on x") { $0.contains("exited 0") }
    }
}
