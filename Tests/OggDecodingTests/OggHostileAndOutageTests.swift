import Foundation
import OggDecoding
import Playback
import XCTest

/// A broken page stops the track with one line; an outage of the source is waited out inside
/// the library's read callback and costs no sample.
final class OggHostileAndOutageTests: XCTestCase {
    /// A copy of `kind` with one byte flipped inside the body of the page nearest the middle:
    /// its CRC fails, the Ogg layer drops the page, and the packet sequence has a hole.
    private func withBrokenPage(_ kind: OggFixtures.Kind) throws -> URL {
        var bytes = try OggFixtures.bytes(kind)
        let capture = Array("OggS".utf8)
        var pageStarts: [Int] = []
        for offset in 0..<(bytes.count - 4) where bytes[offset..<offset + 4].elementsEqual(capture) { pageStarts.append(offset) }
        let page = pageStarts.min { abs($0 - bytes.count / 2) < abs($1 - bytes.count / 2) }!
        bytes[page + 27 + Int(bytes[page + 26]) + 10] ^= 0xFF
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("broken-\(getpid())-\(kind.rawValue)")
        try Data(bytes).write(to: url)
        return url
    }

    func testABrokenPageInVorbisOrOpusEndsTheTrackWithOneLine() throws {
        for (kind, factory) in [(OggFixtures.Kind.vorbis, VorbisDecoderFactory() as TrackDecoderFactory),
                                (.opus, OpusDecoderFactory())] {
            let broken = try withBrokenPage(kind)
            defer { try? FileManager.default.removeItem(at: broken) }
            let source = try LocalFileSource(path: broken.path)
            defer { source.close() }
            let decoder = try factory.makeDecoder(reading: source)
            defer { decoder.close() }
            XCTAssertThrowsError(try decodeToEnd(decoder), "\(kind)") { error in
                let line = (error as? PlaybackError)?.description ?? "\(error)"
                XCTAssertTrue(line.contains("damaged or missing Ogg page"), line)
                XCTAssertTrue(line.contains(broken.path), line)
                XCTAssertFalse(line.contains("\n"))
            }
        }
    }

    func testAnOutageIsWaitedOutAndNoSampleIsLostOrRepeated() throws {
        for kind in [OggFixtures.Kind.vorbis, .opus] {
            let factory: TrackDecoderFactory = kind == .opus ? OpusDecoderFactory(outageRetryInterval: 0)
                : VorbisDecoderFactory(outageRetryInterval: 0)
            let clean = try LocalFileSource(path: try OggFixtures.url(kind).path)
            let expected = try decodeToEnd(try factory.makeDecoder(reading: clean)).pcm
            clean.close()
            let flaky = FlakySource(try LocalFileSource(path: try OggFixtures.url(kind).path), failingReads: 40)
            defer { flaky.close() }
            let track = try decodeToEnd(try factory.makeDecoder(reading: flaky))
            XCTAssertEqual(track.pcm, expected, "\(kind)")
            XCTAssertEqual(flaky.outagesThrown, 40, "\(kind)")
        }
    }

    func testClosingTheSourceDuringAnOutageEndsTheWait() throws {
        let flaky = FlakySource(try LocalFileSource(path: try OggFixtures.url(.opus).path), failingReads: .max, every: 1)
        let decoder = try OpusDecoderFactory(outageRetryInterval: 0.01).makeDecoder(reading: flaky)
        let closer = Thread { Thread.sleep(forTimeInterval: 0.2); flaky.close() }
        closer.start()
        XCTAssertThrowsError(try decodeToEnd(decoder)) { error in
            XCTAssertEqual(error as? PlaybackError, .source(.closed))
        }
        decoder.close()
    }
}

/// A source that throws `.unavailable` on every `every`-th read, `failingReads` times in all,
/// as the S3 reader does while it rides out an outage with nothing buffered.
final class FlakySource: ByteSource, @unchecked Sendable {
    private let inner: ByteSource
    private let lock = NSLock()
    private var remaining: Int
    private let every: Int
    private var reads = 0
    private var closed = false
    private(set) var outagesThrown = 0

    init(_ inner: ByteSource, failingReads: Int, every: Int = 2) {
        self.inner = inner
        self.every = every
        remaining = failingReads
    }

    var displayName: String { inner.displayName }
    var size: Int64? { inner.size }
    var bufferedBytesAhead: Int64 { 0 }

    func read(maxBytes: Int) throws(ByteSourceError) -> [UInt8]? {
        lock.lock()
        if closed { lock.unlock(); throw .closed }
        reads += 1
        if remaining > 0 && reads % every == 0 {
            remaining -= 1
            outagesThrown += 1
            lock.unlock()
            throw .unavailable(displayName, reason: "connection refused")
        }
        lock.unlock()
        return try inner.read(maxBytes: maxBytes)
    }

    func seek(to offset: Int64) { inner.seek(to: offset) }

    func close() {
        lock.lock()
        closed = true
        lock.unlock()
        inner.close()
    }
}
