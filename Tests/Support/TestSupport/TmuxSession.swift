import Foundation

/// A program running in a detached tmux session on a private server (`tmux -L`), so the test
/// neither sees nor disturbs the user's tmux; the server is killed by `close()`.
public final class TmuxSession {
    /// Unique per session: a server being killed by the previous test may still hold its socket.
    public let socket = "s3play-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    private let tmux: String

    public init(columns: Int, rows: Int, command: String) throws {
        let path = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"]
            .first(where: { FileManager.default.isExecutableFile(atPath: $0) })
        try TestRequirement.require("tmux", available: path != nil, fix: "install it (scripts/lib/common.sh lists it for apt)")
        tmux = path!
        // -f /dev/null: no user configuration.
        try run(["-f", "/dev/null", "new-session", "-d", "-s", "ui", "-x", "\(columns)", "-y", "\(rows)", command])
    }

    /// Runs one tmux command and returns its output. The UTF-8 locale makes tmux measure wide
    /// characters with wcwidth as the program does.
    @discardableResult
    public func run(_ arguments: [String]) throws -> String {
        let outcome = try Spawned.run(tmux, ["-L", socket] + arguments, environment: [
            "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TMUX": nil, "NO_COLOR": nil, "LINES": nil, "COLUMNS": nil,
        ])
        guard outcome.status == 0 else {
            throw SpawnError(message: "tmux \(arguments.joined(separator: " ")) exited with status \(outcome.status)")
        }
        return outcome.output
    }

    /// The pane's lines, trailing spaces trimmed by tmux.
    public func screen() throws -> [String] {
        var lines = try run(["capture-pane", "-p", "-t", "ui"]).split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// The pane's lines with their attributes as SGR escape sequences (`capture-pane -e`), for
    /// checking what is bold or underlined.
    public func screenWithAttributes() throws -> [String] {
        try run(["capture-pane", "-e", "-p", "-t", "ui"]).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// Polls the pane until `condition` holds on a settled screen (10 s at most: a loaded
    /// machine draws late, the player starts a catalog and a socket before its first frame, a
    /// broken program never draws), then returns it; throws with the last screen otherwise.
    /// Settled: the same lines in two captures 30 ms apart, because tmux can be captured while
    /// a redraw is half written (a new header over the old rows).
    @discardableResult
    public func waitFor(_ what: String, timeout: Double = 10, until condition: ([String]) -> Bool) throws -> [String] {
        let deadline = Date().addingTimeInterval(timeout)
        var lines = try screen()
        while true {
            if condition(lines) {
                // A screen that never settles (a clock, a progress bar) is taken as it is at the end.
                if Date() >= deadline { return lines }
                usleep(30_000)
                let again = try screen()
                if again == lines { return lines }
                lines = again
                continue
            }
            guard Date() < deadline else {
                throw TestSupportError("timed out waiting for \(what); the screen was:\n\(lines.joined(separator: "\n"))")
            }
            usleep(50_000)
            lines = try screen()
        }
    }

    public func sendKeys(_ keys: String...) throws { try run(["send-keys", "-t", "ui"] + keys) }
    public func sendText(_ text: String) throws { try run(["send-keys", "-t", "ui", "-l", text]) }
    public func resize(columns: Int, rows: Int) throws {
        try run(["resize-window", "-t", "ui", "-x", "\(columns)", "-y", "\(rows)"])
    }

    public func close() { _ = try? run(["kill-server"]) }
}

public struct SpawnError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// posix_spawn and waitpid, without Foundation's Process: the tmux client that starts a server
/// exits while the forked server lives on, and Foundation's Process on Linux was seen never to
/// notice that exit (the client stayed a zombie and waitUntilExit never returned).
public enum Spawned {
    public static func run(_ path: String, _ arguments: [String], environment overrides: [String: String?])
        throws -> (status: Int32, output: String)
    {
        var environment = ProcessInfo.processInfo.environment
        for (name, value) in overrides { environment[name] = value }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }

        // Output goes to a temporary file, not a pipe: a server forked by the command would keep
        // a pipe's write end open and a reader would wait for end-of-file for ever.
        let outputPath = NSTemporaryDirectory() + "s3play-tmux-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, envp)
        guard spawned == 0 else { throw SpawnError(message: "cannot run \(path): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return (exitStatus, output)
    }
}
