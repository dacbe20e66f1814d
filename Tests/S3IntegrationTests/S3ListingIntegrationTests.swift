import S3
import TestSupport
import XCTest

/// ListObjectsV2 against SeaweedFS: pagination, prefix and delimiter, and the parallel lister.
final class S3ListingIntegrationTests: XCTestCase {
    func testListingMoreThanOneThousandKeysFollowsContinuationTokensToTheLastKey() throws {
        let client = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(client)
        let keys = (0..<1_234).map { String(format: "song-%05d.mp3", $0) }
        try SeaweedFS.putObjects(client, bucket: bucket, keys: keys)

        var pages = 0
        var listed: [String] = []
        try client.listObjects(bucket: bucket) { page in
            pages += 1
            listed += page.objects.map(\.key)
            return true
        }
        XCTAssertEqual(pages, 2, "1,234 keys are two pages of at most 1,000")
        XCTAssertEqual(listed, keys)
    }

    func testPrefixAndDelimiterListOneFolderLevel() throws {
        let client = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(client)
        let keys = ["Artist A/Album 1/01 One.mp3", "Artist A/Album 1/02 Two.mp3", "Artist A/Album 2/01 Uno.mp3",
                    "Artist A/cover.jpg", "Artist B/Album/01 x.mp3", "loose.mp3"]
        try SeaweedFS.putObjects(client, bucket: bucket, keys: keys)

        let top = try client.listObjectsPage(bucket: bucket, delimiter: "/")
        XCTAssertEqual(top.commonPrefixes, ["Artist A/", "Artist B/"])
        XCTAssertEqual(top.objects.map(\.key), ["loose.mp3"])

        let artist = try client.listObjectsPage(bucket: bucket, prefix: "Artist A/", delimiter: "/")
        XCTAssertEqual(artist.commonPrefixes, ["Artist A/Album 1/", "Artist A/Album 2/"])
        XCTAssertEqual(artist.objects.map(\.key), ["Artist A/cover.jpg"])

        let album = try client.listObjectsPage(bucket: bucket, prefix: "Artist A/Album 1/")
        XCTAssertEqual(album.objects.map(\.key), ["Artist A/Album 1/01 One.mp3", "Artist A/Album 1/02 Two.mp3"])
        XCTAssertEqual(album.objects.map(\.size), [27, 27])
        XCTAssertTrue(album.objects.allSatisfy { $0.etag.hasPrefix("\"") && $0.etag.hasSuffix("\"") })
    }

    func testParallelListerDeliversExactlyTheSequentialListingInOrder() throws {
        let client = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(client)
        var keys: [String] = []
        for artist in 0..<23 {
            for song in 0..<(artist % 5 == 0 ? 120 : 7) {
                keys.append(String(format: "Artist %02d/Album/%03d.mp3", artist, song))
            }
            keys.append(String(format: "Artist %02d/", artist))  // a "folder marker" equal to a boundary
        }
        keys.append("zz-top-level.mp3")
        try SeaweedFS.putObjects(client, bucket: bucket, keys: keys)
        var sequential: [String] = []
        try client.listObjects(bucket: bucket) { page in
            sequential += page.objects.map(\.key)
            return true
        }
        XCTAssertEqual(Set(sequential), Set(keys))

        for ranges in [1, 2, 6, 40] {
            var parallel: [String] = []
            try S3ParallelLister(client: client, rangeCount: ranges).listAll(bucket: bucket, prefix: nil) {
                parallel += $0.map(\.key)
            }
            XCTAssertEqual(parallel, sequential, "\(ranges) ranges")
        }
        var underPrefix: [String] = []
        try S3ParallelLister(client: client, rangeCount: 4).listAll(bucket: bucket, prefix: "Artist 05/") {
            underPrefix += $0.map(\.key)
        }
        XCTAssertEqual(underPrefix, sequential.filter { $0.hasPrefix("Artist 05/") })
    }
}
