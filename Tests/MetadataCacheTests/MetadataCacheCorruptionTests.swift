import Foundation
import GRDB
import XCTest
@testable import MetadataCache

/// An unreadable file is moved aside, replaced, and told about in exactly one line.
final class MetadataCacheCorruptionTests: CacheTestCase {
    func testGarbageFileIsMovedAsideAndReplaced() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var generator = SystemRandomNumberGenerator()
        let garbage = Data((0..<8192).map { _ in UInt8.random(in: 0...255, using: &generator) })
        XCTAssertTrue(FileManager.default.createFile(atPath: databasePath, contents: garbage))
        try assertOpensRebuiltOnce(movedAsideContents: garbage)
        // Issue #19: random bytes were reported as "the file is empty". Say what the file is.
        XCTAssertTrue(notices.all.first?.hasPrefix("The metadata cache was unreadable (it is not a SQLite database) ") == true,
                      "\(notices.all)")
    }

    func testRandomBytesOverAUsedCacheAreCalledNotADatabase() throws {
        // A cache in use (its file and log written), then overwritten in place with random bytes
        // of the same size, as the hostile-server trial did.
        let cache = try openCache()
        for index in 0..<50 { cache.store(key: "k\(index)", body: [UInt8](repeating: 7, count: 2000), fetchedAt: clock.now) }
        cache.close()
        let size = try FileManager.default.attributesOfItem(atPath: databasePath)[.size] as? Int ?? 0
        XCTAssertGreaterThan(size, 0)
        var generator = SystemRandomNumberGenerator()
        let garbage = Data((0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) })
        XCTAssertTrue(FileManager.default.createFile(atPath: databasePath, contents: garbage))
        try assertOpensRebuiltOnce(movedAsideContents: garbage)
        XCTAssertTrue(notices.all.first?.hasPrefix("The metadata cache was unreadable (it is not a SQLite database) ") == true,
                      "\(notices.all)")
    }

    func testTruncatedDatabaseIsMovedAsideAndReplaced() throws {
        var cache: MetadataCache? = try openCache()
        for index in 0..<300 { cache?.store(key: "k\(index)", body: [UInt8](repeating: 7, count: 4000), fetchedAt: clock.now) }
        cache?.close()
        cache = nil
        XCTAssertFalse(FileManager.default.fileExists(atPath: databasePath + "-wal"))  // checkpointed at close
        let size = try FileManager.default.attributesOfItem(atPath: databasePath)[.size] as? Int ?? 0
        XCTAssertGreaterThan(size, 1_000_000)
        XCTAssertEqual(truncate(databasePath, off_t(size / 2)), 0)
        try assertOpensRebuiltOnce(movedAsideContents: nil)
    }

    func testZeroLengthFileIsMovedAsideAndReplaced() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        XCTAssertTrue(FileManager.default.createFile(atPath: databasePath, contents: Data()))
        try assertOpensRebuiltOnce(movedAsideContents: Data())
        XCTAssertTrue(notices.all.first?.hasPrefix("The metadata cache was unreadable (the file is empty) ") == true,
                      "\(notices.all)")
    }

    func testNewerFormatVersionIsMovedAsideAndReplaced() throws {
        try openCache().close()
        let queue = try DatabaseQueue(path: databasePath)
        try queue.write { try $0.execute(sql: "PRAGMA user_version = \(CacheSchema.version + 1)") }
        try queue.close()
        try assertOpensRebuiltOnce(movedAsideContents: nil)
    }

    func testSomeOtherDatabaseIsMovedAsideAndReplaced() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let queue = try DatabaseQueue(path: databasePath)
        try queue.write { try $0.execute(sql: "CREATE TABLE songs (title TEXT)") }
        try queue.close()
        try assertOpensRebuiltOnce(movedAsideContents: nil)
    }

    /// Opens the damaged cache: one notice naming the moved file, which holds the old bytes, and a
    /// cache that stores, reads and reopens without another notice.
    private func assertOpensRebuiltOnce(movedAsideContents: Data?, file: StaticString = #filePath, line: UInt = #line) throws {
        let cache = try openCache()
        XCTAssertEqual(notices.all.count, 1, "\(notices.all)", file: file, line: line)
        let notice = notices.all.first ?? ""
        XCTAssertTrue(notice.hasPrefix("The metadata cache was unreadable ("), notice, file: file, line: line)
        XCTAssertTrue(notice.contains(") and has been rebuilt; the old file is at \(databasePath).corrupt-"), notice, file: file, line: line)
        XCTAssertFalse(notice.contains("\n"), file: file, line: line)
        let listing = try directoryListing()
        let aside = listing.filter { $0.hasPrefix("metadata.sqlite.corrupt-") && !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm") }
        XCTAssertEqual(aside.count, 1, "\(listing)", file: file, line: line)
        let asidePath = directory.appendingPathComponent(aside.first ?? "").path
        XCTAssertTrue(notice.hasSuffix("\(asidePath)."), notice, file: file, line: line)
        if let movedAsideContents {
            XCTAssertEqual(FileManager.default.contents(atPath: asidePath), movedAsideContents, file: file, line: line)
        }
        XCTAssertEqual(try mode(databasePath), 0o600, file: file, line: line)

        cache.store(key: "after", body: [42], fetchedAt: clock.now)
        XCTAssertEqual(cache.document(forKey: "after")?.body, [42], file: file, line: line)
        XCTAssertTrue(cache.isOnDisk, file: file, line: line)
        cache.close()
        let reopened = try openCache()
        XCTAssertEqual(reopened.document(forKey: "after")?.body, [42], file: file, line: line)
        XCTAssertEqual(notices.all.count, 1, "\(notices.all)", file: file, line: line)
        XCTAssertEqual(try integrityCheck(databasePath), ["ok"], file: file, line: line)
    }
}
