import Foundation
import OggDecoding
import PlaybackCore
import Storage
import XCTest

/// A broken page stops the track with one line; an outage of the source is waited out inside
/// the library's read callback and costs no sample.
final class OggHostileAndOutageTests: XCTestCase {
    func testABrokenPageInVorbisOrOpusEndsTheTrackWithOneLine() throws {
        for (kind, factory) in [(OggFixtures.Kind.vorbis, VorbisDecoderFactory() as TrackDecoderFactory),
                                (.opus, OpusDecoderFactory())] {
            let broken = try OggFixtures.withBrokenPage(kind)
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

    /// The common case: the source says it is in an outage and holds less than a page, so the
    /// decoder throws `.unavailable` without calling the library (and so without waiting in
    /// its callback); the engine waits, and the next read goes on at the exact sample.
    func testAStarvedSourceInAnOutageThrowsUnavailableAtOnceAndResumesExactly() throws {
        for kind in [OggFixtures.Kind.vorbis, .opus] {
            let factory: TrackDecoderFactory = kind == .opus ? OpusDecoderFactory() : VorbisDecoderFactory()
            let clean = try LocalFileSource(path: try OggFixtures.url(kind).path)
            let expected = try decodeToEnd(try factory.makeDecoder(reading: clean)).pcm
            clean.close()
            let source = FlakySource(try LocalFileSource(path: try OggFixtures.url(kind).path), failingReads: 0)
            defer { source.close() }
            let decoder = try factory.makeDecoder(reading: source)
            defer { decoder.close() }
            var pcm: [UInt8] = [], unavailable = 0, steps = 0
            var buffer = [UInt8](repeating: 0, count: 8_192)
            decoding: while true {
                steps += 1
                // An outage on every fifth step after the first ones, over in the next.
                source.reportsOutage = steps > 10 && steps % 5 == 0
                let readsBefore = source.reads
                do {
                    let step = try buffer.withUnsafeMutableBytes { pointer throws(PlaybackError) in try decoder.read(into: pointer) }
                    switch step {
                    case .pcm(let bytes): pcm += buffer[0..<bytes]
                    case .done: break decoding
                    default: break
                    }
                } catch {
                    guard case .source(.unavailable(_, let reason)) = error as? PlaybackError else { throw error }
                    unavailable += 1
                    XCTAssertEqual(reason, "connection refused")
                    XCTAssertEqual(source.reads, readsBefore, "\(kind): the library was not asked to read")
                }
            }
            XCTAssertGreaterThan(unavailable, 10, "\(kind)")
            XCTAssertEqual(pcm, expected, "\(kind): no sample lost or repeated")
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
    private var readCount = 0
    private var outageReported = false
    private var closed = false
    private(set) var outagesThrown = 0

    init(_ inner: ByteSource, failingReads: Int, every: Int = 2) {
        self.inner = inner
        self.every = every
        remaining = failingReads
    }

    var displayName: String { inner.displayName }
    var size: Int64? { inner.size }
    /// While set, the source says it is in an outage and has nothing buffered ahead.
    var reportsOutage: Bool {
        get { lock.lock(); defer { lock.unlock() }; return outageReported }
        set { lock.lock(); outageReported = newValue; lock.unlock() }
    }
    var reads: Int { lock.lock(); defer { lock.unlock() }; return readCount }
    var outage: ByteSourceOutage? { reportsOutage ? ByteSourceOutage(reason: "connection refused", retryInSeconds: 1) : nil }
    var bufferedBytesAhead: Int64 { reportsOutage ? 0 : inner.bufferedBytesAhead }

    func read(maxBytes: Int) throws(ByteSourceError) -> [UInt8]? {
        lock.lock()
        if closed { lock.unlock(); throw .closed }
        readCount += 1
        if remaining > 0 && readCount % every == 0 {
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
