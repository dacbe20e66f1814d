import Foundation
import TestSupport
import XCTest

/// A user's world for the player tests on a local folder (no S3, no Discogs): private XDG
/// directories for the catalog, config, state and socket, and `s3play` run in them, either as a
/// command or full-screen in tmux with that environment written on its command line.
final class FolderPlayerHome {
    let root: URL
    private var sessions: [TmuxSession] = []

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("s3play-ui-\(UUID().uuidString)")
        for name in ["cache", "config/s3play", "state", "data", "run"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        chmod(root.appendingPathComponent("run").path, 0o700)
    }

    func close() {
        sessions.forEach { $0.close() }
        try? FileManager.default.removeItem(at: root)
    }

    /// Paths relative to the home for the XDG variables; a test may point one elsewhere.
    var directories = ["XDG_CACHE_HOME": "cache", "XDG_CONFIG_HOME": "config", "XDG_STATE_HOME": "state",
                       "XDG_DATA_HOME": "data", "XDG_RUNTIME_DIR": "run"]

    var environment: [String: String] {
        directories.mapValues { root.appendingPathComponent($0).path }
    }

    func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    /// `s3play ARGUMENTS` in this home; the user's S3PLAY_LIBRARY never leaks in.
    func s3play(_ arguments: [String]) throws -> ChildProcessOutcome {
        try ChildProcess.run(ChildProcess.builtProduct("s3play"), arguments,
                             environment: environment.mapValues { Optional($0) }.merging(["S3PLAY_LIBRARY": nil]) { $1 })
    }

    func scan(_ library: URL) throws {
        let outcome = try s3play(["scan", "--library", library.path])
        guard outcome.status == 0 else { throw TestSupportError("s3play scan exited \(outcome.status): \(outcome.standardError)") }
    }

    func writeConfig(_ text: String) throws {
        try text.write(to: url("config/s3play/config.toml"), atomically: true, encoding: .utf8)
    }

    /// The player on `library` in a 100x30 tmux window; the shell prints "exited STATUS" on the
    /// restored screen when it leaves.
    func startPlayer(library: URL, arguments: [String] = []) throws -> TmuxSession {
        let binary = try ChildProcess.builtProduct("s3play").path
        let variables = environment.sorted { $0.key < $1.key }.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
        let extra = arguments.map { " '\($0)'" }.joined()
        let session = try TmuxSession(columns: 100, rows: 30, command:
            "env -u DBUS_SESSION_BUS_ADDRESS \(variables) '\(binary)' --library '\(library.path)'\(extra); echo \"exited $?\"; exec sleep 60")
        sessions.append(session)
        return session
    }
}
