import Foundation
import XCTest

/// What a test needs besides the code: SeaweedFS, moto, tmux, sox, lame, mpg123, the ALSA file
/// plugin's set-up, the tag corpus. Every accessor of such a thing asks here first, so:
/// - `scripts/test --unit` (S3PLAY_TEST_UNIT=1) skips every test that needs one, present or not:
///   the fast tier runs only what needs no server, tool or terminal;
/// - a bare `swift test` skips a test whose need is missing, with the reason and the fix;
/// - `scripts/test` and CI (S3PLAY_REQUIRE_ALL_TOOLS=1) fail it instead: a broken set-up can
///   never pass as "everything skipped".
public enum TestRequirement {
    private static var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// Throws unless the test may use `what`; `available` says whether it is there, `fix` how to
    /// get it ("run the tests with scripts/test, which starts SeaweedFS").
    public static func require(_ what: String, available: Bool, fix: String) throws {
        if environment["S3PLAY_TEST_UNIT"] == "1" {
            throw XCTSkip("needs \(what): not in the unit tier (scripts/test runs it)")
        }
        guard !available else { return }
        if environment["S3PLAY_REQUIRE_ALL_TOOLS"] == "1" {
            throw TestSupportError("\(what) is missing: \(fix)")
        }
        throw XCTSkip("needs \(what), which is missing: \(fix)")
    }

    /// A test that spends seconds of real time (a real-time clock, a fuzz or scale run): run by
    /// scripts/test and a bare `swift test`, left out of the unit tier, which must stay fast.
    public static func requireTime(_ seconds: Int, for what: String) throws {
        if environment["S3PLAY_TEST_UNIT"] == "1" {
            throw XCTSkip("takes about \(seconds) s (\(what)): not in the unit tier (scripts/test runs it)")
        }
    }

    /// A program on PATH (sox, lame, mpg123), found as `/usr/bin/env` would find it.
    public static func requireTool(_ name: String) throws {
        let found = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").contains { directory in
            FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)")
        }
        try require(name, available: found, fix: "install it (scripts/lib/common.sh lists the packages)")
    }

    /// An environment variable that scripts/test sets (a server's endpoint, a corpus folder).
    @discardableResult
    public static func requireVariable(_ name: String, what: String, fix: String) throws -> String {
        let value = environment[name] ?? ""
        try require(what, available: !value.isEmpty, fix: "\(name) is not set: \(fix)")
        return value
    }
}
