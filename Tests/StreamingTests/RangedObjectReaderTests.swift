import Foundation
import PlaybackCore
import S3
import S3Streaming
import TestSupport
import XCTest

/// The S3 reader against SeaweedFS through the fault proxy: what reaches the reader must be the
/// object byte for byte, whatever the network does, and the requests it makes are counted.
final class RangedObjectReaderTests: XCTestCase {
    static let object = (0..<(5 << 20) + 12_345).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 9) }
    private var bucket = ""
    private var proxy: HTTPFaultProxy!

    private func upload(plan: ProxyFaultPlan = ProxyFaultPlan(), name: String = #function) throws -> S3Client {
        let direct = try SeaweedFS.client()
        bucket = try SeaweedFS.makeBucket(direct, name: name)
        try direct.putObject(bucket: bucket, key: "song.mp3", body: Self.object)
        proxy = try HTTPFaultProxy(upstreamPort: SeaweedFS.port(), plan: plan)
        return S3Client(settings: try SeaweedFS.settings(endpoint: "http://127.0.0.1:\(proxy.port)"),
                        transport: SeaweedFS.transport, retryPolicy: S3RetryPolicy(random: { 0 }), sleep: { _ in })
    }

    override func tearDown() { proxy?.stop() }

    private func configuration(chunk: Int64 = 1 << 20, readAhead: Int64 = 2 << 20, stall: Double = 10) -> RangedObjectReaderConfiguration {
        var configuration = RangedObjectReaderConfiguration()
        configuration.chunkBytes = chunk
        configuration.readAheadBytes = readAhead
        configuration.stallTimeout = stall
        return configuration
    }

    private func readAll(_ reader: RangedObjectReader) throws -> [UInt8] {
        var bytes: [UInt8] = []
        while let piece = try reader.read(maxBytes: 64 << 10) { bytes += piece }
        return bytes
    }

    private var gets: [ProxiedExchange] { proxy.log.snapshot().exchanges.filter { $0.method == "GET" } }

    func testAFullReadFetchesEachByteOnceInChunkSizedRanges() throws {
        let client = try upload()
        let reader = RangedObjectReader(client: client, bucket: bucket, key: "song.mp3", configuration: configuration(),
                                        sleep: { _ in })
        XCTAssertTrue(try readAll(reader) == Self.object)
        XCTAssertEqual(reader.size, Int64(Self.object.count))
        let expectedRequests = (Self.object.count + (1 << 20) - 1) / (1 << 20)
        XCTAssertEqual(gets.count, expectedRequests)
        XCTAssertEqual(gets.first?.range, "bytes=0-1048575")
        let fetched = gets.reduce(0) { $0 + $1.responseBodyBytes }
        XCTAssertEqual(fetched, Self.object.count, "no byte fetched twice (target: at most 1.02x)")
    }

    func testConnectionResetsResumeFromTheExactByteOffset() throws {
        let client = try upload(plan: ProxyFaultPlan().resetAfterResponseBytes(300_000, times: 2))
        let reader = RangedObjectReader(client: client, bucket: bucket, key: "song.mp3", configuration: configuration(),
                                        sleep: { _ in })
        XCTAssertTrue(try readAll(reader) == Self.object, "the reader sees every byte once, in order")
        let cut = gets[0]
        XCTAssertEqual(cut.range, "bytes=0-1048575")
        XCTAssertLessThan(cut.responseBodyBytes, 300_000, "the proxy cut the first GET mid-body")
        let resumedAt = cut.responseBodyBytes
        XCTAssertEqual(gets[1].range, "bytes=\(resumedAt)-\(resumedAt + (1 << 20) - 1)",
                       "the next GET starts at the first byte the reader did not get")
        let fetched = gets.reduce(0) { $0 + $1.responseBodyBytes }
        XCTAssertLessThanOrEqual(Double(fetched), Double(Self.object.count) * 1.02)
    }

    func testAStallResumesWithANewRangeAfterTheStallTimeout() throws {
        let client = try upload(plan: ProxyFaultPlan().stallAfterResponseBytes(200_000, for: .seconds(4)))
        let reader = RangedObjectReader(client: client, bucket: bucket, key: "song.mp3",
                                        configuration: configuration(stall: 1), sleep: { _ in })
        XCTAssertTrue(try readAll(reader) == Self.object)
        XCTAssertEqual(gets[0].faults, [.stall])
        let resumedAt = gets[0].responseBodyBytes
        XCTAssertEqual(gets[1].range, "bytes=\(resumedAt)-\(resumedAt + (1 << 20) - 1)",
                       "the stalled GET was abandoned and a new one starts at the first missing byte")
    }

    func testA503OnTheFirstAttemptIsRetried() throws {
        let client = try upload(plan: ProxyFaultPlan().respondWithStatus(status: 503, code: "SlowDown", count: 1))
        let reader = RangedObjectReader(client: client, bucket: bucket, key: "song.mp3", configuration: configuration(),
                                        sleep: { _ in })
        XCTAssertTrue(try readAll(reader) == Self.object)
        XCTAssertEqual(gets.first?.status, 503)
        XCTAssertEqual(gets.count, 1 + (Self.object.count + (1 << 20) - 1) / (1 << 20))
    }

    func testAnObjectReplacedMidReadStopsWithChanged() throws {
        let client = try upload()
        let reader = RangedObjectReader(client: client, bucket: bucket, key: "song.mp3",
                                        configuration: configuration(readAhead: 1 << 20), sleep: { _ in })
        _ = try reader.read(maxBytes: 1_000)
        try SeaweedFS.client().putObject(bucket: bucket, key: "song.mp3", body: Array(Self.object.reversed()))
        XCTAssertThrowsError(try readAll(reader)) { error in
            XCTAssertEqual(error as? ByteSourceError, .changed("s3://\(bucket)/song.mp3"))
        }
    }

    func testClosingAfterAFewSecondsFetchesAtMostOneChunkPastTheReadAhead() throws {
        let client = try upload()
        let readAhead: Int64 = 1 << 20
        let reader = RangedObjectReader(client: client, bucket: bucket, key: "song.mp3",
                                        configuration: configuration(chunk: 256 << 10, readAhead: readAhead), sleep: { _ in })
        _ = try reader.read(maxBytes: 80_000)   // about 2 s of 320 kbps audio
        Thread.sleep(forTimeInterval: 0.5)
        reader.close()
        Thread.sleep(forTimeInterval: 0.3)
        let fetched = gets.reduce(0) { $0 + $1.responseBodyBytes }
        XCTAssertLessThanOrEqual(fetched, 80_000 + Int(readAhead) + (256 << 10))
    }

    func testSeeksInsideTheWindowCostNoRequestAndOutsideItOneRange() throws {
        let client = try upload()
        let reader = RangedObjectReader(client: client, bucket: bucket, key: "song.mp3",
                                        configuration: configuration(readAhead: 1 << 20), sleep: { _ in })
        _ = try reader.read(maxBytes: 100_000)
        while reader.bufferedBytesAhead < 900_000 { Thread.sleep(forTimeInterval: 0.01) }
        let before = gets.count
        reader.seek(to: 10)
        XCTAssertEqual(try reader.read(maxBytes: 100), Array(Self.object[10..<110]))
        reader.seek(to: 500_000)
        XCTAssertEqual(try reader.read(maxBytes: 100), Array(Self.object[500_000..<500_100]))
        XCTAssertEqual(gets.count, before, "both seeks landed inside the fetched window")
        reader.seek(to: 4_000_000)
        XCTAssertEqual(try reader.read(maxBytes: 100), Array(Self.object[4_000_000..<4_000_100]))
        XCTAssertTrue(gets.contains { $0.range == "bytes=4000000-5048575" }, "one new range from the seek target")
    }

    func testAZeroByteObjectIsAnEmptySource() throws {
        let direct = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(direct)
        try direct.putObject(bucket: bucket, key: "empty.mp3", body: [])
        let reader = RangedObjectReader(client: direct, bucket: bucket, key: "empty.mp3", sleep: { _ in })
        XCTAssertNil(try reader.read(maxBytes: 100))
        XCTAssertEqual(reader.size, 0)
    }

    func testAMissingKeyIsNotFound() throws {
        let direct = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(direct)
        let reader = RangedObjectReader(client: direct, bucket: bucket, key: "missing.mp3", sleep: { _ in })
        XCTAssertThrowsError(try reader.read(maxBytes: 100)) { error in
            XCTAssertEqual(error as? ByteSourceError, .notFound("s3://\(bucket)/missing.mp3"))
        }
    }
}

/// The one real-time stall test: the default 10 s stall timeout against a 15 s stall.
final class RangedObjectReaderRealTimeStallTests: XCTestCase {
    func testADefaultStallTimeoutRecoversFromAFifteenSecondStall() throws {
        let direct = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(direct)
        let object = Array(RangedObjectReaderTests.object.prefix(600_000))
        try direct.putObject(bucket: bucket, key: "song.mp3", body: object)
        let proxy = try HTTPFaultProxy(upstreamPort: SeaweedFS.port(),
                                       plan: ProxyFaultPlan().stallAfterResponseBytes(100_000, for: .seconds(15)))
        defer { proxy.stop() }
        let client = S3Client(settings: try SeaweedFS.settings(endpoint: "http://127.0.0.1:\(proxy.port)"),
                              transport: SeaweedFS.transport, sleep: { _ in })
        let reader = RangedObjectReader(client: client, bucket: bucket, key: "song.mp3", sleep: { _ in })
        let started = Date()
        var bytes: [UInt8] = []
        while let piece = try reader.read(maxBytes: 64 << 10) { bytes += piece }
        XCTAssertTrue(bytes == object)
        let waited = Date().timeIntervalSince(started)
        XCTAssertGreaterThanOrEqual(waited, 10, "the default stall timeout is 10 s")
        XCTAssertLessThan(waited, 15, "the reader did not wait the stall out")
    }
}
