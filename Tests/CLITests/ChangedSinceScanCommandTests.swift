import Foundation
import S3
import TestSupport
import XCTest

/// `s3play play --album` from the catalog when one of its objects was replaced after the scan:
/// the real binary on SeaweedFS through the counting proxy. The catalog's ETag is not sent as
/// If-Match, so the new version plays; the user is told once, and not about the unchanged song.
final class ChangedSinceScanCommandTests: XCTestCase {
    private func homes() throws -> [String: String?] {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("s3play-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: root) }
        return ["XDG_CACHE_HOME": root.appendingPathComponent("cache").path,
                "XDG_CONFIG_HOME": root.appendingPathComponent("config").path,
                "DISCOGS_TOKEN": nil, "S3PLAY_LIBRARY": nil]
    }

    private func s3play(_ arguments: [String], _ environment: [String: String?]) throws -> ChildProcessOutcome {
        let outcome = try S3PlayProcess.run(arguments, environment: environment)
        XCTAssertEqual(outcome.status, 0, "s3play \(arguments.joined(separator: " ")): \(outcome.standardError)")
        return outcome
    }

    func testASongReplacedSinceTheScanPlaysItsNewBytesAndIsSaidOnce() throws {
        let client = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(client)
        try SampleLibrary.upload(to: client, bucket: bucket)
        let proxy = try HTTPFaultProxy(upstreamPort: SeaweedFS.port())
        defer { proxy.stop() }
        var environment = try homes().merging(["AWS_ENDPOINT_URL_S3": "http://127.0.0.1:\(proxy.port)"]) { $1 }
        let library = "s3://\(bucket)"
        _ = try s3play(["scan", "--library", library], environment)
        let listed = try s3play(["songs", "--json", "--library", library, "--album", "Белые Ночи"], environment).standardOutput
        let songs = try listed.split(separator: "\n").map { line in
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        XCTAssertEqual(songs.count, 2)
        let keys = try songs.map { try XCTUnwrap($0["key"] as? String) }
        let titles = try songs.map { try XCTUnwrap($0["title"] as? String) }

        // The first song's object now holds the second song's bytes: another size and ETag.
        let folder = try SampleLibrary.folder()
        let second = folder.appendingPathComponent(keys[1])
        try client.putObject(bucket: bucket, key: keys[0], body: Array(try Data(contentsOf: second)))

        let pcmFile = FileManager.default.temporaryDirectory.appendingPathComponent("s3play-changed-\(UUID().uuidString).raw")
        defer { try? FileManager.default.removeItem(at: pcmFile) }
        environment["S3PLAY_TEST_ALSA_OUT"] = pcmFile.path
        let mark = proxy.log.snapshot().requestCount
        let played = try s3play(["play", "--library", library, "--album", "Белые Ночи"], environment)

        let said = played.standardError.components(separatedBy: "changed since the last scan").count - 1
        XCTAssertEqual(said, 1, played.standardError)
        XCTAssertTrue(played.standardError.contains("\(titles[0]): changed since the last scan; it plays as it is now. Run `s3play scan` to refresh its details."),
                      played.standardError)
        XCTAssertFalse(played.standardError.contains("\(titles[1]): changed"), played.standardError)
        let reference = try TestAudioFiles.referencePCM(second)
        XCTAssertEqual(Array(try Data(contentsOf: pcmFile)), reference + reference, "the replaced song's current bytes, then the unchanged song")
        let gets = proxy.log.snapshot().exchanges[mark...].filter { $0.method == "GET" }
        XCTAssertFalse(gets.contains { $0.status == 412 }, "no If-Match with the catalog's ETag")
        let size = try Data(contentsOf: second).count
        XCTAssertEqual(gets.count, 2 * ((size + (1 << 20) - 1) >> 20), "1 MiB GETs, as for an unchanged object: \(gets.map(\.range))")
    }
}
