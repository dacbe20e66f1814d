import Foundation
import PlaybackCore
import S3
import Storage
import TestSupport
import XCTest

/// `ByteSourceOpener` with a catalog's typed location on SeaweedFS: an object replaced since the
/// scan still opens and plays its current bytes, and the line about it comes once a process,
/// however often the song is played again.
final class ByteSourceOpenerTests: XCTestCase {
    private func read(_ source: ByteSource, _ count: Int) throws -> [UInt8] {
        var bytes: [UInt8] = []
        while bytes.count < count, let piece = try source.read(maxBytes: count - bytes.count) { bytes += piece }
        return bytes
    }

    func testAChangedObjectIsSaidOnceAProcessAndAnUnchangedOneNever() throws {
        let client = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(client)
        let body = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try client.putObject(bucket: bucket, key: "a.mp3", body: body)
        let now = try client.headObject(bucket: bucket, key: "a.mp3")
        let stale = TrackLocation(.s3(bucket: bucket, key: "a.mp3"), listed: ListedVersion(size: 99, etag: "\"old\""))
        let current = TrackLocation(.s3(bucket: bucket, key: "a.mp3"), listed: ListedVersion(size: now.size, etag: now.etag))

        let opener = ByteSourceOpener(client: client)
        var notices: [String?] = []
        for _ in 0..<3 {
            let source = try opener.open(stale, title: "Björk - Hunter")
            defer { source.close() }
            XCTAssertTrue(try read(source, body.count) == body, "the object as it is now")
            notices.append(source.takeNotice())
        }
        XCTAssertEqual(notices, ["Björk - Hunter: changed since the last scan; it plays as it is now. Run `s3play scan` to refresh its details.",
                                 nil, nil])

        let fresh = ByteSourceOpener(client: client)
        let source = try fresh.open(current, title: "Björk - Hunter")
        defer { source.close() }
        XCTAssertTrue(try read(source, body.count) == body)
        XCTAssertNil(source.takeNotice(), "an unchanged object says nothing")
    }
}
