import Foundation
import GRDB
import XCTest
@testable import MetadataCache

final class MetadataCacheStorageTests: CacheTestCase {
    func testFoundAndNotFoundDocumentsSurviveReopen() throws {
        var cache: MetadataCache? = try openCache()
        let found = CachedDocument(key: "release/1", body: Array("{\"id\":1}".utf8), fetchedAt: clock.now)
        let notFound = CachedDocument(key: "release/2", body: nil, fetchedAt: clock.now - 10)
        cache?.store(found)
        cache?.store(notFound)
        cache?.close()
        cache = nil

        let reopened = try openCache()
        XCTAssertEqual(reopened.document(forKey: "release/1"), found)
        XCTAssertEqual(reopened.document(forKey: "release/2"), CachedDocument(key: "release/2", body: nil,
                                                                            fetchedAt: clock.now - 10, viewedAt: clock.now))
        XCTAssertNil(reopened.document(forKey: "release/3"))
        XCTAssertEqual(notices.all, [])
    }

    func testStoreReplacesTheBodyAndKeepsTheLaterViewTime() throws {
        let cache = try openCache()
        cache.store(CachedDocument(key: "k", body: [1], fetchedAt: 100, viewedAt: 500))
        cache.store(CachedDocument(key: "k", body: [2, 3], fetchedAt: 200, viewedAt: 300))
        cache.close()
        let reopened = try openCache(configuration(memoryEntryLimit: 0))
        clock.advance(by: -clock.now + 400)
        XCTAssertEqual(reopened.document(forKey: "k"), CachedDocument(key: "k", body: [2, 3], fetchedAt: 200, viewedAt: 500))
    }

    func testSecondLookupIsAnsweredFromMemory() throws {
        try openCache().store(key: "a", body: [1], fetchedAt: clock.now)
        let cache = try openCache()
        XCTAssertNotNil(cache.document(forKey: "a"))
        XCTAssertEqual(cache.stats().memoryHitsThisRun, 0)  // first lookup of this run reads the file
        XCTAssertNotNil(cache.document(forKey: "a"))
        XCTAssertNotNil(cache.document(forKey: "a"))
        XCTAssertEqual(cache.stats().memoryHitsThisRun, 2)
    }

    func testLeastRecentlyUsedLeavesMemoryFirst() throws {
        let cache = try openCache(configuration(memoryEntryLimit: 2))
        for key in ["a", "b"] { cache.store(key: key, body: [1], fetchedAt: clock.now) }
        _ = cache.document(forKey: "a")  // memory hit; "b" is now the least recently used
        cache.store(key: "c", body: [1], fetchedAt: clock.now)
        _ = cache.document(forKey: "a")  // memory
        _ = cache.document(forKey: "c")  // memory
        _ = cache.document(forKey: "b")  // evicted: read from the file
        XCTAssertEqual(cache.stats().memoryHitsThisRun, 3)
        XCTAssertEqual(cache.stats().hits, 4)
    }

    func testStaleAfterSixHoursAndNotFoundAfterOneHour() {
        let configuration = MetadataCacheConfiguration(directory: directory)
        let found = CachedDocument(key: "f", body: [1], fetchedAt: 1000)
        let notFound = CachedDocument(key: "n", body: nil, fetchedAt: 1000)
        XCTAssertFalse(found.isStale(now: 1000 + 6 * 3600 - 1, configuration: configuration))
        XCTAssertTrue(found.isStale(now: 1000 + 6 * 3600, configuration: configuration))
        XCTAssertFalse(notFound.isStale(now: 1000 + 3600 - 1, configuration: configuration))
        XCTAssertTrue(notFound.isStale(now: 1000 + 3600, configuration: configuration))
        XCTAssertFalse(found.isStale(now: 0, configuration: configuration))  // clock set back: not stale
    }

    func testRemoveUnviewedDropsOnlyDocumentsUnseenForNinetyDays() throws {
        let day = 86400.0
        let start = clock.now
        var cache: MetadataCache? = try openCache()
        for key in ["old", "viewed", "recent"] { cache?.store(key: key, body: [1], fetchedAt: start) }
        cache?.close()
        clock.advance(by: 50 * day)
        cache = try openCache()
        XCTAssertNotNil(cache?.document(forKey: "viewed"))  // viewing refreshes the view time on disk
        cache?.store(key: "recent", body: [2], fetchedAt: clock.now)
        cache?.close()
        clock.advance(by: 41 * day)  // "old": 91 days unseen; "viewed" and "recent": 41
        cache = try openCache()
        XCTAssertEqual(cache?.removeUnviewed(now: clock.now), 1)
        XCTAssertEqual(cache?.keys(withPrefix: ""), ["recent", "viewed"])
        XCTAssertEqual(cache?.removeUnviewed(now: clock.now + 48 * day), 0)
        XCTAssertEqual(cache?.removeUnviewed(now: clock.now + 50 * day), 2)
    }

    func testViewTimeIsWrittenOnlyWhenAnHourNewer() throws {
        let cache = try openCache()
        cache.store(key: "k", body: [1], fetchedAt: clock.now)
        let stored = clock.now
        clock.advance(by: 1800)
        XCTAssertEqual(cache.document(forKey: "k")?.viewedAt, stored + 1800)
        cache.close()
        XCTAssertEqual(try openCache(configuration(memoryEntryLimit: 0)).document(forKey: "k")?.viewedAt, stored + 1800)
        let queue = try DatabaseQueue(path: databasePath)
        // The 30-minute-newer view stayed in memory; the lookup through the second cache is
        // within the hour too, so the file still holds the store time.
        XCTAssertEqual(try queue.read { try Double.fetchOne($0, sql: "SELECT viewedAt FROM document") }, stored)
        clock.advance(by: 3600)
        let third = try openCache(configuration(memoryEntryLimit: 0))
        _ = third.document(forKey: "k")
        third.close()
        XCTAssertEqual(try queue.read { try Double.fetchOne($0, sql: "SELECT viewedAt FROM document") }, stored + 5400)
    }

    func testStatsCountAndHitRateSurviveReopen() throws {
        var cache: MetadataCache? = try openCache()
        cache?.store(key: "found", body: [1, 2, 3], fetchedAt: clock.now - 7 * 3600)  // stale
        cache?.store(key: "fresh", body: [1], fetchedAt: clock.now)
        cache?.store(key: "missing", body: nil, fetchedAt: clock.now - 2 * 3600)  // stale "not found"
        _ = cache?.document(forKey: "found")
        _ = cache?.document(forKey: "fresh")
        _ = cache?.document(forKey: "nothing")
        cache?.close()
        cache = try openCache()
        _ = cache?.document(forKey: "found")
        _ = cache?.document(forKey: "nothing either")
        cache?.flush()
        cache = nil

        let stats = try openCache().stats()
        XCTAssertEqual(stats.entries, 3)
        XCTAssertEqual(stats.notFoundEntries, 1)
        XCTAssertEqual(stats.staleEntries, 2)
        XCTAssertEqual(stats.hits, 3)
        XCTAssertEqual(stats.misses, 2)
        XCTAssertEqual(stats.hitRate, 0.6)
        XCTAssertTrue(stats.isOnDisk)
        XCTAssertGreaterThan(stats.fileBytes, 0)
    }

    func testKeysWithPrefixAndRemoveAll() throws {
        let cache = try openCache()
        for key in ["release/2", "artist/1", "release/10", "releasex"] { cache.store(key: key, body: [1], fetchedAt: clock.now) }
        XCTAssertEqual(cache.keys(withPrefix: "release/"), ["release/10", "release/2"])
        cache.removeAll()
        XCTAssertEqual(cache.keys(withPrefix: ""), [])
        XCTAssertNil(cache.document(forKey: "artist/1"))
    }

    func testFilesArePrivateAndTheJournalIsWriteAhead() throws {
        let previous = umask(0o022)
        defer { umask(previous) }
        let cache = try openCache()
        cache.store(key: "k", body: [1], fetchedAt: clock.now)
        XCTAssertEqual(try mode(directory.path), 0o700)
        for path in [databasePath, databasePath + "-wal", databasePath + "-shm"] {
            XCTAssertEqual(try mode(path), 0o600, path)
        }
        let queue = try DatabaseQueue(path: databasePath)
        XCTAssertEqual(try queue.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }, "wal")
        XCTAssertEqual(try queue.read { try Int.fetchOne($0, sql: "PRAGMA user_version") }, CacheSchema.version)
    }

    func testUnwritableDirectoryFailsWithOneLineThatSaysWhatToDo() throws {
        let file = root.appendingPathComponent("a-file")
        XCTAssertTrue(FileManager.default.createFile(atPath: file.path, contents: Data([1])))
        let configuration = MetadataCacheConfiguration(directory: file.appendingPathComponent("cache"))
        XCTAssertThrowsError(try MetadataCache.open(configuration: configuration) { _ in }) { error in
            let description = "\(error)"
            XCTAssertTrue(description.hasPrefix("Cannot write the metadata cache directory \(file.path)/cache"), description)
            XCTAssertTrue(description.contains("XDG_CACHE_HOME"), description)
            XCTAssertFalse(description.contains("\n"))
        }
    }

    func testDefaultDirectoryFollowsXDGCacheHome() {
        XCTAssertEqual(MetadataCacheConfiguration.defaultDirectory(environment: ["XDG_CACHE_HOME": "/x/cache", "HOME": "/home/u"]).path,
                       "/x/cache/s3play")
        XCTAssertEqual(MetadataCacheConfiguration.defaultDirectory(environment: ["XDG_CACHE_HOME": "relative", "HOME": "/home/u"]).path,
                       "/home/u/.cache/s3play")
        XCTAssertEqual(MetadataCacheConfiguration.defaultDirectory(environment: ["HOME": "/home/u"]).path, "/home/u/.cache/s3play")
    }
}
