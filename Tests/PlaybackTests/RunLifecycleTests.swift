import Foundation
import Playback
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
            makeDecoder: { () throws(PlaybackError) -> AudioDecoder in
                if decoderFails { throw .decoder("", reason: "no decoder today") }
                return LedgerDecoder(try MPEGAudioDecoder(), ledger: ledger)
            },
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
        XCTAssertEqual(ledger.counts, CloseLedger.Counts(sourcesOpened: 2, sourcesClosed: 2, decodersMade: 2, decodersClosed: 2))
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

/// A real decoder that tells the ledger it was made and (once) closed.
final class LedgerDecoder: AudioDecoder {
    private let inner: AudioDecoder
    private let ledger: CloseLedger
    private var closed = false

    init(_ inner: AudioDecoder, ledger: CloseLedger) {
        self.inner = inner
        self.ledger = ledger
        ledger.record { $0.decodersMade += 1 }
    }

    func setFileSize(_ bytes: Int64) { inner.setFileSize(bytes) }
    func feed(_ bytes: [UInt8]) throws(PlaybackError) { try inner.feed(bytes) }
    func finishInput() throws(PlaybackError) { try inner.finishInput() }
    func decode(into buffer: UnsafeMutableRawBufferPointer) throws(PlaybackError) -> DecodeStep { try inner.decode(into: buffer) }
    func seek(toSample sample: Int64, guessing: Bool) throws(PlaybackError) -> (sample: Int64, inputOffset: Int64)? {
        try inner.seek(toSample: sample, guessing: guessing)
    }
    func farSeekMethod() -> FarSeekMethod { inner.farSeekMethod() }
    var lengthInSamples: Int64? { inner.lengthInSamples }
    var lengthIsExact: Bool { inner.lengthIsExact }

    func close() {
        if !closed { ledger.record { $0.decodersClosed += 1 } }
        closed = true
        inner.close()
    }
}
