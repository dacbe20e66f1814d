import Foundation
import Library
import XCTest

/// Catalog files named by endpoint, bucket and prefix (older names taken over), and buckets'
/// regions kept in the catalog (issue #18).
final class CatalogNamingAndRegionTests: CatalogTestCase {
    private func open(_ name: String, former: [String] = []) throws -> CatalogStore {
        let notices = notices
        return try CatalogStore.open(directory: directory, libraryLocation: name, formerLocations: former,
                                     location: { .file(path: $0) }, onNotice: { notices.append($0) })
    }

    func testTwoEndpointsWithTheSameBucketKeepTwoCatalogs() throws {
        let first = try open("http://127.0.0.1:8333 s3://music/")
        let second = try open("http://nas.local:9000 s3://music/")
        XCTAssertNotEqual(first.fileURL, second.fileURL)
        try first.apply(upserts: [song("One", by: "A", on: "B")], deletions: [])
        XCTAssertEqual(try second.counts().songs, 0)
        XCTAssertEqual(try first.counts().songs, 1)
    }

    func testACatalogNamedByTheOldRuleIsTakenOverOnceWithANotice() throws {
        let oldPath: String
        do {
            let old = try open("s3://music/")
            try old.apply(upserts: [song("One", by: "A", on: "B")], deletions: [])
            try old.markScanComplete(at: Date(timeIntervalSince1970: 1_700_000_000))
            oldPath = old.fileURL.path
        }
        let renamed = try open("http://127.0.0.1:8333 s3://music/", former: ["s3://music/"])
        XCTAssertEqual(try renamed.counts().songs, 1, "the user's catalog is kept")
        XCTAssertEqual(try renamed.lastCompleteScan(), Date(timeIntervalSince1970: 1_700_000_000))
        XCTAssertFalse(FileManager.default.fileExists(atPath: oldPath))
        XCTAssertEqual(notices.all.count, 1)
        XCTAssertTrue(notices.all[0].contains("is now \(renamed.fileURL.path)"), notices.all[0])

        // Once the new file exists, an old-named file (made since by an older s3play) is left alone.
        let again = try open("s3://music/")
        try again.apply(upserts: [song("Two", by: "A", on: "B")], deletions: [])
        let reopened = try open("http://127.0.0.1:8333 s3://music/", former: ["s3://music/"])
        XCTAssertEqual(try reopened.counts().songs, 1)
        XCTAssertEqual(notices.all.count, 1)
    }

    func testBucketRegionsSurviveAReopen() throws {
        do {
            let store = try openStore()
            XCTAssertEqual(try store.bucketRegions(), [:])
            try store.rememberRegion("eu-central-1", ofBucket: "music")
            try store.rememberRegion("us-west-2", ofBucket: "music")
            try store.rememberRegion("ap-southeast-2", ofBucket: "other")
        }
        XCTAssertEqual(try openStore().bucketRegions(), ["music": "us-west-2", "other": "ap-southeast-2"])
    }

    func testACatalogFromBeforeRegionsWereKeptGainsTheTable() throws {
        let path: String
        do {
            let store = try openStore()
            try store.apply(upserts: [song("One", by: "A", on: "B")], deletions: [])
            path = store.fileURL.path
        }
        // As an s3play from before this change left it.
        try sqlite(path, "DROP TABLE bucket_region; DELETE FROM grdb_migrations WHERE identifier = 'catalog-v1-bucket-region'")
        let store = try openStore()
        XCTAssertEqual(notices.all, [], "an older catalog is migrated, not moved aside")
        XCTAssertEqual(try store.counts().songs, 1)
        try store.rememberRegion("eu-west-3", ofBucket: "music")
        XCTAssertEqual(try store.bucketRegions(), ["music": "eu-west-3"])
    }

    /// Changes the file behind the store's back with the sqlite3 command-line tool.
    private func sqlite(_ path: String, _ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [path, sql]
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
    }
}
