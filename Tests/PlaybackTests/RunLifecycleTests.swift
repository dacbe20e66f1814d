import Foundation
import MPEGDecoding
import PlaybackCore
import Storage
import TestAssertions
import TestSupport
import XCTest

/// Issue #12 §2: a run that ends (played out, stopped, failed) has closed its output, every
/// decoder and every byte source it opened, and its audio thread has exited, when
/// `waitUntilFinished` returns: not later, when ARC gets round to it.
final class RunLifecycleTests: XCTestCase {
    private var threadCount: Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").count) ?? -1
    }

    private func engine(files: [URL], output: AudioOutput, ledger: CloseLedger,
                        configuration: PlaybackEngine.Configuration = PlaybackEngine.Configuration(),
                        decoderFails: Bool = false) -> PlaybackEngine {
        let queue = LockedBox(files)
        return PlaybackEngine(
            output: output, configuration: configuration,
            decoders: DecoderRegistry([LedgerDecoderFactory(ledger: ledger, fails: decoderFails)]),
            nextTrack: {
                var next: URL?
                queue.mutate { if !$0.isEmpty { next = $0.removeFirst() } }
                return next.map { url in
                    PlaybackTrack(title: url.lastPathComponent) { () throws(ByteSourceError) -> ByteSource in
                        LedgerSource(try LocalFileSource(path: url.path), ledger: ledger)
                    }
                }
            })
    }

    func testARunPlayedToTheEndClosesItsOutputEveryDecoderAndEverySourceAndLetsGoOfTheEngine() throws {
        let ledger = CloseLedger()
        let output = CapturingOutput()
        weak var released: PlaybackEngine?
        do {
            let engine = engine(files: [try TestAudioFiles.url(.cbr320), try TestAudioFiles.url(.mono22k)],
                                output: output, ledger: ledger)
            released = engine
            engine.start()
            engine.waitUntilFinished()
        }
        XCTAssertEqual(ledger.counts, CloseLedger.Counts(sourcesOpened: 2, sourcesClosed: 2, decodersMade: 2, decodersClosed: 2))
        XCTAssertEqual(output.calls.filter { $0 == .close }.count, 1)
        XCTAssertEqual(output.calls.last, .close)
        XCTAssertNil(released, "the finished audio thread still holds the engine")
    }

    func testAStoppedRunClosesThePlayingAndThePrefetchedTrack() throws {
        let ledger = CloseLedger()
        let output = CapturingOutput()
        var configuration = PlaybackEngine.Configuration()
        configuration.prefetchNextSeconds = 1_000  // the second track opens with the first PCM
        let engine = engine(files: [try TestAudioFiles.url(.cbr320), try TestAudioFiles.url(.vbrLAME)],
                            output: output, ledger: ledger, configuration: configuration)
        output.afterWrite = { bytes in if bytes >= cdBytesPerSecond { engine.send(.stop) } }
        engine.start()
        engine.waitUntilFinished()
        // The prefetched track's source is open (its first GET is what prefetching is for); its
        // decoder is made at its first read, from the file's first bytes, which the run never reached.
        XCTAssertEqual(ledger.counts, CloseLedger.Counts(sourcesOpened: 2, sourcesClosed: 2, decodersMade: 1, decodersClosed: 1))
        XCTAssertLessThan(output.pcm.count, 5 * cdBytesPerSecond, "stopped early, not played out")
        XCTAssertEqual(output.calls.last, .close)
    }

    func testASourceIsClosedWhenNoDecoderCanBeMadeForIt() throws {
        let ledger = CloseLedger()
        let output = CapturingOutput()
        let engine = engine(files: [try TestAudioFiles.url(.cbr320)], output: output, ledger: ledger, decoderFails: true)
        engine.start()
        engine.waitUntilFinished()
        XCTAssertEqual(ledger.counts, CloseLedger.Counts(sourcesOpened: 1, sourcesClosed: 1, decodersMade: 0, decodersClosed: 0))
        XCTAssertEqual(output.calls.last, .close)
    }

    func testALocalFileSourceGivesBackItsDescriptorOnCloseNotWhenReleased() throws {
        let path = try TestAudioFiles.url(.cbr320).path
        let descriptors = { (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? -1 }
        let before = descriptors()
        let sources = try (0..<20).map { _ in try LocalFileSource(path: path) }
        XCTAssertEqual(descriptors(), before + 20)
        sources.forEach { $0.close() }
        XCTAssertEqual(descriptors(), before, "closed sources, still referenced, hold no descriptor")
        XCTAssertThrowsError(try sources[0].read(maxBytes: 10)) { XCTAssertEqual($0 as? ByteSourceError, .closed) }
    }

    func testNoAudioThreadOutlivesItsRun() throws {
        let file = try TestAudioFiles.url(.cbr320)
        let before = threadCount
        for _ in 0..<30 {
            let output = CapturingOutput()
            let engine = engine(files: [file], output: output, ledger: CloseLedger())
            output.afterWrite = { _ in engine.send(.stop) }
            engine.start()
            engine.waitUntilFinished()
        }
        XCTAssertLessThanOrEqual(threadCount, before, "threads left behind by 30 runs")
    }
}

/// Counts what the engine opened and closed through the doubles below.
final class CloseLedger: @unchecked Sendable {
    struct Counts: Equatable {
        var sourcesOpened = 0, sourcesClosed = 0, decodersMade = 0, decodersClosed = 0
    }

    private let box = LockedBox(Counts())
    var counts: Counts { box.value }
    func record(_ change: (inout Counts) -> Void) { box.mutate(change) }
}

/// A real source that tells the ledger it was opened and (once) closed.
final class LedgerSource: ByteSource, @unchecked Sendable {
    private let inner: ByteSource
    private let ledger: CloseLedger
    private let closed = LockedBox(false)

    init(_ inner: ByteSource, ledger: CloseLedger) {
        self.inner = inner
        self.ledger = ledger
        ledger.record { $0.sourcesOpened += 1 }
    }

    var displayName: String { inner.displayName }
    var size: Int64? { inner.size }
    var bufferedBytesAhead: Int64 { inner.bufferedBytesAhead }
    var outage: ByteSourceOutage? { inner.outage }
    func read(maxBytes: Int) throws(ByteSourceError) -> [UInt8]? { try inner.read(maxBytes: maxBytes) }
    func seek(to offset: Int64) { inner.seek(to: offset) }

    func close() {
        var first = false
        closed.mutate { first = !$0; $0 = true }
        if first { ledger.record { $0.sourcesClosed += 1 } }
        inner.close()
    }
}

/// Makes real MP3 decoders that tell the ledger they were made and (once) closed; or fails.
struct LedgerDecoderFactory: TrackDecoderFactory {
    let ledger: CloseLedger
    let fails: Bool
    private let inner = MPEGDecoderFactory()

    var formatName: String { inner.formatName }
    var fileExtensions: Set<String> { inner.fileExtensions }
    func recognizes(head: [UInt8]) -> Bool { inner.recognizes(head: head) }

    func makeDecoder(reading source: ByteSource) throws(PlaybackError) -> TrackDecoder {
        if fails { throw .decoder("", reason: "no decoder today") }
        return LedgerDecoder(try inner.makeDecoder(reading: source), ledger: ledger)
    }
}

/// A real decoder that tells the ledger it was made and (once) closed.
final class LedgerDecoder: TrackDecoder {
    private let inner: TrackDecoder
    private let ledger: CloseLedger
    private var closed = false

    init(_ inner: TrackDecoder, ledger: CloseLedger) {
        self.inner = inner
        self.ledger = ledger
        ledger.record { $0.decodersMade += 1 }
    }

    var format: PCMFormat? { inner.format }
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(PlaybackError) -> DecodeStep { try inner.read(into: buffer) }
    func seek(toSample sample: Int64) throws(PlaybackError) -> Int64? { try inner.seek(toSample: sample) }
    var lengthInSamples: Int64? { inner.lengthInSamples }
    var lengthIsExact: Bool { inner.lengthIsExact }

    func close() {
        if !closed { ledger.record { $0.decodersClosed += 1 } }
        closed = true
        inner.close()
    }
}
