import FLACDecoding
import Foundation
import PCMFileDecoding
import PlaybackCore
import Storage
import TestSupport
import XCTest

/// The engine's read-ahead window holds the same time of audio whatever the byte rate: a
/// 1.4 Mbit/s WAV and a 24/96 FLAC (about 2 Mbit/s here) both get `readAheadSeconds` of it,
/// because their decoders count their exact length before the first PCM (issue #14).
final class ReadAheadInSecondsTests: XCTestCase {
    /// Takes PCM as fast as it comes.
    private final class DiscardingOutput: AudioOutput {
        var name: String { "discard" }
        func start(format: PCMFormat) throws(PlaybackError) {}
        func write(_ pcm: UnsafeRawBufferPointer) throws(PlaybackError) {}
        var delayFrames: Int { 0 }
        func pause(_ paused: Bool) throws(PlaybackError) {}
        func discardPending() {}
        func drain() {}
        func close() {}
    }

    func testTheWindowIsThirtySecondsOfAudioForWAVAndFLACAlike() throws {

        try TestRequirement.requireTime(4, for: "plays a WAV and a 24/96 FLAC through the engine")
        for kind in [LosslessTestFiles.Kind.wav16x44, .flac24x96] {
            let file = try LosslessTestFiles.url(kind)
            let source = ReadAheadRecordingSource(try LocalFileSource(path: file.path))
            let handed = LockedBox(false)
            var configuration = PlaybackEngine.Configuration()
            configuration.readAheadSeconds = 30
            let engine = PlaybackEngine(
                output: DiscardingOutput(), configuration: configuration,
                decoders: DecoderRegistry([FLACTrackDecoderFactory(), WAVTrackDecoderFactory()]),
                nextTrack: {
                    var first = false
                    handed.mutate { first = !$0; $0 = true }
                    return first ? PlaybackTrack(title: file.lastPathComponent) { () throws(ByteSourceError) -> ByteSource in source } : nil
                })
            engine.start()
            engine.waitUntilFinished()
            let size = Double(try Data(contentsOf: file).count)
            let seconds: Double = kind == .wav16x44 ? 6 : 30
            let asked = try XCTUnwrap(source.asked.value.first, "\(kind): the engine never sized the window")
            XCTAssertEqual(Double(asked) / (size / seconds), 30, accuracy: 0.01, "\(kind)")
        }
    }
}
