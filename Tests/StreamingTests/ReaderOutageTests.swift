import Foundation
import PlaybackCore
import S3
import S3Streaming
import TestSupport
import XCTest

/// Issue #12 §4 at the S3 reader, through the fault proxy: the endpoint refuses connections (the
/// proxy is stopped, then started again on the same port). The reader never gives up on it:
/// a read with nothing buffered says `.unavailable` at once (so the engine can wait and stay
/// responsive), and once the endpoint is back every byte arrives, once, in order.
final class ReaderOutageTests: XCTestCase {
    private let object = RangedObjectReaderTests.object

    private func bucketWithObject() throws -> String {
        let direct = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(direct, name: "outage")
        try direct.putObject(bucket: bucket, key: "song.mp3", body: object)
        return bucket
    }

    /// Three minutes of refusal on an injected clock that moves only by the reader's backoffs:
    /// within the grace after the buffer ran dry the backoff stays at most 4 s, after it 15 s;
    /// the track is never failed.
    func testAThreeMinuteRefusalIsRiddenOutAndEveryByteArrivesOnce() throws {
        let bucket = try bucketWithObject()
        let firstProxy = try HTTPFaultProxy(upstreamPort: SeaweedFS.port())
        let port = firstProxy.port
        let proxy = LockedBox<HTTPFaultProxy?>(firstProxy)
        defer { proxy.value?.stop() }
        let client = S3Client(settings: try SeaweedFS.settings(endpoint: "http://127.0.0.1:\(port)"),
                              transport: SeaweedFS.transport, retryPolicy: S3RetryPolicy(random: { 0 }), sleep: { _ in })
        let clock = LockedBox(0.0)
        let outageStart = LockedBox<Double?>(nil)
        let sawDry = LockedBox(false)
        let backoffs = LockedBox<[(at: Double, seconds: Double)]>([])
        var configuration = RangedObjectReaderConfiguration.playback
        configuration.chunkBytes = 256 << 10
        configuration.readAheadBytes = 512 << 10
        let reader = RangedObjectReader(
            client: client, bucket: bucket, key: "song.mp3", configuration: configuration,
            sleep: { seconds in
                // The outage's clock starts once the reader has run dry (as the grace does).
                while !sawDry.value { usleep(1_000) }
                clock.mutate { $0 += seconds }
                backoffs.mutate { $0.append((clock.value, seconds)) }
                if let start = outageStart.value, clock.value - start >= 180, proxy.value == nil {
                    proxy.mutate { $0 = try? HTTPFaultProxy(upstreamPort: SeaweedFS.port(), listenPort: port) }
                }
            },
            random: { 1 }, now: { clock.value })
        defer { reader.close() }

        var bytes: [UInt8] = []
        while bytes.count < 1 << 20, let piece = try reader.read(maxBytes: 64 << 10) { bytes += piece }
        proxy.value?.stop()
        proxy.mutate { $0 = nil }
        outageStart.mutate { $0 = clock.value }
        var unavailable = 0
        while true {
            do {
                guard let piece = try reader.read(maxBytes: 64 << 10) else { break }
                bytes += piece
            } catch .unavailable(let name, let reason) {
                unavailable += 1
                XCTAssertEqual(name, "s3://\(bucket)/song.mp3")
                XCTAssertTrue(reason.contains("127.0.0.1:\(port)"), reason)
                XCTAssertNotNil(reader.outage)
                sawDry.mutate { $0 = true }
                usleep(2_000)
            }
        }
        XCTAssertTrue(bytes == object, "every byte once, in order, after three minutes of refusal")
        XCTAssertGreaterThan(unavailable, 0, "the reader said it ran dry instead of blocking")
        XCTAssertNil(reader.outage)
        let start = try XCTUnwrap(outageStart.value)
        let waits = backoffs.value
        XCTAssertGreaterThanOrEqual(waits.last?.at ?? 0, start + 180)
        XCTAssertTrue(waits.filter { $0.at <= start + 60 }.allSatisfy { $0.seconds <= 4 }, "\(waits)")
        XCTAssertTrue(waits.contains { $0.seconds == 15 }, "after the grace the backoff grows to 15 s: \(waits)")
        XCTAssertLessThanOrEqual(waits.map(\.seconds).max() ?? 0, 15)
        XCTAssertLessThan(waits.count, 60, "a long outage is retried, not hammered")
    }

    /// The one real-time outage test: the player's configuration, the endpoint refuses for 8 s —
    /// longer than the old "5 attempts without progress" took to give up (about 3 s).
    func testThePlayersSettingsRideOutAnEightSecondRefusalInRealTime() throws {
        let bucket = try bucketWithObject()
        let firstProxy = try HTTPFaultProxy(upstreamPort: SeaweedFS.port())
        let port = firstProxy.port
        let client = S3Client(settings: try SeaweedFS.settings(endpoint: "http://127.0.0.1:\(port)"),
                              transport: SeaweedFS.transport)
        let reader = RangedObjectReader(client: client, bucket: bucket, key: "song.mp3", configuration: .playback)
        defer { reader.close() }
        var bytes: [UInt8] = []
        while bytes.count < 1 << 20, let piece = try reader.read(maxBytes: 64 << 10) { bytes += piece }
        firstProxy.stop()
        let restart = Date().addingTimeInterval(8)
        var secondProxy: HTTPFaultProxy?
        defer { secondProxy?.stop() }
        while true {
            if secondProxy == nil, Date() >= restart {
                secondProxy = try HTTPFaultProxy(upstreamPort: SeaweedFS.port(), listenPort: port)
            }
            do {
                guard let piece = try reader.read(maxBytes: 64 << 10) else { break }
                bytes += piece
            } catch .unavailable {
                usleep(50_000)
            }
        }
        XCTAssertNotNil(secondProxy, "the reader finished before the endpoint came back")
        XCTAssertTrue(bytes == object)
    }
}
