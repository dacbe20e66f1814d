import Foundation
import TestSupport
import XCTest

/// One user's world for the end-to-end tests: private XDG directories (catalog, Discogs cache,
/// state, socket), the sample bucket scanned into them, the Discogs stand-in with a token, and
/// ALSA routed to the file plugin. `startPlayer` opens `s3play` in tmux with exactly that
/// environment on its command line, so nothing depends on what the tmux server inherited.
final class PlayerHome {
    static let discogsToken = "e2e-token-5c1f"

    let root: URL
    let library: String
    let discogs: DiscogsStandIn
    private var sessions: [TmuxSession] = []

    /// The S3 endpoint the player and the CLI are given; nil: SeaweedFS itself (a test may put a
    /// counting proxy in front of it).
    var s3Endpoint: String?

    /// Where ALSA's file plugin writes: a file or a `PacedSoundCard`'s pipe.
    var alsaOutput = URL(fileURLWithPath: "/dev/null")
    /// The session bus the player sees (a `PrivateSessionBus`); nil: none, whatever the tests inherited.
    var busAddress: String?

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("s3play-e2e-\(UUID().uuidString)")
        for name in ["cache", "config", "state", "data", "run"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        chmod(root.appendingPathComponent("run").path, 0o700)
        library = try SampleBucket.location()
        discogs = try DiscogsStandIn(DiscogsStandInConfiguration(token: Self.discogsToken))
    }

    func close() {
        sessions.forEach { $0.close() }
        discogs.stop()
        try? FileManager.default.removeItem(at: root)
    }

    var stateFile: URL { root.appendingPathComponent("state/s3play/state.json") }

    /// What the player and the CLI see besides the inherited key pair.
    var environment: [String: String] {
        get throws {
            let alsaConfig = try TestRequirement.requireVariable(
                "S3PLAY_TEST_ALSA_CONF", what: "the ALSA file plugin's set-up",
                fix: "run the tests with scripts/test, which routes ALSA to the file plugin")
            var environment = ["XDG_CACHE_HOME": "cache", "XDG_CONFIG_HOME": "config", "XDG_STATE_HOME": "state",
                               "XDG_DATA_HOME": "data", "XDG_RUNTIME_DIR": "run"]
                .mapValues { root.appendingPathComponent($0).path }
            // The endpoint is named here, not inherited: a run without it must fail on loopback,
            // never fall back to AWS itself.
            environment["AWS_ENDPOINT_URL_S3"] = try s3Endpoint ?? SeaweedFS.endpoint()
            environment["DISCOGS_API_URL"] = discogs.baseURL
            environment["DISCOGS_TOKEN"] = Self.discogsToken
            // alsa.conf first (it defines the plugins), the test config last so its default wins.
            environment["ALSA_CONFIG_PATH"] = "/usr/share/alsa/alsa.conf:\(alsaConfig)"
            environment["S3PLAY_TEST_ALSA_OUT"] = alsaOutput.path
            environment["DBUS_SESSION_BUS_ADDRESS"] = busAddress
            return environment
        }
    }

    @discardableResult
    func s3play(_ arguments: [String]) throws -> ChildProcessOutcome {
        let overrides = try environment.mapValues { Optional($0) }
            .merging(["S3PLAY_LIBRARY": nil, "DBUS_SESSION_BUS_ADDRESS": busAddress]) { $1 }
        let outcome = try ChildProcess.run(ChildProcess.builtProduct("s3play"), arguments, environment: overrides)
        guard outcome.status == 0 else {
            throw TestSupportError("s3play \(arguments.joined(separator: " ")) exited \(outcome.status): \(outcome.standardError)")
        }
        return outcome
    }

    func scan() throws {
        try s3play(["scan", "--library", library])
    }

    /// `s3play remote status --json`, decoded.
    func remoteStatus() throws -> [String: Any] {
        let text = try s3play(["remote", "status", "--json"]).standardOutput
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw TestSupportError("remote status is not a JSON object: \(text)")
        }
        return object
    }

    /// The player on the bucket, in a terminal of `columns` x `rows`. The shell reports the
    /// exit status ("exited N") on the restored screen after the player leaves.
    func startPlayer(columns: Int = 100, rows: Int = 30) throws -> TmuxSession {
        let binary = try ChildProcess.builtProduct("s3play").path
        let variables = try environment.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quoted($0.value))" }
        // The desktop's session bus is never inherited: a player under test must not show up
        // in the user's media widgets (MPRIS); `busAddress` names the test's own bus.
        let command = (["env", "-u", "S3PLAY_LIBRARY", "-u", "DBUS_SESSION_BUS_ADDRESS"] + variables + [Self.quoted(binary), "--library", Self.quoted(library)])
            .joined(separator: " ")
        let session = try TmuxSession(columns: columns, rows: rows,
                                      command: "\(command); echo \"exited $?\"; exec sleep 60")
        sessions.append(session)
        return session
    }

    /// Quits with `q` and waits for the shell's line.
    func quit(_ session: TmuxSession) throws {
        try session.sendKeys("q")
        try session.waitFor("the player to exit") { $0.contains("exited 0") }
    }

    private static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The player in tmux with ALSA writing into `card` (so each run really plays), on its first
    /// frame, with the sample library's first song queued through the remote.
    func startPlayerWithFirstSongQueued(on card: PacedSoundCard) throws -> TmuxSession {
        alsaOutput = card.path
        let session = try startPlayer()
        try session.waitFor("the artists") { $0.first?.hasPrefix("Artists (") == true }
        let key = try XCTUnwrap(SampleLibrary.keys().first)
        _ = try s3play(["remote", "add", "\(library)/\(key)"])
        return session
    }
}

/// Waits for something other than the screen (a file's size, the sound card's bytes), polling as
/// `TmuxSession.waitFor` does; throws with `what` when it does not come in time.
func waitUntil(_ what: String, timeout: Double = 10, _ condition: () throws -> Bool) throws {
    let deadline = Date().addingTimeInterval(timeout)
    while try !condition() {
        guard Date() < deadline else { throw TestSupportError("timed out waiting for \(what)") }
        usleep(20_000)
    }
}
