import Foundation
import PlaybackCore
import S3
import S3Streaming
import TestSupport
import XCTest

/// libopusfile and libvorbisfile read an Ogg file's last page at open (for the exact length)
/// and then seek back to the start: the reader serves that tail with a side GET and keeps its
/// window, so the open costs the tail's bytes once and the play fetches the object once.
final class TailSideReadTests: XCTestCase {
    private var bucket = ""
    private var proxy: HTTPFaultProxy!

    override func tearDown() { proxy?.stop() }

    private func upload(name: String = #function) throws -> S3Client {
        let direct = try SeaweedFS.client()
        bucket = try SeaweedFS.makeBucket(direct, name: name)
        try direct.putObject(bucket: bucket, key: "song.opus", body: RangedObjectReaderTests.object)
        proxy = try HTTPFaultProxy(upstreamPort: SeaweedFS.port(), plan: ProxyFaultPlan())
        return S3Client(settings: try SeaweedFS.settings(endpoint: "http://127.0.0.1:\(proxy.port)"),
                        transport: SeaweedFS.transport, retryPolicy: S3RetryPolicy(random: { 0 }), sleep: { _ in })
    }

    private var gets: [ProxiedExchange] { proxy.log.snapshot().exchanges.filter { $0.method == "GET" } }

    private func read(_ reader: RangedObjectReader, _ count: Int) throws -> [UInt8] {
        var bytes: [UInt8] = []
        while bytes.count < count, let piece = try reader.read(maxBytes: count - bytes.count) { bytes += piece }
        return bytes
    }

    func testReadingHeadThenTailThenHeadAgainFetchesEachByteOnce() throws {
        let client = try upload()
        let object = RangedObjectReaderTests.object
        var configuration = RangedObjectReaderConfiguration()
        configuration.chunkBytes = 1 << 20
        configuration.readAheadBytes = 2 << 20
        let reader = RangedObjectReader(client: client, bucket: bucket, key: "song.opus",
                                        configuration: configuration, sleep: { _ in })
        defer { reader.close() }
        XCTAssertTrue(try read(reader, 4_096) == Array(object[..<4_096]), "the head, as an Ogg open reads it")
        // As libopusfile and libvorbisfile do: SEEK_END for the length, then the last 64 KiB.
        reader.seek(to: Int64(object.count))
        XCTAssertNil(try reader.read(maxBytes: 100), "at the end itself: the end of the file, no request")
        let tailStart = object.count - (64 << 10)
        reader.seek(to: Int64(tailStart))
        XCTAssertTrue(try read(reader, 1 << 20) == Array(object[tailStart...]), "the last page's 64 KiB")
        XCTAssertNil(try reader.read(maxBytes: 100))
        reader.seek(to: 4_096)
        var rest: [UInt8] = []
        while let piece = try reader.read(maxBytes: 64 << 10) { rest += piece }
        XCTAssertTrue(rest == Array(object[4_096...]), "back at the head, then to the end")

        XCTAssertTrue(gets.contains { $0.range == "bytes=\(tailStart)-\(object.count - 1)" }, "one side GET of the tail")
        XCTAssertEqual(gets.first?.range, "bytes=0-1048575")
        XCTAssertEqual(gets.first?.responseBodyBytes, 1 << 20, "the first GET was not cancelled by the tail read")
        let fetched = gets.reduce(0) { $0 + $1.responseBodyBytes }
        XCTAssertEqual(fetched, object.count, "no byte fetched twice: the window took the tail the side GET brought")
        XCTAssertEqual(gets.count, (tailStart + (1 << 20) - 1) / (1 << 20) + 1, "chunks up to the tail, and the tail")
    }

    func testAFarSeekAfterATailReadMovesTheWindowAndReadsTheRightBytes() throws {
        let client = try upload()
        let object = RangedObjectReaderTests.object
        let reader = RangedObjectReader(client: client, bucket: bucket, key: "song.opus", sleep: { _ in })
        defer { reader.close() }
        _ = try read(reader, 1_000)
        reader.seek(to: Int64(object.count - 100))
        XCTAssertTrue(try read(reader, 100) == Array(object[(object.count - 100)...]))
        reader.seek(to: 3_000_000)
        XCTAssertTrue(try read(reader, 100_000) == Array(object[3_000_000..<3_100_000]))
        XCTAssertTrue(gets.contains { $0.range == "bytes=3000000-4048575" }, "a far seek still moves the window")
    }
}
