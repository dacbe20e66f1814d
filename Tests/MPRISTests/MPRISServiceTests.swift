import DBus
import Foundation
@testable import MPRIS
import Player
import TestSupport
import Storage
import XCTest

/// The service on a private session bus: the name it claims, calls from playerctl reaching the
/// player's commands, signals for snapshot changes, and nothing left behind by `stop()`.
final class MPRISServiceTests: XCTestCase {
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

    private var bus: PrivateSessionBus!

    override func setUpWithError() throws {
        if let failure = Self.busFailure { throw failure }
        bus = try XCTUnwrap(Self.sharedBus)
    }

    private func waitUntil(_ what: String, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(10)
        while try !condition() {
            guard Date() < deadline else { throw TestSupportError("timed out waiting for \(what)") }
            usleep(20_000)
        }
    }

    private func configuration(processID: Int32 = 4242) -> MPRISService.Configuration {
        var configuration = MPRISService.Configuration(busAddress: bus.address)
        configuration.processID = processID
        return configuration
    }

    func testNameTakenGivesTheInstanceNameAndStopReleasesIt() throws {
        let other = try DBusConnection.connect(address: bus.address, timeoutMilliseconds: 5_000)
        defer { other.close() }
        XCTAssertTrue(try other.requestName("org.mpris.MediaPlayer2.s3play", timeoutMilliseconds: 5_000))
        let service = MPRISService(configuration: configuration(processID: 4242), player: RecordingControl())
        try waitUntil("the instance name") { service.busName == "org.mpris.MediaPlayer2.s3play.instance4242" }
        XCTAssertTrue(try bus.names().contains("org.mpris.MediaPlayer2.s3play.instance4242"))
        XCTAssertTrue(try bus.playerctl(["-l"]).standardOutput.contains("s3play.instance4242"))
        service.stop()
        XCTAssertNil(service.busName)
        try waitUntil("the name to go") { try !self.bus.names().contains("org.mpris.MediaPlayer2.s3play.instance4242") }
        service.stop()  // idempotent
    }

    func testPlayerctlCallsBecomePlayerCommandsAndChangesBecomeSignals() throws {
        let control = RecordingControl()
        var snapshot = PlayerSnapshot()
        snapshot.current = QueueEntry(id: QueueEntryID(3), item: QueueItem(title: "So What", artist: "Miles Davis",
                                                                           location: TrackLocation(.s3(bucket: "music", key: "so-what.mp3"))))
        snapshot.entries = [snapshot.current!]
        snapshot.state = .playing
        control.set(snapshot)
        let service = MPRISService(configuration: configuration(), player: control)
        defer { service.stop() }
        try waitUntil("the name") { service.busName == "org.mpris.MediaPlayer2.s3play" }

        let monitor = try bus.monitor("type='signal',path='/org/mpris/MediaPlayer2'")
        defer { monitor.stop() }
        for command in ["play-pause", "next", "previous", "stop"] {
            XCTAssertEqual(try bus.playerctl(["--player=s3play", command]).status, 0, command)
        }
        XCTAssertEqual(control.sent, [.togglePause, .next, .previous, .stop])
        XCTAssertEqual(try bus.playerctl(["--player=s3play", "metadata", "xesam:artist"]).standardOutput, "Miles Davis\n")

        snapshot.state = .paused
        snapshot.volumePercent = 70
        control.set(snapshot)
        try waitUntil("PropertiesChanged") {
            monitor.text.contains("member=PropertiesChanged") && monitor.text.contains("string \"Paused\"")
                && monitor.text.contains("double 0.7")
        }
        // The position is never in PropertiesChanged (MPRIS), nor is an unchanged property.
        XCTAssertFalse(monitor.text.contains("string \"Position\""), monitor.text)
        XCTAssertFalse(monitor.text.contains("string \"Metadata\""), monitor.text)
    }

    /// Everything the service opened is closed when `stop()` returns: descriptors at once, its
    /// thread once it has exited.
    func testStopLeavesNoDescriptorOrThread() throws {
        func count(_ folder: String) throws -> Int { try FileManager.default.contentsOfDirectory(atPath: folder).count }
        // A first round loads what stays for the process's life (libdbus' machine id, locale).
        let warmUp = MPRISService(configuration: configuration(), player: RecordingControl())
        try waitUntil("the first name") { warmUp.busName != nil }
        warmUp.stop()

        let descriptors = try count("/proc/self/fd")
        let threads = try count("/proc/self/task")
        for _ in 0..<5 {
            let service = MPRISService(configuration: configuration(), player: RecordingControl())
            try waitUntil("the name") { service.busName != nil }
            XCTAssertGreaterThan(try count("/proc/self/fd"), descriptors, "the connection's socket")
            service.stop()
            XCTAssertEqual(try count("/proc/self/fd"), descriptors)
        }
        try waitUntil("the threads to exit") { try count("/proc/self/task") <= threads }
    }

    /// A bus that goes away ends the service's thread and closes its connection; the player
    /// goes on, and `stop()` still returns.
    func testABusThatQuitsEndsTheService() throws {
        let ownBus = try PrivateSessionBus()
        var configuration = MPRISService.Configuration(busAddress: ownBus.address)
        configuration.processID = 1
        let service = MPRISService(configuration: configuration, player: RecordingControl())
        try waitUntil("the name") { service.busName != nil }
        ownBus.stop()
        try waitUntil("the service to notice") { service.busName == nil }
        service.stop()
    }

    /// A socket that takes the connection and never answers (a hung bus): the service gives up
    /// after its bus timeout, so `stop()`, and with it the player's quit, is not held (libdbus
    /// alone waited over 40 s here in a Hello with a 200 ms timeout).
    func testABusThatNeverAnswersDoesNotHoldStop() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("s3play-mute-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("bus").path
        let listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        XCTAssertGreaterThanOrEqual(listener, 0)
        defer { close(listener) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { bytes in
            for (index, byte) in path.utf8.enumerated() { bytes[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        XCTAssertEqual(bound, 0)
        XCTAssertEqual(listen(listener, 4), 0)  // connections complete in the backlog; nobody reads them

        var configuration = MPRISService.Configuration(busAddress: "unix:path=\(path)")
        configuration.busTimeoutMilliseconds = 200
        let service = MPRISService(configuration: configuration, player: RecordingControl())
        let stopped = LockedBox(false)
        Thread {
            service.stop()
            stopped.mutate { $0 = true }
        }.start()
        // Ten seconds: far above the 200 ms asked for.
        try waitUntil("stop() to return") { stopped.value }
        XCTAssertNil(service.busName)
    }

    func testAnAddressWithNoBusEndsTheServiceQuietly() throws {
        let service = MPRISService(configuration: MPRISService.Configuration(busAddress: "unix:path=/nonexistent/s3play-bus"),
                                   player: RecordingControl())
        service.stop()
        XCTAssertNil(service.busName)
        XCTAssertNil(MPRISService.Configuration(environment: [:]))
        XCTAssertNil(MPRISService.Configuration(environment: ["DBUS_SESSION_BUS_ADDRESS": ""]))
    }
}
