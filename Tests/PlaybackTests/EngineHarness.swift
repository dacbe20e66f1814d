import Foundation
import Playback
import TestSupport
import XCTest

/// An engine over local fixture files, and what it reported.
final class EngineHarness: @unchecked Sendable {
    let engine: PlaybackEngine
    private let events = LockedBox<[PlaybackEvent]>([])

    init(files: [URL], output: AudioOutput, configuration: PlaybackEngine.Configuration = PlaybackEngine.Configuration()) {
        let queue = LockedBox(files)
        let events = self.events
        engine = PlaybackEngine(
            output: output, configuration: configuration,
            makeDecoder: { () throws(PlaybackError) -> AudioDecoder in try MPEGAudioDecoder() },
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

/// Polls `condition` every millisecond for up to 60 s.
func waitUntil(_ what: String, file: StaticString = #filePath, line: UInt = #line, _ condition: () -> Bool) {
    let deadline = Date(timeIntervalSinceNow: 60)
    while !condition() {
        if Date() > deadline {
            XCTFail("timed out waiting until \(what)", file: file, line: line)
            return
        }
        usleep(1_000)
    }
}

/// Compares PCM without printing megabytes on failure: the sizes and the first differing byte.
func XCTAssertSamePCM(_ actual: ArraySlice<UInt8>, _ expected: ArraySlice<UInt8>, _ message: String = "",
                      file: StaticString = #filePath, line: UInt = #line) {
    guard actual != expected else { return }
    let firstDifference = zip(actual, expected).enumerated().first { $1.0 != $1.1 }?.offset
        ?? min(actual.count, expected.count)
    XCTFail("PCM differs \(message): \(actual.count) bytes vs \(expected.count) expected, "
            + "first difference at byte \(firstDifference)", file: file, line: line)
}

func XCTAssertSamePCM(_ actual: [UInt8], _ expected: [UInt8], _ message: String = "",
                      file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertSamePCM(actual[...], expected[...], message, file: file, line: line)
}

/// 44.1 kHz stereo S16: bytes per second of the CBR fixtures.
let cdBytesPerSecond = 44_100 * 4
