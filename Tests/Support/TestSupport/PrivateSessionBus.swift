import Foundation

/// A session bus of the test's own: `dbus-daemon --nofork --print-address` on a socket in a
/// temporary folder, with a config written here (the session policy: own any name, send to
/// anyone, monitor), so MPRIS tests never touch the desktop's bus and run where there is none.
/// Also runs the clients the tests drive it with: playerctl, dbus-send and dbus-monitor.
public final class PrivateSessionBus: @unchecked Sendable {
    public let address: String
    private let folder: URL
    private let daemon: Process

    public init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("s3play-bus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let config = folder.appendingPathComponent("session.conf")
        try """
        <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
         "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
        <busconfig>
          <type>session</type>
          <listen>unix:path=\(folder.appendingPathComponent("bus").path)</listen>
          <auth>EXTERNAL</auth>
          <policy context="default">
            <allow send_destination="*" eavesdrop="true"/>
            <allow eavesdrop="true"/>
            <allow own="*"/>
          </policy>
        </busconfig>
        """.write(to: config, atomically: true, encoding: .utf8)
        daemon = Process()
        daemon.executableURL = URL(fileURLWithPath: "/usr/bin/dbus-daemon")
        daemon.arguments = ["--config-file=\(config.path)", "--nofork", "--print-address"]
        let output = Pipe()
        daemon.standardOutput = output
        daemon.standardError = FileHandle.nullDevice
        try daemon.run()
        var firstLine = Data()
        while !firstLine.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            firstLine += chunk
        }
        let line = String(decoding: firstLine, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard line.hasPrefix("unix:") else {
            daemon.terminate()
            throw TestSupportError("dbus-daemon printed no address (is the dbus package installed?): \(line)")
        }
        address = line
    }

    /// Ends the daemon and removes its folder.
    public func stop() {
        if daemon.isRunning {
            daemon.terminate()
            daemon.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: folder)
    }

    /// `playerctl ARGUMENTS` on this bus.
    public func playerctl(_ arguments: [String]) throws -> ChildProcessOutcome {
        try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/playerctl"), arguments,
                             environment: ["DBUS_SESSION_BUS_ADDRESS": address])
    }

    /// The names on the bus (org.freedesktop.DBus.ListNames through dbus-send).
    public func names() throws -> [String] {
        // --session with the address in the environment: `--address` alone skips Hello, and
        // the bus refuses an unregistered client's calls.
        let outcome = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/dbus-send"), [
            "--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus",
            "org.freedesktop.DBus.ListNames",
        ], environment: ["DBUS_SESSION_BUS_ADDRESS": address])
        guard outcome.status == 0 else { throw TestSupportError("dbus-send ListNames: \(outcome.standardError)") }
        return outcome.standardOutput.split(separator: "\n").compactMap { line in
            let text = line.trimmingCharacters(in: .whitespaces)
            guard text.hasPrefix("string \"") else { return nil }
            return String(text.dropFirst("string \"".count).dropLast())
        }
    }

    /// `dbus-monitor` on this bus with one match rule, collecting what it prints until stopped.
    public func monitor(_ rule: String) throws -> BusMonitor {
        try BusMonitor(address: address, rule: rule)
    }
}

public final class BusMonitor: @unchecked Sendable {
    private let process = Process()
    private let received = LockedBox("")
    private let finished = DispatchSemaphore(value: 0)

    init(address: String, rule: String) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/dbus-monitor")
        process.arguments = ["--address", address, rule]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread { [received, finished] in
            while case let chunk = output.fileHandleForReading.availableData, !chunk.isEmpty {
                received.mutate { $0 += String(decoding: chunk, as: UTF8.self) }
            }
            finished.signal()
        }.start()
        // A monitor gives up its own name once the bus made it one (BecomeMonitor): from the
        // NameLost it is shown on, every matching message reaches it.
        let deadline = Date().addingTimeInterval(10)
        while !received.value.contains("member=NameLost") {
            guard Date() < deadline, process.isRunning else {
                stop()
                throw TestSupportError("dbus-monitor did not start: \(received.value)")
            }
            usleep(20_000)
        }
    }

    /// Everything printed so far.
    public var text: String { received.value }

    public func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        finished.wait()
    }
}
