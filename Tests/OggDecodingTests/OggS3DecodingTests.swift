import Foundation
import HTTPTransport
import OggDecoding
import PlaybackCore
import S3Streaming
import S3
import TestSupport
import XCTest

/// Vorbis and Opus read from SeaweedFS by ranged GETs: the same PCM as from a folder, and a far
/// seek by page bisection costs a bounded number of GETs and skips what it does not need.
final class OggS3DecodingTests: XCTestCase {
    private func upload(_ kinds: [OggFixtures.Kind], name: String = #function) throws -> (client: S3Client, bucket: String, transport: RecordingTransport) {
        let direct = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(direct, name: name)
        for kind in kinds { try direct.putObject(bucket: bucket, key: kind.rawValue, body: try OggFixtures.bytes(kind)) }
        let transport = RecordingTransport(SeaweedFS.transport)
        let client = S3Client(settings: try SeaweedFS.settings(), transport: transport, sleep: { _ in })
        return (client, bucket, transport)
    }

    private func factory(_ kind: OggFixtures.Kind) -> TrackDecoderFactory {
        kind.rawValue.hasSuffix(".opus") ? OpusDecoderFactory() : VorbisDecoderFactory()
    }

    func testVorbisAndOpusFromS3MatchTheirReferenceDecodes() throws {
        let kinds: [OggFixtures.Kind] = [.vorbis, .opus, .chainedOpus]
        let (client, bucket, _) = try upload(kinds)
        for kind in kinds {
            let reader = RangedObjectReader(client: client, bucket: bucket, key: kind.rawValue, configuration: .playback)
            defer { reader.close() }
            let decoder = try factory(kind).makeDecoder(reading: reader)
            defer { decoder.close() }
            let track = try decodeToEnd(decoder)
            let tolerance = kind == .vorbis ? OggFixtures.vorbisTolerance : OggFixtures.opusTolerance
            XCTAssertPCMWithin(track.pcm, try OggFixtures.referencePCM(kind), tolerance: tolerance, "\(kind) from S3")
        }
    }

    /// 180 s files in 64 KiB GETs (3.6 MB Vorbis is 55 of them, 2 MB Opus 31): opening reads
    /// the first and last pages, and a seek to 150 s bisects over pages. Each bisection step
    /// outside the window is one GET, so a far seek costs about log2(size / chunk) GETs.
    func testAFarSeekCostsABoundedNumberOfGETsAndIsExact() throws {
        let kinds: [OggFixtures.Kind] = [.longVorbis, .longOpus]
        let (client, bucket, transport) = try upload(kinds)
        var configuration = RangedObjectReaderConfiguration.playback
        configuration.chunkBytes = 64 << 10
        configuration.readAheadBytes = 64 << 10
        for kind in kinds {
            let size = try OggFixtures.bytes(kind).count
            let reader = RangedObjectReader(client: client, bucket: bucket, key: kind.rawValue, configuration: configuration)
            defer { reader.close() }
            let decoder = try factory(kind).makeDecoder(reading: reader)
            defer { decoder.close() }
            var buffer = [UInt8](repeating: 0, count: 16_384)
            _ = try buffer.withUnsafeMutableBytes { pointer throws(PlaybackError) in try decoder.read(into: pointer) }
            let rate: Int64 = kind == .longOpus ? 48_000 : 44_100
            let target = 150 * rate + 7
            let before = transport.gets.count
            XCTAssertEqual(try decoder.seek(toSample: target), target)
            var after: [UInt8] = []
            while after.count < Int(rate) * 4 {   // one second: Opus equals opusdec from 0.5 s on
                let step = try buffer.withUnsafeMutableBytes { pointer throws(PlaybackError) in try decoder.read(into: pointer) }
                if case .pcm(let bytes) = step { after += buffer[0..<bytes] }
            }
            let seekGets = transport.gets[before...]
            let fetched = seekGets.reduce(0) { $0 + rangeLength($1, size: Int64(size)) }
            let chunks = Int((Double(size) / Double(64 << 10)).rounded(.up))
            let bound = Int(log2(Double(chunks)).rounded(.up)) + 4
            print("\(kind): far seek took \(seekGets.count) GETs (\(fetched) bytes) of a \(size)-byte object; bound \(bound)")
            XCTAssertLessThanOrEqual(seekGets.count, bound, "\(kind): GETs per far seek")
            XCTAssertLessThan(fetched, Int64(size) / 3, "\(kind): a far seek reads little of what it skips")
            let reference = try OggFixtures.referencePCM(kind)
            let start = Int(target) * 4
            if kind == .longOpus {
                XCTAssertOpusAfterSeek(after, reference, target: target)
            } else {
                XCTAssertPCMWithin(after, Array(reference[start..<start + after.count]), tolerance: 0, "\(kind) after the seek")
            }
        }
    }
}

/// A transport that records each GET's Range header, then sends it for real.
final class RecordingTransport: HTTPTransport, @unchecked Sendable {
    private let inner: HTTPTransport
    private let lock = NSLock()
    private var ranges: [String?] = []

    init(_ inner: HTTPTransport) { self.inner = inner }

    /// The Range header of every GET sent so far, in order.
    var gets: [String?] { lock.lock(); defer { lock.unlock() }; return ranges }

    func send(_ request: HTTPRequest) throws(HTTPTransportError) -> HTTPResponse {
        if request.method == "GET" {
            lock.lock()
            ranges.append(request.headers.first { $0.name.lowercased() == "range" }?.value)
            lock.unlock()
        }
        return try inner.send(request)
    }
}

/// "bytes=FIRST-LAST" → the bytes it asks for from an object of `size` bytes.
func rangeLength(_ header: String?, size: Int64) -> Int64 {
    guard let header, header.hasPrefix("bytes=") else { return size }
    let bounds = header.dropFirst(6).split(separator: "-").compactMap { Int64($0) }
    guard bounds.count == 2 else { return size }
    return max(0, min(bounds[1], size - 1) - bounds[0] + 1)
}
