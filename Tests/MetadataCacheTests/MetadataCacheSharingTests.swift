import TestDoubles
import DiscogsRateLimiting
import Foundation
import TestSupport
import XCTest
@testable import MetadataCache

/// The limiter's window in the cache file, and many threads at once.
final class MetadataCacheSharingTests: CacheTestCase {
    func testRequestTimesRoundTripThroughTheCacheFile() throws {
        var cache: MetadataCache? = try openCache()
        XCTAssertEqual(cache?.requestTimeStore.loadRequestTimes(), StoredRequestTimes(times: []))
        try cache?.requestTimeStore.saveRequestTimes([3, 1.5, 2])
        try cache?.requestTimeStore.saveRequestTimes([10, 11.25])
        cache?.close()
        cache = nil
        XCTAssertEqual(try openCache().requestTimeStore.loadRequestTimes(), StoredRequestTimes(times: [10, 11.25]))
    }

    func testLimiterKeepsItsWindowAcrossARestart() throws {
        let configuration = DiscogsRateLimitConfiguration(ceiling: 3, prefetchReservedSlots: 0)
        let limiterClock = ManualRateLimiterClock(now: 1_700_000_000)
        var cache: MetadataCache? = try openCache()
        var limiter: DiscogsRateLimiter? = DiscogsRateLimiter(configuration: configuration, clock: limiterClock,
                                                              store: cache!.requestTimeStore)
        for _ in 0..<3 {
            limiter?.acquire()
            limiterClock.advance(by: 1)
        }
        limiter = nil
        cache?.close()
        cache = nil

        let reopened = try openCache()
        let restarted = DiscogsRateLimiter(configuration: configuration, clock: limiterClock, store: reopened.requestTimeStore)
        XCTAssertEqual(restarted.requestTimesInWindow, [1_700_000_000, 1_700_000_001, 1_700_000_002])
        // The window is full: a prefetch has no budget and waits until cancelled.
        let grant = LockedGrant()
        let thread = Thread { grant.set(restarted.acquire(priority: .prefetch)) }
        thread.start()
        XCTAssertTrue(limiterClock.waitForSleepers { $0 == 1 })
        restarted.cancelPrefetch()
        XCTAssertTrue(grant.wait())
        XCTAssertEqual(grant.value, .cancelled)
        limiterClock.advance(by: 60)
        XCTAssertEqual(restarted.requestTimesInWindow, [])
        XCTAssertEqual(notices.all, [])
    }

    func testEightThreadsReadAndWriteAtOnce() throws {
        try TestRequirement.requireTime(4, for: "eight threads on one SQLite file")
        let cache = try openCache(configuration(memoryEntryLimit: 32))
        let threads = 8, operations = 300
        let failures = NoticeLog()
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            for index in 0..<operations {
                let key = "t\(thread)/\(index % 50)"
                let body = [UInt8](repeating: UInt8(thread), count: 64 + index)
                cache.store(key: key, body: body, fetchedAt: 1000 + Double(index))
                guard let read = cache.document(forKey: key) else {
                    failures.append("\(key) missing after its store")
                    continue
                }
                // Only this thread writes its keys, so it reads what it stored.
                if read.body != body { failures.append("\(key) holds another body") }
                _ = cache.document(forKey: "t\((thread + 1) % threads)/\(index % 50)")
                if index % 50 == 0 { _ = cache.stats() }
                if index % 20 == 0 { try? cache.requestTimeStore.saveRequestTimes([Double(index)]) }
            }
        }
        XCTAssertEqual(failures.all, [])
        XCTAssertEqual(notices.all, [])
        let stats = cache.stats()
        XCTAssertEqual(stats.entries, threads * 50)
        XCTAssertEqual(stats.hits + stats.misses, threads * operations * 2)
        XCTAssertTrue(stats.isOnDisk)
        cache.close()
        XCTAssertEqual(try integrityCheck(databasePath), ["ok"])
    }
}

/// A grant handed from the acquiring thread to the test.
private final class LockedGrant: @unchecked Sendable {
    private let condition = NSCondition()
    private var grant: RateLimitGrant?

    var value: RateLimitGrant? { condition.withLock { grant } }

    func set(_ value: RateLimitGrant) {
        condition.withLock {
            grant = value
            condition.broadcast()
        }
    }

    func wait(timeout: Double = 10) -> Bool {
        condition.withLock {
            let limit = Date().addingTimeInterval(timeout)
            while grant == nil { if !condition.wait(until: limit) { break } }
            return grant != nil
        }
    }
}

/// A write error never reaches the caller: one notice, then memory only.
final class MetadataCacheWriteErrorTests: CacheTestCase {
    func testWriteErrorFallsBackToMemoryWithOneNotice() throws {
        let cache = try openCache()
        cache.store(key: "before", body: [1], fetchedAt: clock.now)
        // Closing the connection under the cache makes every later statement fail, as a vanished
        // disk would.
        try cache.database?.queue.close()
        cache.store(key: "after", body: [2], fetchedAt: clock.now)
        XCTAssertNoThrow(try cache.requestTimeStore.saveRequestTimes([5, 6]))
        cache.store(key: "later", body: nil, fetchedAt: clock.now)
        XCTAssertEqual(notices.all.count, 1, "\(notices.all)")
        XCTAssertTrue(notices.all.first?.hasPrefix("The metadata cache could not use \(databasePath) (") ?? false, "\(notices.all)")
        XCTAssertTrue(notices.all.first?.hasSuffix("; this run keeps metadata in memory only.") ?? false, "\(notices.all)")
        XCTAssertFalse(cache.isOnDisk)
        XCTAssertEqual(cache.document(forKey: "after")?.body, [2])
        XCTAssertEqual(cache.document(forKey: "before")?.body, [1])
        XCTAssertEqual(cache.requestTimeStore.loadRequestTimes().times, [5, 6])
        XCTAssertEqual(cache.keys(withPrefix: ""), ["after", "before", "later"])
        let stats = cache.stats()
        XCTAssertFalse(stats.isOnDisk)
        XCTAssertEqual(stats.entries, 3)
        XCTAssertEqual(stats.notFoundEntries, 1)
        XCTAssertEqual(notices.all.count, 1)
    }
}
