@testable import Library
import Foundation
import S3
import Storage
import TestSupport
import XCTest

/// Issue #16: tag reads start with the listing's first page instead of after the whole listing,
/// and the reads in flight grow past their start while the server never says to slow down.
final class ScanOverlapTests: XCTestCase {
    private func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("s3play-overlap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        return directory
    }

    private func store(for source: any StorageSource) throws -> CatalogStore {
        try CatalogStore.open(directory: try temporaryDirectory(), libraryLocation: source.locationDescription,
                              location: { [source] in source.storageLocation(forKey: $0) }, onNotice: { _ in })
    }

    func testReadsOfTheFirstListingPageStartBeforeTheListingHasFinished() throws {
        // Pages of 4: the stand-in holds pages 2–4 until a read of a page-1 object began.
        let source = ListingHoldingSource(try LocalFolderSource(path: try SampleLibrary.folder().path),
                                          pageSize: 4, readsToRelease: 1)
        let store = try store(for: source)
        let report = try CatalogScanner(source: source, store: store).scan()

        XCTAssertEqual(source.heldPageReleasedByReads, true, "a read began while page 2 was still held")
        XCTAssertGreaterThanOrEqual(report.readsStartedWhileListing, 1)
        XCTAssertFalse(report.interrupted)
        XCTAssertEqual(report.objectsListed, SampleLibrary.songCount)
        XCTAssertEqual(try store.counts().songs, SampleLibrary.songCount)
        XCTAssertEqual(Set(source.objectsRead).count, SampleLibrary.songCount, "each object read once")
        XCTAssertEqual(source.objectsRead.count, SampleLibrary.songCount)
        XCTAssertNotNil(try store.lastCompleteScan())
    }

    func testReadsInFlightGrowPastTheStartUpToTheCeilingWhenNothingThrottles() throws {
        let source = ListingHoldingSource(try LocalFolderSource(path: try SampleLibrary.folder().path), readsToRelease: 0)
        var configuration = CatalogScanner.Configuration()
        configuration.startingParallelReads = 1
        configuration.parallelReads = 3
        let store = try store(for: source)
        let report = try CatalogScanner(source: source, store: store, configuration: configuration).scan()

        // 1 → 2 after 1 success, 2 → 3 after 2 more; 16 objects are enough to reach 3.
        XCTAssertEqual(report.lowestParallelReads, 1, "never throttled: it never went below the start")
        XCTAssertEqual(report.highestParallelReads, 3, "grew to the ceiling and not past it")
        XCTAssertLessThanOrEqual(source.mostReadsInFlight, 3)
        XCTAssertEqual(try store.counts().songs, SampleLibrary.songCount)
    }

    func testTheLimitGrowsByOneAfterARunOfSuccessesAndStopsAtTheCeiling() {
        let limit = AdaptiveReadLimit(start: 32, ceiling: 128)
        func succeed(_ times: Int) {
            for _ in 0..<times {
                XCTAssertTrue(limit.acquire(isCancelled: { false }))
                limit.release(throttled: false)
            }
        }
        succeed(31)
        XCTAssertEqual(limit.currentLimit, 32)
        succeed(1)
        XCTAssertEqual(limit.currentLimit, 33, "32 successes in a row at 32: one more")
        // From 33 to 128: 33 + 34 + … + 127 successes = 7,600.
        succeed(7_600)
        XCTAssertEqual(limit.currentLimit, 128)
        succeed(1_000)
        XCTAssertEqual(limit.currentLimit, 128, "never past the ceiling")
        XCTAssertEqual(limit.highestLimit, 128)
        XCTAssertTrue(limit.acquire(isCancelled: { false }))
        limit.release(throttled: true)
        XCTAssertEqual(limit.currentLimit, 64, "a slow-down halves it")
        XCTAssertEqual(limit.lowestLimit, 32, "the lowest is still the start")
        XCTAssertEqual(AdaptiveReadLimit(start: 32, ceiling: 4).currentLimit, 4, "the start never above the ceiling")
    }

    func testCtrlCDuringAnS3ListingEndsItAfterThePageInHandKeepsWhatWasReadAndTheNextScanResumes() throws {
        let direct = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(direct, name: "ctrlclisting")
        // 1,100 objects: two ListObjectsV2 pages (1,000 keys a page). The first 16 KiB of a CBR
        // MP3 is still MPEG audio, cheap to upload 1,100 times.
        let body = [UInt8](try Data(contentsOf: TestAudioFiles.url(.cbr320)).prefix(16_384))
        let count = 1_100
        try SeaweedFS.putObjects(direct, bucket: bucket, keys: (1...count).map { String(format: "Artist/Album/%04d Song.mp3", $0) },
                                 body: { _ in body })
        let proxy = try HTTPFaultProxy(upstreamPort: SeaweedFS.port(), plan: ProxyFaultPlan())
        addTeardownBlock { proxy.stop() }
        let client = try SeaweedFS.client(endpoint: "http://127.0.0.1:\(proxy.port)")
        let s3 = S3StorageSource(client: client, location: S3Location(bucket: bucket, path: ""))
        // Ctrl-C once 5 reads of page 1 have begun, while the stand-in still holds the listing
        // after that page: the S3 lister must see it before asking for page 2.
        let source = ListingHoldingSource(s3, readsToRelease: 5)
        let store = try store(for: source)
        let first = try CatalogScanner(source: source, store: store).scan(isCancelled: { source.reads.count >= 5 })

        XCTAssertEqual(source.heldPageReleasedByReads, true)
        XCTAssertTrue(first.interrupted)
        XCTAssertEqual(first.objectsListed, 1_000, "the listing stopped after its first page")
        let listings = proxy.log.snapshot().exchanges.filter { $0.target.contains("list-type=2") }
        XCTAssertEqual(listings.filter { $0.target.contains("continuation-token") }.count, 0, "page 2 was never asked for")
        let readFirst = Set(source.objectsRead)
        XCTAssertGreaterThanOrEqual(readFirst.count, 5)
        XCTAssertLessThan(readFirst.count, 1_000, "the reads stopped with the listing")
        XCTAssertEqual(try store.fingerprints().count, readFirst.count, "every read begun before Ctrl-C was committed")
        XCTAssertEqual(first.deletedObjects, 0)
        XCTAssertNil(try store.lastCompleteScan())

        let second = try CatalogScanner(source: s3, store: store).scan()
        XCTAssertFalse(second.interrupted)
        XCTAssertEqual(second.objectsListed, count)
        XCTAssertEqual(second.unchangedObjects, readFirst.count, "what the first scan read is not read again")
        XCTAssertEqual(second.newObjects, count - readFirst.count)
        XCTAssertEqual(try store.fingerprints().count, count)
        XCTAssertNotNil(try store.lastCompleteScan())
    }
}
