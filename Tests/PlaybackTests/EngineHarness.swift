import Foundation
import MPEGDecoding
import PlaybackCore
import Storage
import TestAssertions
import TestSupport
import XCTest

/// An engine over local fixture files, and what it reported.
final class EngineHarness: @unchecked Sendable {
    let engine: PlaybackEngine
    private let events = LockedBox<[PlaybackEvent]>([])

    init(files: [URL], output: AudioOutput, configuration: PlaybackEngine.Configuration = PlaybackEngine.Configuration(),
         decoders: DecoderRegistry = DecoderRegistry([MPEGDecoderFactory()])) {
        let queue = LockedBox(files)
        let events = self.events
        engine = PlaybackEngine(
            output: output, configuration: configuration,
            decoders: decoders,
            nextTrack: {
                var next: URL?
                queue.mutate { if !$0.isEmpty { next = $0.removeFirst() } }
                return next.map { url in
                    PlaybackTrack(title: url.lastPathComponent) { () throws(ByteSourceError) -> ByteSource in
                        try LocalFileSource(path: url.path)
                    }
                }
            },
            onEvent: { event in events.mutate { $0.append(event) } })
    }

    var reported: [PlaybackEvent] { events.value }

    /// Plays to the end; fails the test instead of hanging forever.
    func play(volume: Int = 100, file: StaticString = #filePath, line: UInt = #line) {
        engine.start(volumePercent: volume)
        waitForFinish(file: file, line: line)
    }

    func waitForFinish(file: StaticString = #filePath, line: UInt = #line) {
        waitUntil("the engine finishes", file: file, line: line) { self.engine.snapshot.state == .finished }
    }
}

/// 44.1 kHz stereo S16: bytes per second of the CBR fixtures.
let cdBytesPerSecond = 44_100 * 4
