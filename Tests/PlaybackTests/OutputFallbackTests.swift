import Foundation
import PlaybackCore
import TestSupport
import XCTest

/// Issue #12 §7: an output that fails mid-track (the device went away) is closed and playing
/// goes on into the fallback with a notice; the track does not fail, the queue does not move.
final class OutputFallbackTests: XCTestCase {
    func testAFailingOutputIsReplacedByTheFallbackWithoutLosingAFrameOrATrack() throws {
        let files = [try TestAudioFiles.url(.cbr320), try TestAudioFiles.url(.vbrLAME)]
        let vanishing = VanishingOutput(failAfterBytes: 3 * cdBytesPerSecond)
        let fallback = CapturingOutput()
        var configuration = PlaybackEngine.Configuration()
        configuration.makeFallbackOutput = { fallback }
        let harness = EngineHarness(files: files, output: vanishing, configuration: configuration)
        harness.play()

        let failures = harness.reported.filter { if case .trackFailed = $0 { true } else { false } }
        XCTAssertEqual(failures, [], "no track failed")
        let notices = harness.reported.compactMap { if case .notice(let text) = $0 { text } else { nil } }
        XCTAssertEqual(notices.count, 1, "\(notices)")
        XCTAssertTrue(notices.first?.contains("device went away") == true, "\(notices)")
        XCTAssertTrue(notices.first?.contains("silently through the capture output") == true, "\(notices)")
        XCTAssertTrue(vanishing.closed, "the failed output was closed")
        XCTAssertEqual(fallback.calls.first, .start(PCMFormat(sampleRate: 44_100, channels: 2)))
        let reference = try files.flatMap { try TestAudioFiles.referencePCM($0) }
        XCTAssertTrue(vanishing.accepted + fallback.pcm == reference,
                      "the buffer that failed went to the fallback; nothing lost or repeated")
    }

    func testWithoutAFallbackTheErrorEndsTheTrackAsBefore() throws {
        var configuration = PlaybackEngine.Configuration()
        configuration.makeFallbackOutput = nil
        let harness = EngineHarness(files: [try TestAudioFiles.url(.cbr320)],
                                    output: VanishingOutput(failAfterBytes: cdBytesPerSecond), configuration: configuration)
        harness.play()
        XCTAssertTrue(harness.reported.contains { if case .trackFailed = $0 { true } else { false } })
    }
}

/// Takes writes until `failAfterBytes`, then fails every write as a vanished device does.
final class VanishingOutput: AudioOutput, @unchecked Sendable {
    let name = "vanishing"
    private let failAfterBytes: Int
    private(set) var accepted: [UInt8] = []
    private(set) var closed = false

    init(failAfterBytes: Int) { self.failAfterBytes = failAfterBytes }

    func start(format: PCMFormat) throws(PlaybackError) {}

    func write(_ pcm: UnsafeRawBufferPointer) throws(PlaybackError) {
        guard accepted.count + pcm.count <= failAfterBytes, !closed else { throw .output("the device went away") }
        accepted.append(contentsOf: pcm)
    }

    var delayFrames: Int { 0 }
    func pause(_ paused: Bool) throws(PlaybackError) {}
    func discardPending() {}
    func drain() {}
    func close() { closed = true }
}
