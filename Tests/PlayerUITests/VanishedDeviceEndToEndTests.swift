import Foundation
import Remote
import TestSupport
import XCTest

/// Issue #12 §7: the sound device goes away mid-write (ALSA's file plugin writes into a pipe
/// whose reader closes). The player must not die by SIGPIPE with the screen unrestored and the
/// state unsaved: it says so on the message line, plays on silently, and quits cleanly.
final class VanishedDeviceEndToEndTests: XCTestCase {
    private var home: PlayerHome!
    private var card: PacedSoundCard?

    override func setUpWithError() throws {
        home = try PlayerHome()
        try home.scan()
    }

    override func tearDown() {
        card?.stop()
        home?.close()
    }

    func testAVanishedDeviceIsANoticeAndSilentPlayNotADeathBySIGPIPE() throws {
        let card = try PacedSoundCard(directory: home.root)
        self.card = card
        let session = try home.startPlayerWithFirstSongQueued(on: card)
        try home.s3play(["remote", "play"])
        try waitUntil("PCM at the card") { card.byteCount > PacedSoundCard.bytesPerSecond / 2 }

        card.stop()  // the pipe's only reader closes: the next write gets EPIPE (or SIGPIPE)
        self.card = nil
        let lines = try session.waitFor("the notice") { $0.joined(separator: "\n").contains("playing on silently") }
        XCTAssertTrue(lines.joined(separator: "\n").contains("audio output failed"), lines.joined(separator: "\n"))
        let elapsed = try XCTUnwrap(try home.remoteStatus()["elapsed"] as? Double)
        try waitUntil("the clock to go on") { (try self.home.remoteStatus()["elapsed"] as? Double ?? 0) >= elapsed + 1 }
        XCTAssertEqual(try home.remoteStatus()["state"] as? String, "playing")

        try home.quit(session)  // "exited 0": not 141 (SIGPIPE), the screen restored by the player
        XCTAssertTrue(FileManager.default.fileExists(atPath: home.stateFile.path), "the state was saved")
    }
}
