import Foundation
import HTTPTransport
import TestSupport
import XCTest

/// The one real-time check of the minimum transfer rate: the default configuration (1 KiB/s over
/// 20 s) against a server that really sends one byte a second. The other tests shorten the window.
final class MinimumRateRealTimeTests: XCTestCase {
    func testOneByteASecondIsCutOffByTheDefaultMinimumRate() throws {
        try TestRequirement.requireTime(20, for: "the default 20 s minimum-rate window in real time")
        let standIn = try HostileS3StandIn(objects: ["song.mp3": Array(repeating: 7, count: 100_000)],
                                           slowByteInterval: .seconds(1))
        defer { standIn.stop() }
        let transport = try CurlTransport()
        defer { transport.shutdown() }
        let response = try transport.send(HTTPRequest(url: "\(standIn.endpoint)/one-byte-per-interval/song.mp3",
                                                      headers: [("Range", "bytes=0-99999")]))
        XCTAssertEqual(response.status, 206)
        let started = ProcessInfo.processInfo.systemUptime
        XCTAssertThrowsError(try response.readAll()) { error in
            guard case HTTPTransportError.timedOut(let reason) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("below 1024 bytes/s"), reason)
        }
        let elapsed = ProcessInfo.processInfo.systemUptime - started
        // Bounds, not a timing assertion: cut off after one 20 s window, well before the 100,000 s
        // the body would take (and before a second window ends).
        XCTAssertGreaterThanOrEqual(elapsed, 19)
        XCTAssertLessThan(elapsed, 41)
    }
}
