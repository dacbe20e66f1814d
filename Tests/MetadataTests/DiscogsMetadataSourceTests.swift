import Discogs
import Foundation
import Library
import Metadata
import MetadataCache
import TestSupport
import XCTest

/// The cached Discogs source against the stand-in and a real SQLite cache: what is asked of
/// Discogs (the stand-in's log) and what the user is shown.
final class DiscogsMetadataSourceTests: XCTestCase {
    func testSecondLookupOfTheSameThingMakesNoRequest() throws {
        let standIn = try makeStandIn()
        let rig = try makeRig(baseURL: standIn.baseURL, directory: try makeCacheDirectory(), clock: TestClock())
        XCTAssertEqual(rig.source.lookup(.artist(id: 1005)).artistName, "Северный Ветер (2)")
        XCTAssertEqual(rig.source.lookup(.artist(id: 1005)).provenance?.origin, .cache)
        XCTAssertEqual(rig.source.lookup(.artist(id: 1005)).artistName, "Северный Ветер (2)")
        XCTAssertEqual(standIn.requestLog.map(\.target), ["/artists/1005"])
    }

    func testTheCacheSurvivesARestartAndCostsNoRequest() throws {
        let standIn = try makeStandIn()
        let directory = try makeCacheDirectory()
        let clock = TestClock()
        do {
            let rig = try makeRig(baseURL: standIn.baseURL, directory: directory, clock: clock)
            _ = rig.source.lookup(.release(id: 3001))
            rig.cache.close()
        }
        let again = try makeRig(baseURL: standIn.baseURL, directory: directory, clock: clock)
        let lookup = again.source.lookup(.release(id: 3001))
        guard case .release(let release)? = lookup.decoded, let provenance = lookup.provenance else {
            return XCTFail("the release was cached")
        }
        XCTAssertEqual(release.title, "Canción del Café")
        XCTAssertEqual(provenance, DiscogsProvenance(origin: .cache, fetchedAt: clock.now, isStale: false))
        XCTAssertEqual(standIn.requestLog.count, 1)
    }

    func testAnExpiredEntryIsServedStaleThenRefreshedOnce() throws {
        let standIn = try makeStandIn()
        let clock = TestClock()
        let rig = try makeRig(baseURL: standIn.baseURL, directory: try makeCacheDirectory(), clock: clock)
        _ = rig.source.lookup(.master(id: 2001))
        let fetchedAt = clock.now
        clock.advance(by: 6 * 3600 + 1)

        // Three views in a row while stale: shown at once each time, one refresh in all.
        for _ in 0..<3 {
            let lookup = rig.source.lookup(.master(id: 2001))
            XCTAssertNotNil(lookup.decoded)
        }
        XCTAssertTrue(rig.source.waitForBackgroundWork(timeout: 10))
        XCTAssertEqual(standIn.requestLog.map(\.target), ["/masters/2001", "/masters/2001"])

        let fresh = rig.source.lookup(.master(id: 2001))
        XCTAssertEqual(fresh.provenance, DiscogsProvenance(origin: .cache, fetchedAt: clock.now, isStale: false))
        XCTAssertNotEqual(fresh.provenance?.fetchedAt, fetchedAt)
        XCTAssertEqual(standIn.requestLog.count, 2)
    }

    func testTheFirstStaleAnswerSaysItIsStale() throws {
        let standIn = try makeStandIn()
        let clock = TestClock()
        let rig = try makeRig(baseURL: standIn.baseURL, directory: try makeCacheDirectory(), clock: clock)
        _ = rig.source.lookup(.artist(id: 1001))
        clock.advance(by: 7 * 3600)
        XCTAssertEqual(rig.source.lookup(.artist(id: 1001)).provenance?.isStale, true)
        rig.source.waitForBackgroundWork(timeout: 10)
    }

    func testNotFoundIsCachedAndAsksAgainOnlyAfterItsShorterLifetime() throws {
        let standIn = try makeStandIn()
        let clock = TestClock()
        let rig = try makeRig(baseURL: standIn.baseURL, directory: try makeCacheDirectory(), clock: clock)
        XCTAssertEqual(rig.source.lookup(.artist(id: 999_999)), .noMatch, "404 is no match")
        XCTAssertEqual(rig.source.lookup(.artist(id: 999_999)), .noMatch, "cached 404")
        XCTAssertEqual(standIn.requestLog.map(\.status), [404])
        clock.advance(by: 3600 + 1)
        // The stale negative entry is still the answer; its revalidation is the second 404 below.
        XCTAssertEqual(rig.source.lookup(.artist(id: 999_999)), .noMatch, "stale 404")
        rig.source.waitForBackgroundWork(timeout: 10)
        XCTAssertEqual(standIn.requestLog.map(\.status), [404, 404])
    }

    func testDiscogsDownServesCachedDataWithOneNoticeAndNoCrash() throws {
        let standIn = try makeStandIn()
        let clock = TestClock()
        let rig = try makeRig(baseURL: standIn.baseURL, directory: try makeCacheDirectory(), clock: clock, requestTimeout: 2)
        _ = rig.source.lookup(.artist(id: 1001))
        _ = rig.source.lookup(.release(id: 3002))
        standIn.stop()
        clock.advance(by: 7 * 3600)

        // Stale entries come back at once; their refreshes fail quietly after one notice.
        XCTAssertEqual(rig.source.lookup(.artist(id: 1001)).provenance?.isStale, true)
        XCTAssertNotNil(rig.source.lookup(.release(id: 3002)).decoded)
        rig.source.waitForBackgroundWork(timeout: 20)
        // Nothing cached: one line for the user, no crash.
        guard case .unavailable(let reason) = rig.source.lookup(.master(id: 2002)) else {
            return XCTFail("nothing cached and Discogs down")
        }
        XCTAssertTrue(reason.hasPrefix("Cannot reach Discogs"), reason)
        XCTAssertFalse(reason.contains("\n"))
        XCTAssertEqual(rig.notices.all.count, 1, "\(rig.notices.all)")
        XCTAssertTrue(rig.notices.all[0].hasSuffix("Cached Discogs details are shown meanwhile."), rig.notices.all[0])
        // Still served from the cache, still stale.
        XCTAssertEqual(rig.source.lookup(.artist(id: 1001)).artistName, "Les Frères Ñandú")
    }

    func testMalformedAndServerErrorsServeTheCacheAndNoticeOncePerOutage() throws {
        let standIn = try makeStandIn()
        let clock = TestClock()
        let rig = try makeRig(baseURL: standIn.baseURL, directory: try makeCacheDirectory(), clock: clock)
        _ = rig.source.lookup(.artist(id: 1002))
        clock.advance(by: 7 * 3600)
        standIn.setFailureMode(.malformed)
        XCTAssertNotNil(rig.source.lookup(.artist(id: 1002)).decoded)
        rig.source.waitForBackgroundWork(timeout: 10)
        standIn.setFailureMode(.serverError)
        guard case .unavailable(let reason) = rig.source.lookup(.release(id: 3003)) else { return XCTFail("no cache, 500") }
        XCTAssertEqual(reason, "Discogs is having trouble (HTTP 500: An internal server error occurred.): try again later.")
        XCTAssertEqual(rig.notices.all.count, 1, "one outage, one notice: \(rig.notices.all)")

        // Discogs answers again: the outage is over, and the next one is told again, saying
        // cached details are shown only when they are.
        standIn.setFailureMode(.none)
        XCTAssertNotNil(rig.source.lookup(.release(id: 3003)).decoded)
        clock.advance(by: 7 * 3600)
        standIn.setFailureMode(.serverError)
        XCTAssertNotNil(rig.source.lookup(.release(id: 3003)).decoded, "stale, served at once")
        rig.source.waitForBackgroundWork(timeout: 10)
        XCTAssertEqual(rig.notices.all.count, 2)
        XCTAssertTrue(rig.notices.all[1].hasSuffix("Cached Discogs details are shown meanwhile."), rig.notices.all[1])
        // A lookup with nothing cached says nothing itself: its caller prints the one line.
        guard case .unavailable = rig.source.lookup(.release(id: 3004)) else { return XCTFail("no cache, 500") }
        XCTAssertEqual(rig.notices.all.count, 2)
        // The malformed answer never replaced the good cached body.
        XCTAssertEqual(rig.source.lookup(.artist(id: 1002)).decoded != nil, true)
    }

    func testASlowDiscogsServesTheCache() throws {
        let standIn = try makeStandIn()
        let clock = TestClock()
        let rig = try makeRig(baseURL: standIn.baseURL, directory: try makeCacheDirectory(), clock: clock, requestTimeout: 1)
        _ = rig.source.lookup(.master(id: 2003))
        standIn.setFailureMode(.slow(.seconds(5)))
        guard case .unavailable(let reason) = rig.source.lookup(.master(id: 2004)) else { return XCTFail("slow and uncached") }
        XCTAssertTrue(reason.hasPrefix("Cannot reach Discogs"), reason)
        XCTAssertNotNil(rig.source.lookup(.master(id: 2003)).decoded, "cached: no request at all")
        XCTAssertEqual(rig.notices.all, [], "the caller reports the failed lookup; nothing was served from the cache")
    }

    func testMarkupReferencesAreNamedFromTheCacheWithoutARequest() throws {
        let standIn = try makeStandIn()
        let rig = try makeRig(baseURL: standIn.baseURL, directory: try makeCacheDirectory(), clock: TestClock())
        let profile = "Not [a1003] [a4242]; see [m=2004] and [r=3005]."
        XCTAssertEqual(rig.source.render(profile).plain, "Not; see and.")
        XCTAssertEqual(standIn.requestLog.count, 0, "rendering never asks Discogs")
        _ = rig.source.lookup(.artist(id: 1003))
        _ = rig.source.lookup(.master(id: 2004))
        XCTAssertEqual(rig.source.render(profile).plain, "Not Северный Ветер; see Белые Ночи and.")
        XCTAssertEqual(standIn.requestLog.count, 2)

        // What is still unnamed can be prefetched with leftover budget; then it is named too.
        XCTAssertEqual(rig.source.unresolvedReferences(in: profile + " [l4007]"), [.artist(id: 4242), .release(id: 3005)])
        rig.source.prefetch(rig.source.unresolvedReferences(in: profile))
        rig.source.waitForAllBackgroundWork(timeout: 10)
        XCTAssertEqual(rig.source.render(profile).plain, "Not Северный Ветер; see Белые Ночи and Белые Ночи.")
        XCTAssertEqual(standIn.requestLog.map(\.target).suffix(2), ["/artists/4242", "/releases/3005"])
    }

    func testPrefetchFillsTheCacheAndLaterLookupsCostNothing() throws {
        let standIn = try makeStandIn()
        let rig = try makeRig(baseURL: standIn.baseURL, directory: try makeCacheDirectory(), clock: TestClock())
        _ = rig.source.lookup(.artist(id: 1001))
        rig.source.prefetch([.artist(id: 1001), .master(id: 2001), .master(id: 2002), .release(id: 3001)])
        XCTAssertTrue(rig.source.waitForAllBackgroundWork(timeout: 20))
        // The already-cached artist was not fetched again.
        XCTAssertEqual(standIn.requestLog.map(\.target), ["/artists/1001", "/masters/2001", "/masters/2002", "/releases/3001"])
        for resource in [DiscogsResource.master(id: 2001), .master(id: 2002), .release(id: 3001)] {
            XCTAssertEqual(rig.source.lookup(resource).provenance?.origin, .cache)
        }
        XCTAssertEqual(standIn.requestLog.count, 4)
    }

    func testAPrefetchReplacedByANewFocusIsDropped() throws {
        let standIn = try makeStandIn { $0.failureMode = .slow(.milliseconds(300)) }
        let rig = try makeRig(baseURL: standIn.baseURL, directory: try makeCacheDirectory(), clock: TestClock())
        rig.source.prefetch((2001...2006).map { DiscogsResource.master(id: $0) })
        // The user moves on at once: at most the one prefetch already on the wire is sent.
        rig.source.prefetch([.release(id: 3005)])
        XCTAssertTrue(rig.source.waitForAllBackgroundWork(timeout: 20))
        let targets = standIn.requestLog.map(\.target)
        XCTAssertTrue(targets.contains("/releases/3005"))
        XCTAssertLessThanOrEqual(targets.filter { $0.hasPrefix("/masters/") }.count, 1, "\(targets)")
    }

    func testDailyRefreshQueuesOnlyEntriesOlderThanADay() throws {
        let standIn = try makeStandIn()
        let clock = TestClock()
        let rig = try makeRig(baseURL: standIn.baseURL, directory: try makeCacheDirectory(), clock: clock)
        _ = rig.source.lookup(.artist(id: 1001))
        clock.advance(by: 20 * 3600)
        _ = rig.source.lookup(.artist(id: 1002))
        rig.source.waitForBackgroundWork(timeout: 10)
        let before = standIn.requestLog.count
        clock.advance(by: 5 * 3600)
        // 1001 is 25 h old, 1002 5 h, 1003 was never looked at (nothing to refresh).
        XCTAssertEqual(rig.source.refreshLibraryEntries([.artist(id: 1001), .artist(id: 1002), .artist(id: 1003)]), 1)
        XCTAssertTrue(rig.source.waitForBackgroundWork(timeout: 10))
        XCTAssertEqual(Array(standIn.requestLog.map(\.target)[before...]), ["/artists/1001"])
    }

    func testSharedTierIsReadBeforeDiscogsAndWrittenAfterAFetch() throws {
        let standIn = try makeStandIn()
        let clock = TestClock()
        let shared = InMemorySharedTier(clock: clock)
        let first = try makeRig(baseURL: standIn.baseURL, directory: try makeCacheDirectory(), clock: clock, sharedTier: shared)
        XCTAssertEqual(first.source.lookup(.artist(id: 1003)).provenance?.origin, .discogs)
        _ = first.source.lookup(.release(id: 3001))
        XCTAssertEqual(shared.keys, ["/artists/1003"], "only artist documents are shared")

        // Another machine: an empty cache, the same bucket.
        let second = try makeRig(baseURL: standIn.baseURL, directory: try makeCacheDirectory(), clock: clock, sharedTier: shared)
        XCTAssertEqual(second.source.lookup(.artist(id: 1003)).provenance?.origin, .sharedTier)
        XCTAssertEqual(second.source.lookup(.artist(id: 1003)).provenance?.origin, .cache)
        XCTAssertEqual(standIn.requestLog.map(\.target), ["/artists/1003", "/releases/3001"])
    }
}
