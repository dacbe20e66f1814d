import Foundation
import Remote
import TestSupport
import XCTest

/// Issue #12 §2: every engine run closes what it opened. The player in tmux on the sample
/// bucket, ALSA's file plugin as its device (writing into a `PacedSoundCard`, so each run really
/// plays), is made to play and stop 200 times through the remote socket; its descriptors, threads
/// and resident memory, read from /proc, stay where they were. Before the fix each run left two
/// descriptors on the device (400 here) and about 110 KB.
final class RunCleanupEndToEndTests: XCTestCase {
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

    func testTwoHundredPlaysAndStopsThroughTheRemoteLeaveDescriptorsThreadsAndMemoryFlat() throws {
        let card = try PacedSoundCard(directory: home.root)
        self.card = card
        let session = try home.startPlayerWithFirstSongQueued(on: card)
        let remote = RemoteClient(location: RemoteSocketLocation(environment: try home.environment), timeoutSeconds: 5)
        let player = try XCTUnwrap(try playerProcessID(), "the player's process")

        // Ten rounds first: the first run loads ALSA's configuration, libcurl's connection, the
        // catalog pages the screen shows; those stay for the process's life and are not leaks.
        for _ in 0..<10 { try playAndStop(remote, card: card) }
        let before = try ProcessFootprint(pid: player)
        for _ in 0..<200 { try playAndStop(remote, card: card) }
        // A stopped run's fetch threads end once their request is cancelled: give them a moment.
        var after = try ProcessFootprint(pid: player)
        try waitUntil("the stopped runs' threads to exit") {
            after = try ProcessFootprint(pid: player)
            return after.threads <= before.threads + 2
        }
        XCTAssertLessThanOrEqual(after.descriptors, before.descriptors + 4, "descriptors: \(before) → \(after)")
        XCTAssertLessThanOrEqual(after.threads, before.threads + 2, "threads: \(before) → \(after)")
        XCTAssertLessThanOrEqual(after.residentKB, before.residentKB + 8 * 1024, "RSS: \(before) → \(after)")
        try home.quit(session)
    }

    /// `play`, until the card receives PCM of this run; then `stop`, until the status says so.
    private func playAndStop(_ remote: RemoteClient, card: PacedSoundCard) throws {
        let bytesBefore = card.byteCount
        XCTAssertEqual(try remote.send(.play), .done)
        try waitUntil("PCM of the new run") { card.byteCount > bytesBefore }
        XCTAssertEqual(try remote.send(.stop), .done)
        try waitUntil("the player to stop") {
            guard case .status(let status) = try remote.send(.status) else { return false }
            return status.state == .stopped
        }
    }

    /// The `s3play` whose environment names this home's state folder.
    private func playerProcessID() throws -> Int32? {
        let marker = "XDG_STATE_HOME=\(home.root.appendingPathComponent("state").path)"
        var found: Int32?
        try waitUntil("the player's process") {
            for entry in try FileManager.default.contentsOfDirectory(atPath: "/proc") {
                guard let pid = Int32(entry),
                      let command = try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8),
                      command.hasPrefix("s3play"),
                      let environ = FileManager.default.contents(atPath: "/proc/\(pid)/environ") else { continue }
                let variables = environ.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
                if variables.contains(marker) { found = pid }
            }
            return found != nil
        }
        return found
    }
}

/// What a process holds, from /proc: open descriptors, threads, resident memory.
struct ProcessFootprint: CustomStringConvertible {
    let descriptors: Int
    let threads: Int
    let residentKB: Int

    init(pid: Int32) throws {
        descriptors = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").count
        threads = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task").count
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        residentKB = Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }

    var description: String { "\(descriptors) fds, \(threads) threads, \(residentKB) KB resident" }
}
