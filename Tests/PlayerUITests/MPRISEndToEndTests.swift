import Foundation
import TestSupport
import XCTest

/// MPRIS (issue #17) as a desktop uses it: `s3play` in tmux on the sample bucket, on a private
/// session bus (`dbus-daemon`, one per class), driven with `playerctl` and watched with
/// `dbus-monitor`; what the player did is read from `remote status --json` and the screen.
final class MPRISEndToEndTests: XCTestCase {
    nonisolated(unsafe) private static var sharedBus: PrivateSessionBus?
    nonisolated(unsafe) private static var busFailure: Error?

    override class func setUp() {
        super.setUp()
        do { sharedBus = try PrivateSessionBus() } catch { busFailure = error }
    }

    override class func tearDown() {
        sharedBus?.stop()
        sharedBus = nil
        super.tearDown()
    }

    private var home: PlayerHome!
    private var card: PacedSoundCard?
    private var monitor: BusMonitor?
    private var bus: PrivateSessionBus!

    override func setUpWithError() throws {
        if let failure = Self.busFailure { throw failure }
        bus = try XCTUnwrap(Self.sharedBus)
        home = try PlayerHome()
        try home.scan()
    }

    override func tearDown() {
        monitor?.stop()
        card?.stop()
        home?.close()
    }

    private func playerctl(_ arguments: String...) throws -> String {
        let outcome = try bus.playerctl(["--player=s3play"] + arguments)
        guard outcome.status == 0 else {
            throw TestSupportError("playerctl \(arguments.joined(separator: " ")) exited \(outcome.status): \(outcome.standardError)")
        }
        return outcome.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func waitForRemote(_ what: String, _ condition: @escaping ([String: Any]) -> Bool) throws -> [String: Any] {
        var last: [String: Any] = [:]
        try waitUntil(what) {
            last = try home.remoteStatus()
            return condition(last)
        }
        return last
    }

    /// play-pause, next, previous, position, volume, stop and metadata through playerctl, each
    /// seen in the player, and the PropertiesChanged and Seeked signals they cause on the bus.
    func testPlayerctlDrivesThePlayerAndReadsItsMetadata() throws {
        let card = try PacedSoundCard(directory: home.root)
        self.card = card
        home.alsaOutput = card.path
        home.busAddress = bus.address
        let session = try home.startPlayer()
        try session.waitFor("the artists") { $0.first?.hasPrefix("Artists (") == true }
        let keys = Array(try SampleLibrary.keys().prefix(2))
        for key in keys { try home.s3play(["remote", "add", "\(home.library)/\(key)"]) }
        try waitUntil("the name on the bus") { try self.bus.names().contains("org.mpris.MediaPlayer2.s3play") }

        // Started by MPRIS' Play: the queue's first entry plays.
        XCTAssertEqual(try playerctl("status"), "Stopped")
        _ = try playerctl("play")
        var status = try waitForRemote("playing, a second in") {
            $0["state"] as? String == "playing" && ($0["elapsed"] as? Double ?? 0) >= 1
        }
        XCTAssertEqual(try playerctl("status"), "Playing")
        let first = try XCTUnwrap(status["title"] as? String)
        let fields = try playerctl("metadata", "--format",
                                   "{{xesam:title}}|{{xesam:artist}}|{{xesam:album}}|{{mpris:length}}|{{xesam:url}}|{{mpris:trackid}}")
            .components(separatedBy: "|")
        XCTAssertEqual(fields.count, 6, "\(fields)")
        XCTAssertEqual(fields[0], first)
        XCTAssertEqual(fields[1], status["artist"] as? String)
        XCTAssertEqual(fields[2], status["album"] as? String)
        let duration = try XCTUnwrap(status["duration"] as? Double)
        XCTAssertEqual(Int64(fields[3]), Int64((duration * 1_000_000).rounded()), "mpris:length in µs")
        XCTAssertEqual(fields[4], "\(home.library)/\(keys[0])")
        // playerctl prints an object path in GVariant's text form, quoted.
        XCTAssertTrue(fields[5].hasPrefix("'/org/s3play/track/"), fields[5])

        // From here every signal the player's object sends is kept.
        let monitor = try bus.monitor("type='signal',path='/org/mpris/MediaPlayer2'")
        self.monitor = monitor

        _ = try playerctl("play-pause")
        _ = try waitForRemote("paused") { $0["state"] as? String == "paused" }
        try session.waitFor("the status bar to say paused") { PlayerScreenCapture($0).isPaused }
        XCTAssertEqual(try playerctl("status"), "Paused")
        try waitUntil("PropertiesChanged with Paused") {
            monitor.text.contains("string \"PlaybackStatus\"") && monitor.text.contains("string \"Paused\"")
        }
        _ = try playerctl("play-pause")
        _ = try waitForRemote("playing again") { $0["state"] as? String == "playing" }

        _ = try playerctl("next")
        status = try waitForRemote("the second entry") { $0["queue_position"] as? Int == 2 }
        let second = try XCTUnwrap(status["title"] as? String)
        XCTAssertEqual(try playerctl("metadata", "xesam:title"), second)
        try waitUntil("PropertiesChanged with the second title") { monitor.text.contains("string \"\(second)\"") }

        _ = try playerctl("previous")
        status = try waitForRemote("the first entry again") { $0["queue_position"] as? Int == 1 }
        XCTAssertEqual(status["title"] as? String, first)

        _ = try playerctl("volume", "0.4")
        _ = try waitForRemote("volume 40") { $0["volume"] as? Int == 40 }
        XCTAssertEqual(Double(try playerctl("volume")) ?? -1, 0.4, accuracy: 0.0001)
        try waitUntil("PropertiesChanged with the volume") { monitor.text.contains("double 0.4") }

        // SetPosition on the current track: the player jumps there, and says so with Seeked.
        _ = try playerctl("position", "6")
        status = try waitForRemote("the jump to 6 s") { ($0["elapsed"] as? Double ?? 0) >= 6 }
        XCTAssertEqual(status["queue_position"] as? Int, 1)
        try waitUntil("Seeked") { monitor.text.contains("member=Seeked") }

        _ = try playerctl("stop")
        _ = try waitForRemote("stopped") { $0["state"] as? String == "stopped" }
        XCTAssertEqual(try playerctl("status"), "Stopped")

        // Quitting closes the connection: the bus drops the name.
        try home.quit(session)
        try waitUntil("the name to go") { try !self.bus.names().contains { $0.hasPrefix("org.mpris.MediaPlayer2.") } }
    }

    /// No session bus (none set, one that is not there, an address libdbus cannot read): the player starts and quits as
    /// always and says nothing about D-Bus, on its screen or after it.
    func testWithoutABusThePlayerStartsAndSaysNothingAboutIt() throws {
        for address in [nil, "unix:path=\(home.root.path)/no-bus-here", "not-an-address"] {
            home.busAddress = address
            let session = try home.startPlayer()
            let screen = try session.waitFor("the artists") { $0.first?.hasPrefix("Artists (") == true }
            try home.quit(session)
            let after = try session.screen()
            for text in [screen.joined(separator: "\n"), after.joined(separator: "\n")] {
                for word in ["D-Bus", "dbus", "MPRIS", "session bus", "org.freedesktop"] {
                    XCTAssertFalse(text.localizedCaseInsensitiveContains(word), "\(address ?? "no bus"): \(word) in\n\(text)")
                }
            }
        }
    }

    /// `[mpris] enabled = false`: a bus is there, the player plays, and no MPRIS name appears.
    func testConfigTurnsMPRISOff() throws {
        let config = home.root.appendingPathComponent("config/s3play")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try "[mpris]\nenabled = false\n".write(to: config.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        let card = try PacedSoundCard(directory: home.root)
        self.card = card
        home.alsaOutput = card.path
        home.busAddress = bus.address
        let session = try home.startPlayer()
        try session.waitFor("the artists") { $0.first?.hasPrefix("Artists (") == true }
        let key = try XCTUnwrap(try SampleLibrary.keys().first)
        try home.s3play(["remote", "add", "\(home.library)/\(key)"])
        try home.s3play(["remote", "play"])
        _ = try waitForRemote("playing") { $0["state"] as? String == "playing" }
        // The service would have claimed its name before the player took its first command.
        XCTAssertEqual(try bus.names().filter { $0.hasPrefix("org.mpris.") }, [])
        XCTAssertEqual(try bus.playerctl(["-l"]).standardOutput, "")
        try home.quit(session)
    }
}
