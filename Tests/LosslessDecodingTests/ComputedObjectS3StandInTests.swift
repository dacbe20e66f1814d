import Foundation
import S3
import TestSupport
import XCTest

/// The stand-in `LongWAVTests` measure with: what the S3 client gets from it is the computed WAV,
/// byte for byte, across the header's end and across its 256 KiB send pieces, and a client that
/// hangs up in the middle of a 4.1 GB body leaves it serving.
final class ComputedObjectS3StandInTests: XCTestCase {
    private static let wav = ComputedWAV(seconds: 7200)
    private var standIn: ComputedObjectS3StandIn!
    private var client: S3Client!

    override func setUpWithError() throws {
        standIn = try ComputedObjectS3StandIn(bucket: "music", key: "long.wav", object: Self.wav)
        client = S3Client(settings: try SeaweedFS.settings(endpoint: standIn.endpoint), transport: SeaweedFS.transport,
                          retryPolicy: S3RetryPolicy(maxAttempts: 1), sleep: { _ in })
    }

    override func tearDown() { standIn?.stop() }

    func testHeadAndHeaderDescribeTwoHoursOf24Bit96kHzStereo() throws {
        let head = try client.headObject(bucket: "music", key: "long.wav")
        XCTAssertEqual(head.size, 4_147_200_044)
        XCTAssertEqual(head.etag, "\"computed-v1\"")
        let header = try client.getObjectBytes(bucket: "music", key: "long.wav", range: .bounded(first: 0, last: 43))
        XCTAssertEqual(String(decoding: header[0..<4], as: UTF8.self), "RIFF")
        XCTAssertEqual(header[22], 2, "channels")
        XCTAssertEqual(header[24..<28].reversed().reduce(0) { $0 << 8 | Int($1) }, 96_000)
        XCTAssertEqual(header[34], 24, "bits per sample")
        XCTAssertEqual(header[40..<44].reversed().reduce(0) { $0 << 8 | Int($1) }, 4_147_200_000, "data bytes: 7200 s × 576,000 B/s")
    }

    func testRangedGETsAreTheComputedBytesAcrossTheHeaderAndPieceBoundaries() throws {
        let acrossHeader = try client.getObjectBytes(bucket: "music", key: "long.wav", range: .bounded(first: 40, last: 52))
        XCTAssertEqual(acrossHeader, Array(Self.wav.header[40...]) + Self.wav.bytes(at: 44, count: 9))
        let sample = ComputedWAV.sample(frame: 1, channel: 0)
        XCTAssertEqual(Array(acrossHeader[10..<13]), [0, 8, 16].map { UInt8(truncatingIfNeeded: UInt32(bitPattern: sample) >> $0) },
                       "frame 1, left: S24_3LE at byte 50")
        // 600 KiB from an odd offset near the end: three send pieces, the last cut by the object's end.
        let first = Self.wav.size - 600_000 - 7
        let tail = try client.getObjectBytes(bucket: "music", key: "long.wav", range: .from(first))
        XCTAssertEqual(tail.count, 600_007)
        XCTAssertTrue(tail == Self.wav.bytes(at: first, count: 600_007))
        XCTAssertEqual(standIn.requests.map(\.status), [206, 206])
        XCTAssertEqual(standIn.requests.map(\.bodyBytesSent), [13, 600_007])
    }

    func testAClientThatHangsUpMidBodyLeavesTheStandInServing() throws {
        let stream = try client.getObject(bucket: "music", key: "long.wav")
        XCTAssertEqual(stream.length, Self.wav.size)
        _ = try stream.nextChunk()
        stream.cancel()
        XCTAssertEqual(try client.headObject(bucket: "music", key: "long.wav").size, Self.wav.size)
        XCTAssertThrowsError(try client.getObjectBytes(bucket: "music", key: "long.wav", range: .from(Self.wav.size)))
        Thread.sleep(forTimeInterval: 0.2)
        let sent = try XCTUnwrap(standIn.requests.first).bodyBytesSent
        Thread.sleep(forTimeInterval: 0.2)
        XCTAssertEqual(standIn.requests.first?.bodyBytesSent, sent, "the body stopped at the hang-up")
        XCTAssertLessThan(sent, 64 << 20, "of 4.1 GB, only what the socket buffers took")
    }
}
