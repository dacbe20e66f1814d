import Foundation
import TestSupport
import XCTest

/// Issue #14: a device that refuses the song's rate is opened through ALSA's `plug`, "and says
/// so once". The player opens a new output for every song the user picks (each Enter is an
/// engine run), so the notice is remembered for the process, not for the output: picking a
/// second 44.1 kHz song on a 48 kHz-only device says nothing new. Read from the player's error
/// log, where every notice goes, in a real terminal with a real (test) ALSA device.
final class PlugNoticeInPlayerTests: XCTestCase {
    private var home: FolderPlayerHome!

    override func setUpWithError() throws { home = try FolderPlayerHome() }
    override func tearDown() { home.close() }

    func testPickingTwo44kSongsOnA48kDeviceSaysThePlugNoticeOnce() throws {
        try TestRequirement.requireTool("sox")
        let device = try ALSAFixedRateDevice.make(rate: 48_000, in: home.root)
        let library = home.url("library/Takes")
        try FileManager.default.createDirectory(at: library, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: try LosslessTestFiles.url(.wav16x44), to: library.appendingPathComponent("01 first.wav"))
        try FileManager.default.copyItem(at: try LosslessTestFiles.url(.wav16x44), to: library.appendingPathComponent("02 second.wav"))
        try home.scan(library.deletingLastPathComponent())
        home.variables["ALSA_CONFIG_PATH"] = device.alsaConfigPath
        let session = try home.startPlayer(library: library.deletingLastPathComponent(),
                                           arguments: ["--output", "alsa:\(device.name)"])
        try session.waitFor("the two songs") { $0.first?.contains("Songs (2") == true }

        // Enter on the first song, then on the second: two engine runs, two outputs. The test
        // device takes frames as fast as they come, so each run is over in a moment: a run has
        // ended when the device holds more than before and the status is back to stopped.
        try session.sendKeys("l", "l", "Enter")
        try session.waitFor("the first run to end") { lines in
            !device.playedPCM().isEmpty && lines.contains { $0.hasPrefix("■ stopped") }
        }
        let afterFirst = device.playedPCM().count
        try session.sendKeys("j", "Enter")
        try session.waitFor("the second run to end") { lines in
            device.playedPCM().count > afterFirst && lines.contains { $0.hasPrefix("■ stopped") }
        }
        try session.sendKeys("q")
        try session.waitFor("the player to exit") { $0.contains("exited 0") }

        let log = (try? String(contentsOf: home.url("state/s3play/errors.log"), encoding: .utf8)) ?? ""
        let notices = log.split(separator: "\n").filter { $0.contains("playing through ALSA's plug") }
        XCTAssertEqual(notices.count, 1, "once for the process, not once a pick:\n\(log)")
        XCTAssertTrue(notices.first?.contains("ALSA \(device.name) does not take 44100 Hz stereo as it is") == true, log)
    }
}
