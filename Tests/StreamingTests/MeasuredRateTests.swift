import Foundation
import PlaybackCore
import S3
import S3Streaming
import TestSupport
import XCTest

/// The S3 reader's measured rate, which tells a seek whether reading forward to the exact frame
/// is cheap: whole GETs only, request to last byte.
final class MeasuredRateTests: XCTestCase {
    private func reader(object: [UInt8], plan: ProxyFaultPlan = ProxyFaultPlan(), readAhead: Int64,
                        now: (@Sendable () -> Double)? = nil, name: String = #function)
        throws -> (RangedObjectReader, HTTPFaultProxy) {
        let direct = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(direct, name: name)
        try direct.putObject(bucket: bucket, key: "song.mp3", body: object)
        let proxy = try HTTPFaultProxy(upstreamPort: SeaweedFS.port(), plan: plan)
        let client = S3Client(settings: try SeaweedFS.settings(endpoint: "http://127.0.0.1:\(proxy.port)"),
                              transport: SeaweedFS.transport, sleep: { _ in })
        var configuration = RangedObjectReaderConfiguration()
        configuration.readAheadBytes = readAhead
        let reader = if let now {
            RangedObjectReader(client: client, bucket: bucket, key: "song.mp3", configuration: configuration,
                               sleep: { _ in }, now: now)
        } else {
            RangedObjectReader(client: client, bucket: bucket, key: "song.mp3", configuration: configuration,
                               sleep: { _ in })
        }
        return (reader, proxy)
    }

    private func readAll(_ reader: RangedObjectReader) throws -> [UInt8] {
        var bytes: [UInt8] = []
        while let piece = try reader.read(maxBytes: 64 << 10) { bytes += piece }
        return bytes
    }

    func testTheRateIsUnknownUntilAWholeGETHasArrivedThenBytesOverItsDuration() throws {
        let object = Array(RangedObjectReaderTests.object.prefix((2 << 20) + 100_000))
        let clock = SteppingClock(step: 0.5)
        // The first GET pauses after 100,000 bytes: half of them read, it is surely under way.
        let (reader, proxy) = try reader(object: object,
                                         plan: ProxyFaultPlan().stallAfterResponseBytes(100_000, for: .milliseconds(500)),
                                         readAhead: 1, now: { clock.now() })
        defer { proxy.stop() }
        var bytes: [UInt8] = []
        while bytes.count < 50_000, let piece = try reader.read(maxBytes: 50_000 - bytes.count) { bytes += piece }
        XCTAssertNil(reader.sequentialBytesPerSecond, "nothing measured before the first GET ends")
        bytes += try readAll(reader)
        XCTAssertTrue(bytes == object)
        // Two whole 1 MiB GETs of 0.5 s each; the 100,000-byte tail is too short to count.
        XCTAssertEqual(reader.sequentialBytesPerSecond, Double(1 << 20) / 0.5)
        XCTAssertEqual(proxy.log.snapshot().exchanges.filter { $0.method == "GET" }.count, 3)
    }

    func testAGETCutShortIsNotMeasured() throws {
        let object = Array(RangedObjectReaderTests.object.prefix(1 << 20))
        let clock = SteppingClock(step: 0.25)
        let (reader, proxy) = try reader(object: object, plan: ProxyFaultPlan().resetAfterResponseBytes(700_000),
                                         readAhead: 1, now: { clock.now() })
        defer { proxy.stop() }
        XCTAssertTrue(try readAll(reader) == object)
        // The reset GET and the ~350 KB resumed tail: only the tail is whole and long enough.
        let gets = proxy.log.snapshot().exchanges.filter { $0.method == "GET" }
        XCTAssertEqual(gets.count, 2)
        let tail = try XCTUnwrap(gets.last).responseBodyBytes
        XCTAssertGreaterThanOrEqual(tail, 256 << 10)
        XCTAssertEqual(reader.sequentialBytesPerSecond, Double(tail) / 0.25)
    }

    /// The one real-time test: through a 4 MB/s cap the measured rate cannot exceed the cap
    /// by more than the proxy's first burst, and is not far below it on an idle loopback.
    func testThroughABandwidthCapTheRateMeasuredIsTheCap() throws {
        let cap = 4_000_000
        let object = Array(RangedObjectReaderTests.object.prefix(3 << 20))
        let (reader, proxy) = try reader(object: object, plan: ProxyFaultPlan().withBandwidthLimit(bytesPerSecond: cap),
                                         readAhead: 3 << 20)
        defer { proxy.stop() }
        XCTAssertTrue(try readAll(reader) == object)
        let rate = try XCTUnwrap(reader.sequentialBytesPerSecond)
        XCTAssertLessThan(rate, Double(cap) * 1.3)
        XCTAssertGreaterThan(rate, Double(cap) * 0.3)
    }
}
