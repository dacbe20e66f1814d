import Foundation
import S3
import TestSupport
import XCTest

/// Keys that are hard to encode, ranged reads and ETag pinning against SeaweedFS.
final class S3ObjectIntegrationTests: XCTestCase {
    /// Every awkward key: spaces, + ~ % = & ? #, NFC and NFD forms of the same word (two
    /// different S3 keys), emoji, and a 1,024-byte key (S3's maximum).
    static let awkwardKeys: [String] = [
        "with space/and  two  spaces.mp3",
        "plus+sign+.mp3",
        "tilde~name~.mp3",
        "percent%20literal%.mp3",
        "equals=and&ampersand.mp3",
        "question?mark.mp3",
        "hash#tag.mp3",
        "Bj\u{00F6}rk/caf\u{00E9}.mp3",            // NFC
        "Bjo\u{0308}rk/cafe\u{0301}.mp3",          // NFD: the same text, different bytes
        "emoji 🎸🥁/song 🎵.mp3",
        "日本語/アルバム/曲.mp3",
        "Кириллица/Альбом/песня.mp3",
        "عربي/ألبوم/أغنية.mp3",
        "semi;colon,comma:colon@at!bang'quote(paren)*star$dollar.mp3",
        // S3's maximum key is 1,024 bytes; SeaweedFS also caps one path segment at 255 bytes
        // (KeyTooLongError), so the long key is made of several long segments.
        (0..<5).map { _ in String(repeating: "k", count: 200) }.joined(separator: "/") + "/" + "long-key-1024.mp3" + String(repeating: "x", count: 2),
    ]

    func testEveryAwkwardKeyRoundTripsThroughPutListAndRangedGets() throws {
        let client = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(client)
        XCTAssertEqual(Self.awkwardKeys.last?.utf8.count, 1_024)
        var bodies: [String: [UInt8]] = [:]
        for (index, key) in Self.awkwardKeys.enumerated() {
            bodies[key] = (0..<(300 + index)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ index) }
        }
        try SeaweedFS.putObjects(client, bucket: bucket, keys: Self.awkwardKeys) { bodies[$0]! }

        var listed: [String] = []
        try client.listObjects(bucket: bucket) { page in
            listed += page.objects.map(\.key)
            return true
        }
        XCTAssertEqual(listed.count, Self.awkwardKeys.count)
        XCTAssertEqual(Set(listed.map { Array($0.utf8) }), Set(Self.awkwardKeys.map { Array($0.utf8) }),
                       "keys come back byte for byte (NFC and NFD stay distinct)")

        for key in Self.awkwardKeys {
            let body = bodies[key]!
            let head = try client.headObject(bucket: bucket, key: key)
            XCTAssertEqual(head.size, Int64(body.count), key)
            let first = try client.getObjectBytes(bucket: bucket, key: key, range: .bounded(first: 0, last: 99))
            XCTAssertEqual(first, Array(body[0..<100]), key)
            let last = try client.getObjectBytes(bucket: bucket, key: key, range: .suffix(100))
            XCTAssertEqual(last, Array(body[(body.count - 100)...]), key)
        }
    }

    func testAwkwardKeysUploadedByTheAWSCLIAreListedAndReadByteForByte() throws {
        let client = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(client)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("s3play-awscli-\(UUID()).bin")
        let body = (0..<1_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        try Data(body).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let keys = ["plus+sign.mp3", "with space.mp3", "Bjo\u{0308}rk.mp3", "emoji 🎸.mp3", "q?h#p%a&e=.mp3"]
        for key in keys {
            try AWSCLI.run(["s3api", "put-object", "--bucket", bucket, "--key", key, "--body", file.path])
        }
        var listed: [String] = []
        try client.listObjects(bucket: bucket) { page in
            listed += page.objects.map(\.key)
            return true
        }
        XCTAssertEqual(Set(listed.map { Array($0.utf8) }), Set(keys.map { Array($0.utf8) }))
        for key in keys {
            XCTAssertEqual(try client.getObjectBytes(bucket: bucket, key: key, range: .bounded(first: 0, last: 99)),
                           Array(body[0..<100]), key)
            XCTAssertEqual(try client.getObjectBytes(bucket: bucket, key: key, range: .suffix(100)),
                           Array(body[900...]), key)
        }
    }

    func testRangedGetReportsTheWholeSizeAndTheOffsetItStartsAt() throws {
        let client = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(client)
        let body = (0..<10_000).map { UInt8(truncatingIfNeeded: $0) }
        try client.putObject(bucket: bucket, key: "a.mp3", body: body)
        let stream = try client.getObject(bucket: bucket, key: "a.mp3", range: .from(9_000))
        XCTAssertEqual(stream.firstByteOffset, 9_000)
        XCTAssertEqual(stream.length, 1_000)
        XCTAssertEqual(stream.attributes.size, 10_000)
        XCTAssertEqual(try stream.readAll(), Array(body[9_000...]))
    }

    func testIfMatchWithAStaleETagSaysTheObjectChanged() throws {
        let client = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(client)
        try client.putObject(bucket: bucket, key: "song.mp3", body: Array("version one".utf8))
        let etag = try client.headObject(bucket: bucket, key: "song.mp3").etag
        XCTAssertEqual(try client.getObjectBytes(bucket: bucket, key: "song.mp3", range: .bounded(first: 0, last: 6), ifMatch: etag),
                       Array("version".utf8))
        try client.putObject(bucket: bucket, key: "song.mp3", body: Array("version two!".utf8))
        XCTAssertThrowsError(try client.getObject(bucket: bucket, key: "song.mp3", range: .from(8), ifMatch: etag)) { error in
            XCTAssertEqual(error as? S3Error, .objectChanged(bucket: bucket, key: "song.mp3"))
        }
    }
}

/// The AWS CLI (pip `awscli`, installed by scripts/test) as an independent S3 client.
enum AWSCLI {
    static func run(_ arguments: [String]) throws {
        let outcome = try ChildProcess.run("/usr/bin/env", ["aws", "--endpoint-url", try SeaweedFS.endpoint(),
                                                            "--output", "json"] + arguments)
        guard outcome.status == 0 else {
            throw TestSupportError("aws \(arguments.joined(separator: " ")) failed: \(outcome.standardError)")
        }
    }
}
