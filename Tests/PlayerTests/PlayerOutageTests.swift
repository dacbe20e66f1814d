import Foundation
import PlaybackCore
import Player
import TestAssertions
import TestSupport
import XCTest

/// Issue #12 §4 at the player: an unreachable source pauses the track where it is, shows why,
/// and never walks the queue; when the source is back the track goes on at the same sample.
/// (The S3 reader's side, with the fault proxy, is in StreamingTests/OutageTests.)
final class PlayerOutageTests: XCTestCase {
    func testAnOutageWaitsAtTheExactSampleShowsWhyAndNeverMovesTheQueue() throws {
        let gated = try TestAudioFiles.url(.cbr320).path
        let gate = OutageGate(cutAtByte: 200_000)
        let log = ErrorLog(fileURL: try temporaryDirectory(self).appendingPathComponent("errors.log"))
        let harness = PlayerHarness(wrapSource: { location, source in
            location == gated ? GatedSource(source, gate: gate) : source
        }, errorLog: log)
        let player = harness.player
        player.send(.enqueue([try item(.cbr320), try item(.mono22k), try item(.vbrLAME)], at: .end))
        player.send(.play)

        waitUntil("the track waits") { player.snapshot.state == .waiting }
        var snapshot = player.snapshot
        XCTAssertEqual(snapshot.currentIndex, 0)
        XCTAssertEqual(snapshot.waitingFor?.location, gated)
        XCTAssertEqual(snapshot.waitingFor?.reason, OutageGate.reason)
        XCTAssertEqual(snapshot.waitingFor?.summary, "waiting for \(gated) — retrying in 4 s")
        // However long it lasts, the queue stays: nothing failed, nothing else started.
        Thread.sleep(forTimeInterval: 1)
        snapshot = player.snapshot
        XCTAssertEqual(snapshot.state, .waiting)
        XCTAssertEqual(snapshot.currentIndex, 0)
        XCTAssertEqual(harness.startedTitles, ["cbr320"])
        XCTAssertFalse(harness.reported.contains { if case .trackFailed = $0 { true } else { false } })
        let waitingNotice = "Waiting for \(gated): \(OutageGate.reason). It plays on by itself when it can be reached."
        XCTAssertEqual(harness.notices, [waitingNotice])

        // Paused during the wait it says paused (and still why); resumed, it waits again.
        player.send(.pause)
        waitUntil("paused") { player.snapshot.state == .paused }
        XCTAssertNotNil(player.snapshot.waitingFor)
        player.send(.play)
        waitUntil("waiting again") { player.snapshot.state == .waiting }

        gate.open()
        harness.waitForQueueEnd()
        XCTAssertEqual(harness.startedTitles, ["cbr320", "mono22k", "vbrLAME"])
        XCTAssertNil(player.snapshot.waitingFor)
        let expected = try reference(.cbr320) + reference(.mono22k) + reference(.vbrLAME)
        XCTAssertTrue(harness.tally.pcmByRun == [expected], "one run, every sample once, in order")
        let logged = try String(contentsOf: log.fileURL, encoding: .utf8)
        XCTAssertTrue(logged.hasSuffix(" \(waitingNotice)\n"), logged)
    }
}

/// Opens and closes an outage for `GatedSource`s: while closed, bytes from `cutAtByte` on
/// cannot be read, as an S3 object whose endpoint refuses connections.
final class OutageGate: @unchecked Sendable {
    static let reason = "cannot reach http://127.0.0.1:9 (connection refused)"
    let cutAtByte: Int64
    private let closed = LockedBox(true)

    init(cutAtByte: Int64) { self.cutAtByte = cutAtByte }

    var isClosed: Bool { closed.value }
    func open() { closed.mutate { $0 = false } }
}

/// A real source behind an `OutageGate`: reads past the cut throw `.unavailable` while the gate
/// is closed, and `outage` says why, as the S3 reader does.
final class GatedSource: ByteSource, @unchecked Sendable {
    private let inner: ByteSource
    private let gate: OutageGate
    private let position = LockedBox<Int64>(0)

    init(_ inner: ByteSource, gate: OutageGate) {
        self.inner = inner
        self.gate = gate
    }

    var displayName: String { inner.displayName }
    var size: Int64? { inner.size }
    var bufferedBytesAhead: Int64 { gate.isClosed ? max(0, gate.cutAtByte - position.value) : inner.bufferedBytesAhead }
    var outage: ByteSourceOutage? {
        gate.isClosed ? ByteSourceOutage(reason: OutageGate.reason, retryInSeconds: 3.2) : nil
    }

    func read(maxBytes: Int) throws(ByteSourceError) -> [UInt8]? {
        let here = position.value
        var limit = maxBytes
        if gate.isClosed {
            guard here < gate.cutAtByte else { throw .unavailable(displayName, reason: OutageGate.reason) }
            limit = min(maxBytes, Int(gate.cutAtByte - here))
        }
        let bytes = try inner.read(maxBytes: limit)
        position.mutate { $0 += Int64(bytes?.count ?? 0) }
        return bytes
    }

    func seek(to offset: Int64) {
        position.mutate { $0 = offset }
        inner.seek(to: offset)
    }

    func close() { inner.close() }
}
