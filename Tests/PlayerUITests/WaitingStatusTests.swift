import Foundation
import PlaybackCore
import Player
@testable import PlayerUI
import XCTest

/// Issue #12 §4 on the screen and the remote: a waiting track says what for, and a long error
/// is shown whole on the message line.
final class WaitingStatusTests: XCTestCase {
    func testAWaitingSnapshotIsWaitingInRemoteStatusWithTheWholeReason() {
        var snapshot = PlayerSnapshot()
        snapshot.state = .waiting
        snapshot.waitingFor = PlaybackWait(location: "s3://music/a.mp3", reason: "Could not reach http://127.0.0.1:9: refused",
                                           retryInSeconds: 3.2)
        let status = RemoteBridge.status(of: snapshot)
        XCTAssertEqual(status.state, .waiting)
        XCTAssertEqual(status.waiting, "waiting for s3://music/a.mp3 — retrying in 4 s: Could not reach http://127.0.0.1:9: refused")
        snapshot.waitingFor?.retryInSeconds = nil
        XCTAssertEqual(snapshot.waitingFor?.summary, "waiting for s3://music/a.mp3 — retrying now")
    }

    func testALongMessageWrapsIntoLinesThatKeepEveryCharacter() {
        let message = "Cannot play Hunter: s3://music/Björk/Homogenic/01 Hunter.mp3 cannot be reached for now: Could not reach http://127.0.0.1:9000: connection refused"
        let lines = StatusDrawing.wrap(message, width: 40)
        XCTAssertTrue(lines.allSatisfy { $0.count <= 40 }, "\(lines)")
        XCTAssertGreaterThan(lines.count, 3)
        // Breaks fall on spaces (dropped there) or inside a long word; nothing else is lost.
        XCTAssertEqual(lines.joined().filter { $0 != " " }, message.filter { $0 != " " })
        XCTAssertEqual(StatusDrawing.wrap("short", width: 40), ["short"])
    }
}
