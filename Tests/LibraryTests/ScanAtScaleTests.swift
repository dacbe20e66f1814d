import Foundation
import Library
import S3
import Storage
import TestSupport
import XCTest

/// Issue #16: the first scan of a big bucket. Tag reads many at a time, fewer when the server
/// says to slow down; a cover picture is stepped over, never fetched; Ctrl-C during the listing.
final class ScanAtScaleTests: XCTestCase {
    private func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("s3play-scale-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        return directory
    }

    private func store(for source: any StorageSource) throws -> CatalogStore {
        try CatalogStore.open(directory: try temporaryDirectory(), libraryLocation: source.locationDescription,
                              location: { [source] in source.storageLocation(forKey: $0) }, onNotice: { _ in })
    }

    /// A bucket of `count` copies of one fixture as "Artist/Album/NN Title.mp3", behind a proxy.
    private func bucket(of kind: TestAudioFiles.Kind, count: Int, plan: ProxyFaultPlan)
        throws -> (source: S3StorageSource, proxy: HTTPFaultProxy) {
        let direct = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(direct, name: "\(kind)\(count)")
        let body = [UInt8](try Data(contentsOf: TestAudioFiles.url(kind)))
        try SeaweedFS.putObjects(direct, bucket: bucket,
                                 keys: (1...count).map { String(format: "Artist/Album/%02d Song %d.mp3", $0, $0) },
                                 body: { _ in body })
        let proxy = try HTTPFaultProxy(upstreamPort: SeaweedFS.port(), plan: plan)
        addTeardownBlock { proxy.stop() }
        // No waiting between retries (sleep is a no-op): only the scan's own adaptation can
        // get the reads through a server that turns away all but a few at once.
        let client = try SeaweedFS.client(endpoint: "http://127.0.0.1:\(proxy.port)")
        return (S3StorageSource(client: client, location: S3Location(bucket: bucket, path: "")), proxy)
    }

    func testAServerThatSlowsDownAboveFourRequestsGetsFewerReadsInFlightAndEveryTagIsRead() throws {
        let songs = 48
        let (source, proxy) = try bucket(of: .cbr320, count: songs, plan: ProxyFaultPlan().slowingDownAbove(concurrentRequests: 4))
        var configuration = CatalogScanner.Configuration()
        configuration.parallelReads = 32
        let store = try store(for: source)
        let report = try CatalogScanner(source: source, store: store, configuration: configuration).scan()

        XCTAssertEqual(report.problems, [], "no read failed for good")
        XCTAssertEqual(try store.counts().songs, songs)
        let slowDowns = proxy.log.snapshot().exchanges.filter { $0.status == 503 }.count
        XCTAssertGreaterThan(slowDowns, 0, "32 reads at once met the server's limit")
        XCTAssertLessThanOrEqual(report.lowestParallelReads, 4, "the scan went down to what the server takes")
    }

    func testEveryFileWithABigCoverCostsAtMostThirtyTwoKiBAndThreeRequests() throws {
        let songs = 12
        let (source, proxy) = try bucket(of: .bigPicture, count: songs, plan: ProxyFaultPlan())
        let store = try store(for: source)
        let report = try CatalogScanner(source: source, store: store).scan()

        XCTAssertEqual(report.problems, [])
        XCTAssertEqual(try store.counts().songs, songs)
        let gets = proxy.log.snapshot().exchanges.filter { $0.method == "GET" && $0.range != nil }
        let bodyBytes = gets.reduce(0) { $0 + $1.responseBodyBytes }
        // The 3 MiB picture of every file is stepped over: the first 16 KiB, the 6 KiB after
        // the tag (the Info frame), the last 8 KiB.
        XCTAssertLessThanOrEqual(gets.count, 3 * songs)
        XCTAssertLessThanOrEqual(bodyBytes, 32 * 1024 * songs)
        XCTAssertEqual(report.readRequests, gets.count)
        XCTAssertEqual(report.bytesFetched, Int64(bodyBytes), "the report counts what crossed the wire")
        XCTAssertEqual(try store.songs().first?.durationSeconds ?? 0, 10, accuracy: 0.05)
    }

    func testCtrlCDuringTheListingEndsItAfterTheBatchInHand() throws {

        try TestRequirement.requireTime(2, for: "a paced listing")
        let folder = try temporaryDirectory()
        // 2,500 files: three listing batches of 1,000 in a folder.
        for index in 0..<2_500 {
            XCTAssertTrue(FileManager.default.createFile(atPath: folder.appendingPathComponent("\(index).mp3").path, contents: Data([0])))
        }
        let source = try LocalFolderSource(path: folder.path)
        let store = try store(for: source)
        let listed = LockedBox(0)
        let report = try CatalogScanner(source: source, store: store).scan(
            isCancelled: { listed.value >= 1 }, onProgress: { progress in listed.mutate { $0 = progress.objectsListed } })
        XCTAssertTrue(report.interrupted)
        XCTAssertEqual(report.objectsListed, 1_000, "the listing stopped after its first batch")
        XCTAssertEqual(report.readRequests, 0)
        XCTAssertNil(try store.lastCompleteScan())
    }
}
