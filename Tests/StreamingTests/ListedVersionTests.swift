import Foundation
import PlaybackCore
import S3
import S3Streaming
import Synchronization
import TestSupport
import XCTest

/// A reader given what the scan listed (size and ETag) against SeaweedFS through the counting
/// proxy: the listing is never sent as If-Match, so an object replaced since the scan plays as it
/// is now, with one notice; an unchanged one says nothing; both cost the same requests.
final class ListedVersionTests: XCTestCase {
    private var bucket = ""
    private var proxy: HTTPFaultProxy!
    private let object = Array(RangedObjectReaderTests.object[..<(3 << 20)])

    override func tearDown() { proxy?.stop() }

    private func upload(name: String = #function) throws -> (S3Client, S3ObjectAttributes) {
        let direct = try SeaweedFS.client()
        bucket = try SeaweedFS.makeBucket(direct, name: name)
        try direct.putObject(bucket: bucket, key: "song.mp3", body: object)
        let attributes = try direct.headObject(bucket: bucket, key: "song.mp3")
        proxy = try HTTPFaultProxy(upstreamPort: SeaweedFS.port(), plan: ProxyFaultPlan())
        let client = S3Client(settings: try SeaweedFS.settings(endpoint: "http://127.0.0.1:\(proxy.port)"),
                              transport: SeaweedFS.transport, retryPolicy: S3RetryPolicy(random: { 0 }), sleep: { _ in })
        return (client, attributes)
    }

    private var gets: [ProxiedExchange] { proxy.log.snapshot().exchanges.filter { $0.method == "GET" } }

    /// Reads the whole object; the notices the reader gave, and how often it asked for one.
    private func play(_ client: S3Client, listedSize: Int64, listedETag: String) throws -> (bytes: [UInt8], notices: [String], asked: Int) {
        let asked = Atomic(0)
        let check = ListedVersionCheck(size: listedSize, etag: listedETag) {
            asked.add(1, ordering: .relaxed)
            return "song: changed since the last scan"
        }
        let reader = RangedObjectReader(client: client, bucket: bucket, key: "song.mp3", listed: check, sleep: { _ in })
        defer { reader.close() }
        var bytes: [UInt8] = []
        var notices: [String] = []
        while let piece = try reader.read(maxBytes: 64 << 10) {
            bytes += piece
            if let notice = reader.takeNotice() { notices.append(notice) }
        }
        if let notice = reader.takeNotice() { notices.append(notice) }
        return (bytes, notices, asked.load(ordering: .relaxed))
    }

    func testAnObjectReplacedSinceTheScanPlaysAsItIsNowAndSaysSoOnce() throws {
        let (client, now) = try upload()
        // The scan listed an older version: another size and ETag.
        let played = try play(client, listedSize: now.size + 1_000, listedETag: "\"0123456789abcdef0123456789abcdef\"")
        XCTAssertTrue(played.bytes == object, "the object's current bytes, whole")
        XCTAssertEqual(played.notices, ["song: changed since the last scan"])
        XCTAssertEqual(played.asked, 1)
        XCTAssertFalse(gets.contains { $0.status == 412 }, "the listing's ETag was not sent as If-Match")
        XCTAssertEqual(gets.count, 3, "1 MiB chunks, as without a listing")
    }

    func testOnlyTheETagChangedIsAChangeToo() throws {
        let (client, now) = try upload()
        let played = try play(client, listedSize: now.size, listedETag: "\"0123456789abcdef0123456789abcdef\"")
        XCTAssertTrue(played.bytes == object)
        XCTAssertEqual(played.notices.count, 1)
    }

    func testAnUnchangedObjectSaysNothing() throws {
        let (client, now) = try upload()
        // Quotes as the listing gives them, or without (some S3-compatible servers): the same version.
        for etag in [now.etag, now.etag.replacingOccurrences(of: "\"", with: "")] {
            let before = gets.count
            let played = try play(client, listedSize: now.size, listedETag: etag)
            XCTAssertTrue(played.bytes == object)
            XCTAssertEqual(played.notices, [], etag)
            XCTAssertEqual(played.asked, 0, etag)
            XCTAssertEqual(gets.count - before, 3, "the same requests as a changed object")
        }
    }
}
