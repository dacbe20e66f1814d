import XCTest
@testable import S3

/// A listing that would not end is stopped at the first sign of a loop.
final class ListingGuardTests: XCTestCase {
    private func page(_ keys: [String], token: String?) -> ListObjectsV2Page {
        ListObjectsV2Page(objects: keys.map { S3ObjectSummary(key: $0, size: 1, etag: "e", lastModified: "") },
                          isTruncated: token != nil, nextContinuationToken: token)
    }

    private func assertEndless(_ body: () throws -> Void, line: UInt = #line) {
        do {
            try body()
            XCTFail("the listing was not stopped", line: line)
        } catch let error as S3Error {
            guard case .endlessListing(let bucket, _) = error else { return XCTFail("\(error)", line: line) }
            XCTAssertEqual(bucket, "b", line: line)
            XCTAssertFalse(error.description.contains("\n"), line: line)
        } catch {
            XCTFail("\(error)", line: line)
        }
    }

    func testAnOrdinaryListingPasses() throws {
        var guardrail = ListingGuard(bucket: "b")
        try guardrail.check(page(["a", "b"], token: "t1"))
        try guardrail.check(page(["c", "d"], token: "t2"))
        try guardrail.check(page(["e"], token: nil))
    }

    func testATokenSeenBeforeStopsTheListing() {
        var guardrail = ListingGuard(bucket: "b")
        assertEndless {
            try guardrail.check(page(["a"], token: "same"))
            try guardrail.check(page(["b"], token: "same"))
        }
    }

    func testAPageThatGoesBackToAListedKeyStopsTheListing() {
        var guardrail = ListingGuard(bucket: "b")
        assertEndless {
            try guardrail.check(page(["a", "b"], token: "t1"))
            try guardrail.check(page(["a", "b"], token: "t2"))
        }
        var afterStart = ListingGuard(bucket: "b", startAfter: "m")
        assertEndless { try afterStart.check(page(["a"], token: nil)) }
    }

    func testMoreKeysThanTheCapStopTheListing() {
        var guardrail = ListingGuard(bucket: "b", keyCap: 3)
        assertEndless {
            try guardrail.check(page(["a", "b"], token: "t1"))
            try guardrail.check(page(["c", "d"], token: "t2"))
        }
    }

    func testARunOfEmptyTruncatedPagesStopsTheListing() {
        var guardrail = ListingGuard(bucket: "b")
        var pages = 0
        assertEndless {
            while pages < 1_000 {
                pages += 1
                try guardrail.check(page([], token: "t\(pages)"))
            }
        }
        XCTAssertEqual(pages, ListingGuard.maxEmptyPagesInARow + 1)
    }
}
