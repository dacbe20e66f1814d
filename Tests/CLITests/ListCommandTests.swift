import Foundation
import S3
import TestSupport
import XCTest

/// `s3play ls` end to end: the real binary against SeaweedFS.
final class ListCommandTests: XCTestCase {
    func testListsEveryKeyAcrossPagesInTheServersOrder() throws {
        let client = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(client)
        var keys: [String] = []
        for artist in 0..<12 {
            for song in 0..<110 { keys.append(String(format: "Artist %02d/Album/%03d song.mp3", artist, song)) }
        }
        keys += ["Björk/Homogenic/01 Hunter.mp3", "日本語/曲.mp3", "top+level file.mp3"]
        try SeaweedFS.putObjects(client, bucket: bucket, keys: keys)
        let expected = keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }

        for parallel in ["1", "6"] {
            let outcome = try S3PlayProcess.run(["ls", "--parallel", parallel, "s3://\(bucket)/"])
            XCTAssertEqual(outcome.status, 0, outcome.standardError)
            XCTAssertEqual(outcome.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init),
                           expected, "--parallel \(parallel)")
            XCTAssertEqual(outcome.standardError, "")
        }
        let underPrefix = try S3PlayProcess.run(["ls", "s3://\(bucket)/Artist 03/"])
        XCTAssertEqual(underPrefix.standardOutput.split(separator: "\n").count, 110)
    }

    func testJSONLinesCarryKeySizeETagLastModifiedAndStorageClass() throws {
        let client = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(client)
        try client.putObject(bucket: bucket, key: "a \"quoted\" key.mp3", body: Array(repeating: 7, count: 1_234))
        let outcome = try S3PlayProcess.run(["ls", "--json", "s3://\(bucket)"])
        XCTAssertEqual(outcome.status, 0, outcome.standardError)
        let lines = outcome.standardOutput.split(separator: "\n")
        XCTAssertEqual(lines.count, 1)
        let object = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        XCTAssertEqual(object?["key"] as? String, "a \"quoted\" key.mp3")
        XCTAssertEqual(object?["size"] as? Int, 1_234)
        let etag = try XCTUnwrap(object?["etag"] as? String)
        XCTAssertEqual(etag.count, 32, "an MD5 ETag without its quotes")
        XCTAssertEqual(object?["storageClass"] as? String, "STANDARD")
        XCTAssertNotNil(ISO8601DateFormatter().date(from: object?["lastModified"] as? String ?? ""))
        XCTAssertTrue(lines[0].hasPrefix("{\"key\":"), "fields keep their documented order")
    }

    func testMissingBucketIsOneLineOnStandardErrorAndExitStatusOne() throws {
        _ = try SeaweedFS.endpoint()
        let outcome = try S3PlayProcess.run(["ls", "s3://no-such-bucket-s3play-cli/"])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertEqual(outcome.standardOutput, "")
        XCTAssertEqual(outcome.standardError.filter { $0 == "\n" }.count, 1)
        XCTAssertTrue(outcome.standardError.hasPrefix("s3play: "), outcome.standardError)
        XCTAssertTrue(outcome.standardError.contains("no-such-bucket-s3play-cli"))
    }

    func testRejectedCredentialsNeverEchoTheSecret() throws {
        _ = try SeaweedFS.endpoint()
        let secret = "definitely-wrong-secret-value-1234567890abcd"
        let outcome = try S3PlayProcess.run(["ls", "s3://anything/"], environment: ["AWS_SECRET_ACCESS_KEY": secret])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertTrue(outcome.standardError.contains("credentials were rejected"), outcome.standardError)
        XCTAssertFalse(outcome.standardError.contains(secret))
        XCTAssertFalse(outcome.standardOutput.contains(secret))
    }

    func testMissingCredentialsSayWhereTheyWereLookedFor() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("s3play-empty-home-\(UUID())")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let outcome = try S3PlayProcess.run(["ls", "s3://music/"], environment: [
            "AWS_ACCESS_KEY_ID": nil, "AWS_SECRET_ACCESS_KEY": nil, "AWS_SESSION_TOKEN": nil, "AWS_PROFILE": nil,
            "AWS_SHARED_CREDENTIALS_FILE": nil, "AWS_CONFIG_FILE": nil, "HOME": home.path,
        ])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertEqual(outcome.standardError.filter { $0 == "\n" }.count, 1)
        XCTAssertTrue(outcome.standardError.contains("AWS_ACCESS_KEY_ID"), outcome.standardError)
    }

    func testAnAddressThatIsNotS3IsAUsageErrorWithTheFix() throws {
        let outcome = try S3PlayProcess.run(["ls", "music/Artist"])
        XCTAssertEqual(outcome.status, 64, "EX_USAGE")
        XCTAssertTrue(outcome.standardError.contains("s3://BUCKET"), outcome.standardError)
    }

    func testHelpExplainsUsageAndConfiguration() throws {
        let help = try S3PlayProcess.run(["--help"])
        XCTAssertEqual(help.status, 0)
        for word in ["ls", "AWS_ACCESS_KEY_ID", "AWS_PROFILE", "AWS_REGION", "AWS_ENDPOINT_URL_S3", "--endpoint-url"] {
            XCTAssertTrue(help.standardOutput.contains(word), "--help mentions \(word)")
        }
        let lsHelp = try S3PlayProcess.run(["help", "ls"])
        XCTAssertEqual(lsHelp.status, 0)
        for word in ["s3://BUCKET", "--json", "--parallel", "--endpoint-url", "--profile"] {
            XCTAssertTrue(lsHelp.standardOutput.contains(word), "help ls mentions \(word)")
        }
    }
}
