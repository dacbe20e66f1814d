import Foundation
import HTTPTransport
import PlaybackCore
import S3
import S3Streaming
import TestSupport
import XCTest

/// The S3 reader (playback and `info`) against a server that answers well-formed and wrong: it
/// delivers the object's exact bytes or fails with one error, never other bytes, and the number
/// of GETs stays within size/chunk plus the retry budget.
final class HostileRangedReadTests: XCTestCase {
    typealias Behaviour = HostileS3StandIn.Behaviour
    static let object = (0..<600_000).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ $0 >> 10) }
    static let chunk: Int64 = 128 << 10
    static var chunks: Int { (object.count + Int(chunk) - 1) / Int(chunk) }
    private var standIn: HostileS3StandIn!

    override func setUpWithError() throws {
        standIn = try HostileS3StandIn(objects: ["song.mp3": Self.object], slowByteInterval: .milliseconds(50))
    }

    override func tearDown() { standIn?.stop() }

    private func reader(_ behaviour: Behaviour, size: Int64? = nil,
                        transport: HTTPTransport = SeaweedFS.transport) throws -> RangedObjectReader {
        let client = S3Client(settings: try SeaweedFS.settings(endpoint: standIn.endpoint), transport: transport,
                              retryPolicy: S3RetryPolicy(maxAttempts: 1), sleep: { _ in })
        var configuration = RangedObjectReaderConfiguration()
        configuration.chunkBytes = Self.chunk
        configuration.readAheadBytes = 2 * Self.chunk
        return RangedObjectReader(client: client, bucket: behaviour.rawValue, key: "song.mp3", size: size,
                                  configuration: configuration, sleep: { _ in })
    }

    /// Everything the reader delivers, and the error that ended it early, if any.
    private func readAll(_ reader: RangedObjectReader) -> (bytes: [UInt8], error: ByteSourceError?) {
        var bytes: [UInt8] = []
        defer { reader.close() }
        do {
            while let piece = try reader.read(maxBytes: 64 << 10) { bytes += piece }
            return (bytes, nil)
        } catch {
            return (bytes, error)
        }
    }

    private func gets(_ behaviour: Behaviour) -> Int { standIn.requests(in: behaviour).filter { $0.method == "GET" }.count }

    /// Whatever was delivered is the object's beginning: never other bytes.
    private func assertPrefixOfObject(_ bytes: [UInt8], line: UInt = #line) {
        XCTAssertTrue(bytes == Array(Self.object.prefix(bytes.count)), "delivered bytes are the object's own", line: line)
    }

    func testAnHonestServerIsReadInSizeOverChunkRequests() throws {
        let result = readAll(try reader(.honest))
        XCTAssertNil(result.error)
        XCTAssertTrue(result.bytes == Self.object)
        XCTAssertEqual(gets(.honest), Self.chunks)
    }

    func testAServerIgnoringRangeStillGivesTheExactBytesInSizeOverChunkRequests() throws {
        let result = readAll(try reader(.fullObjectForRange))
        XCTAssertNil(result.error)
        XCTAssertTrue(result.bytes == Self.object, "each chunk is the bytes asked for, not the object's first ones")
        XCTAssertEqual(gets(.fullObjectForRange), Self.chunks)
    }

    func testAShiftedContentRangeFailsTheTrackAfterOneRequest() throws {
        let result = readAll(try reader(.shiftedContentRange))
        guard case .unreadable(_, let reason)? = result.error else { return XCTFail("\(String(describing: result.error))") }
        XCTAssertTrue(reason.contains("other bytes than those asked for"), reason)
        XCTAssertTrue(result.bytes.isEmpty)
        XCTAssertEqual(gets(.shiftedContentRange), 1)
    }

    func testEmptyOrShortAnswersFailTheTrackWithinTheRetryBudget() throws {
        let budget = RangedObjectReaderConfiguration().maxAttemptsWithoutProgress
        for behaviour in [Behaviour.emptyPartialContent, .shortContentLength] {
            let result = readAll(try reader(behaviour))
            guard case .unreadable? = result.error else { return XCTFail("\(behaviour): \(String(describing: result.error))") }
            assertPrefixOfObject(result.bytes)
            XCTAssertEqual(gets(behaviour), budget, "\(behaviour): one request per attempt, then the track fails")
        }
    }

    func testALyingTotalEndsWithAnErrorWithinSizeOverChunkPlusTheBudget() throws {
        let result = readAll(try reader(.lyingTotal))
        XCTAssertNotNil(result.error, "the object does not go on to the size the server claims")
        assertPrefixOfObject(result.bytes)
        XCTAssertLessThanOrEqual(result.bytes.count, Self.object.count)
        XCTAssertLessThanOrEqual(gets(.lyingTotal), Self.chunks + RangedObjectReaderConfiguration().maxAttemptsWithoutProgress)
    }

    func testALyingTotalAgainstTheListedSizeIsAChangedObject() throws {
        let result = readAll(try reader(.lyingTotal, size: Int64(Self.object.count)))
        guard case .changed? = result.error else { return XCTFail("\(String(describing: result.error))") }
        XCTAssertTrue(result.bytes.isEmpty)
        XCTAssertEqual(gets(.lyingTotal), 1)
    }

    func testAnETagChangeMidObjectIsAChangedObject() throws {
        let result = readAll(try reader(.etagChangesMidObject))
        guard case .changed? = result.error else { return XCTFail("\(String(describing: result.error))") }
        XCTAssertEqual(result.bytes.count, Int(Self.chunk), "the first version's first chunk, nothing of the second")
        assertPrefixOfObject(result.bytes)
        XCTAssertEqual(gets(.etagChangesMidObject), 2)
    }

    func testOneByteAtATimeIsAStallRetriedWithinTheBudget() throws {

        try TestRequirement.requireTime(2, for: "a real-time stall")
        var configuration = HTTPTransportConfiguration()
        configuration.lowSpeedBytesPerSecond = 1_000
        configuration.lowSpeedWindow = 0.3
        let transport = try CurlTransport(configuration: configuration)
        defer { transport.shutdown() }
        let result = readAll(try reader(.oneBytePerInterval, transport: transport))
        guard case .unreadable(_, let reason)? = result.error else { return XCTFail("\(String(describing: result.error))") }
        XCTAssertTrue(reason.contains("below 1000 bytes/s"), reason)
        assertPrefixOfObject(result.bytes)
        XCTAssertEqual(gets(.oneBytePerInterval), RangedObjectReaderConfiguration().maxAttemptsWithoutProgress)
    }
}
