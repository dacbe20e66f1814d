import Foundation
import Library
import Storage
import TestSupport
import XCTest

/// One file's tags outside a scan (`:add` of a file the catalog does not have): a stat or HEAD,
/// then the scanner's one or two ranged reads, over S3 and a folder alike.
final class SongFileReaderTests: XCTestCase {
    private let key = "01 Первый снег.mp3"

    private func check(_ source: CountingSource) throws {
        let entry = try SongFileReader.read(key: key, from: source).get()
        XCTAssertEqual(entry.title, "Первый снег")
        XCTAssertEqual(entry.artist, "Северный Ветер")
        XCTAssertEqual(entry.album, "Белые Ночи")
        XCTAssertNil(entry.problem)
        XCTAssertEqual(try XCTUnwrap(entry.durationSeconds), 11, accuracy: 1)
        XCTAssertLessThanOrEqual(source.reads.count, 2, "the scanner's budget: at most two ranged reads")
        XCTAssertTrue(source.reads.allSatisfy { $0.key == key })

        guard case .failure(let error) = SongFileReader.read(key: "nothing here.mp3", from: source) else {
            return XCTFail("a missing file is a failure")
        }
        XCTAssertTrue(error.isMissingObject, error.description)
        XCTAssertTrue(error.description.contains("nothing here.mp3"), error.description)
    }

    func testAFileInAFolder() throws {
        let folder = try SampleLibrary.folder().appendingPathComponent("Северный Ветер/Белые Ночи")
        try check(CountingSource(try LocalFolderSource(path: folder.path)))
    }

    func testAnObjectInS3() throws {
        let client = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(client)
        let file = try SampleLibrary.folder().appendingPathComponent("Северный Ветер/Белые Ночи/\(key)")
        try client.putObject(bucket: bucket, key: "lessons/\(key)", body: [UInt8](try Data(contentsOf: file)))
        let source = S3StorageSource(client: client, location: .init(bucket: bucket, path: "lessons"))
        XCTAssertEqual(try source.object(key: key).size, Int64(try Data(contentsOf: file).count))
        try check(CountingSource(source))
    }
}
