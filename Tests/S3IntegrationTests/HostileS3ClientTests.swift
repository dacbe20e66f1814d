import Foundation
import HTTPTransport
import S3
import TestSupport
import XCTest

/// The S3 client against a server that answers well-formed and wrong (HostileS3StandIn): every
/// case ends with the right bytes or one error, after a counted number of requests.
final class HostileS3ClientTests: XCTestCase {
    typealias Behaviour = HostileS3StandIn.Behaviour
    static let object = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
    private var standIn: HostileS3StandIn!

    override func setUpWithError() throws {
        standIn = try HostileS3StandIn(objects: ["song.mp3": Self.object, "b.mp3": [1], "c.mp3": [2]],
                                       slowByteInterval: .milliseconds(50))
    }

    override func tearDown() { standIn?.stop() }

    private func client(transport: HTTPTransport = SeaweedFS.transport) throws -> S3Client {
        S3Client(settings: try SeaweedFS.settings(endpoint: standIn.endpoint), transport: transport,
                 retryPolicy: S3RetryPolicy(random: { 0 }), sleep: { _ in })
    }

    private func gets(_ behaviour: Behaviour) -> Int { standIn.requests(in: behaviour).filter { $0.method == "GET" }.count }

    private func assertFails(_ body: () throws -> Void, _ matches: (S3Error) -> Bool, line: UInt = #line) {
        do {
            try body()
            XCTFail("no error", line: line)
        } catch let error as S3Error {
            XCTAssertTrue(matches(error), "\(error)", line: line)
            XCTAssertFalse(error.description.contains("\n"), line: line)
        } catch {
            XCTFail("\(error)", line: line)
        }
    }

    func testAHonestRangeIsReadInOneRequest() throws {
        let bytes = try client().getObjectBytes(bucket: Behaviour.honest.rawValue, key: "song.mp3",
                                                range: .bounded(first: 1_000, last: 1_999))
        XCTAssertTrue(bytes == Array(Self.object[1_000..<2_000]))
        XCTAssertEqual(gets(.honest), 1)
    }

    func testAWholeObject200ForARangeIsUsedBySkippingToTheOffset() throws {
        let bytes = try client().getObjectBytes(bucket: Behaviour.fullObjectForRange.rawValue, key: "song.mp3",
                                                range: .bounded(first: 100_000, last: 100_999))
        XCTAssertTrue(bytes == Array(Self.object[100_000..<101_000]), "the bytes asked for, not the object's first ones")
        XCTAssertEqual(gets(.fullObjectForRange), 1)
    }

    func testAShiftedContentRangeFailsAtOnce() throws {
        assertFails({ _ = try client().getObjectBytes(bucket: Behaviour.shiftedContentRange.rawValue, key: "song.mp3",
                                                       range: .bounded(first: 1_000, last: 1_999)) },
                    { if case .wrongBytes = $0 { true } else { false } })
        XCTAssertEqual(gets(.shiftedContentRange), 1, "wrong bytes are not asked for again")
    }

    func testAnEmpty206AndAShortContentLengthAreRetriedWithinTheBudgetThenFail() throws {
        for behaviour in [Behaviour.emptyPartialContent, .shortContentLength] {
            assertFails({ _ = try client().getObjectBytes(bucket: behaviour.rawValue, key: "song.mp3",
                                                           range: .bounded(first: 0, last: 9_999)) },
                        { if case .incompleteAnswer = $0 { true } else { false } })
            XCTAssertEqual(gets(behaviour), S3RetryPolicy().maxAttempts, "\(behaviour)")
        }
    }

    func testATotalOtherThanTheListedSizeIsAChangedObject() throws {
        assertFails({ _ = try client().getObjectBytes(bucket: Behaviour.lyingTotal.rawValue, key: "song.mp3",
                                                       range: .bounded(first: 0, last: 999),
                                                       expectedSize: Int64(Self.object.count)) },
                    { if case .objectChanged = $0 { true } else { false } })
        XCTAssertEqual(gets(.lyingTotal), 1)
    }

    func testAnETagChangeDespiteIfMatchIsAChangedObject() throws {
        let client = try client()
        let first = try client.getObject(bucket: Behaviour.etagChangesMidObject.rawValue, key: "song.mp3",
                                         range: .bounded(first: 0, last: 999))
        _ = try first.readAll()
        assertFails({ _ = try client.getObjectBytes(bucket: Behaviour.etagChangesMidObject.rawValue, key: "song.mp3",
                                                     range: .bounded(first: 1_000, last: 1_999),
                                                     ifMatch: first.attributes.etag) },
                    { if case .objectChanged = $0 { true } else { false } })
        XCTAssertEqual(gets(.etagChangesMidObject), 2)
    }

    func testARepeatedContinuationTokenEndsTheListingAfterTwoPages() throws {
        assertFails({ try client().listObjects(bucket: Behaviour.repeatedContinuationToken.rawValue) { _ in true } },
                    { if case .endlessListing = $0 { true } else { false } })
        XCTAssertEqual(gets(.repeatedContinuationToken), 2)
    }

    func testFreshTokensWithTheSameKeysEndTheListingAfterTwoPages() throws {
        assertFails({ try client().listObjects(bucket: Behaviour.freshTokensSameKeys.rawValue) { _ in true } },
                    { if case .endlessListing = $0 { true } else { false } })
        XCTAssertEqual(gets(.freshTokensSameKeys), 2)
    }

    func testTruncatedWithoutATokenEndsTheListingAfterOnePage() throws {
        assertFails({ try client().listObjects(bucket: Behaviour.missingContinuationToken.rawValue) { _ in true } },
                    { if case .malformedResponse = $0 { true } else { false } })
        XCTAssertEqual(gets(.missingContinuationToken), 1)
    }

    func testTheParallelListerStopsAtItsKeyCapAndSaysSo() throws {
        let lister = S3ParallelLister(client: try client(), rangeCount: 1, keyCap: 2)
        assertFails({ try lister.listAll(bucket: Behaviour.honest.rawValue, prefix: nil) { _ in } },
                    { $0.description.contains("2 keys, the sanity cap") })
    }

    func testATransferBelowTheMinimumRateIsCutOffAndRetriedAsAStall() throws {

        try TestRequirement.requireTime(2, for: "a real-time stall")
        var configuration = HTTPTransportConfiguration()
        configuration.lowSpeedBytesPerSecond = 1_000
        configuration.lowSpeedWindow = 0.5
        let transport = try CurlTransport(configuration: configuration)
        defer { transport.shutdown() }
        // 20 bytes a second (one per 50 ms) against a floor of 1,000 bytes a second.
        assertFails({ _ = try client(transport: transport).getObjectBytes(bucket: Behaviour.oneBytePerInterval.rawValue,
                                                                           key: "song.mp3",
                                                                           range: .bounded(first: 0, last: 9_999)) },
                    { if case .network(_, let reason) = $0 { reason.contains("below 1000 bytes/s") } else { false } })
        XCTAssertEqual(gets(.oneBytePerInterval), S3RetryPolicy().maxAttempts, "retried as a reset, within the budget")
    }
}
