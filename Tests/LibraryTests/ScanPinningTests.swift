import Foundation
import Library
import S3
import Storage
import TestSupport
import XCTest

/// Issue #19 in the scan: tag reads are pinned to the listing's size and ETag, and the bytes a
/// scan reports include those a server sent before a range it ignored.
final class ScanPinningTests: XCTestCase {
    typealias Behaviour = HostileS3StandIn.Behaviour
    private var standIn: HostileS3StandIn!
    private var song: [UInt8] = []

    override func setUpWithError() throws {
        song = [UInt8](try Data(contentsOf: TestAudioFiles.url(.cbr320)))
        standIn = try HostileS3StandIn(objects: ["A/B/01 Song.mp3": song])
    }

    override func tearDown() { standIn?.stop() }

    private func scan(_ behaviour: Behaviour) throws -> (report: ScanReport, store: CatalogStore) {
        let client = S3Client(settings: try SeaweedFS.settings(endpoint: standIn.endpoint), transport: SeaweedFS.transport,
                              retryPolicy: S3RetryPolicy(random: { 0 }), sleep: { _ in })
        let source = S3StorageSource(client: client, location: S3Location(bucket: behaviour.rawValue, path: ""),
                                     listingParallelism: 1)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("s3play-pin-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        let store = try CatalogStore.open(directory: directory, libraryLocation: source.locationDescription,
                                          location: { [source] in source.storageLocation(forKey: $0) }, onNotice: { _ in })
        return (try CatalogScanner(source: source, store: store).scan(), store)
    }

    func testAnObjectWhoseETagChangesBetweenReadsIsReportedChangedNotCataloged() throws {
        let (report, store) = try scan(.etagChangesMidObject)
        XCTAssertEqual(try store.counts().songs, 0, "no song is made of two versions' bytes")
        XCTAssertEqual(report.problems.count, 1)
        XCTAssertTrue(report.problems.first?.problem.contains("changed since the listing") ?? false,
                      report.problems.first?.problem ?? "")
        XCTAssertFalse(report.problems.first?.problem.contains("\n") ?? true)
    }

    func testBytesSkippedAfterAWholeObjectForARangeAreCounted() throws {
        let (report, store) = try scan(.fullObjectForRange)
        XCTAssertEqual(try store.songs().first?.title, "Song", "the tags are read from the right bytes")
        // The head read receives its 16 KiB (and the server's stream is cut there); the tail
        // read receives the whole object up to its end.
        XCTAssertGreaterThanOrEqual(report.bytesFetched, Int64(song.count))
        XCTAssertEqual(report.readRequests, 2)
    }
}
