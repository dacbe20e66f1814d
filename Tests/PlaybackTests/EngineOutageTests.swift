import Foundation
import MPEGDecoding
import PlaybackCore
import S3
import S3Streaming
import TestAssertions
import TestSupport
import XCTest

/// Issue #12 §4 end to end below the player: the engine plays an S3 object through the fault
/// proxy; one minute in, the endpoint refuses every connection (the proxy stops) for longer than
/// the buffer lasts. The track waits at its exact sample, never fails, and when the endpoint is
/// back it plays to its end: the PCM is mpg123's decode of the file, byte for byte.
final class EngineOutageTests: XCTestCase {
    func testARefusalLongerThanTheBufferWaitsAndThenPlaysTheTrackToItsEndByteIdentically() throws {
        let file = try TestAudioFiles.url(.fiveMinutes)
        let direct = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(direct, name: "engineoutage")
        try direct.putObject(bucket: bucket, key: "long.mp3", body: [UInt8](try Data(contentsOf: file)))
        let firstProxy = try HTTPFaultProxy(upstreamPort: SeaweedFS.port())
        let port = firstProxy.port
        let client = S3Client(settings: try SeaweedFS.settings(endpoint: "http://127.0.0.1:\(port)"),
                              transport: SeaweedFS.transport, retryPolicy: S3RetryPolicy(random: { 0 }), sleep: { _ in })
        var readerConfiguration = RangedObjectReaderConfiguration.playback
        readerConfiguration.chunkBytes = 128 << 10
        readerConfiguration.maxBackoff = 0.05  // durations scaled down: the test runs in seconds
        readerConfiguration.outageGrace = 0.5
        readerConfiguration.longOutageBackoff = 0.1
        let configuration = readerConfiguration
        let output = CapturingOutput()
        let events = LockedBox<[PlaybackEvent]>([])
        let handed = LockedBox(false)
        let engine = PlaybackEngine(
            output: output,
            decoders: DecoderRegistry([MPEGDecoderFactory()]),
            nextTrack: {
                var first = false
                handed.mutate { first = !$0; $0 = true }
                guard first else { return nil }
                return PlaybackTrack(title: "long") { () throws(ByteSourceError) -> ByteSource in
                    RangedObjectReader(client: client, bucket: bucket, key: "long.mp3", configuration: configuration)
                }
            },
            onEvent: { event in events.mutate { $0.append(event) } })

        // The audio thread stops at one minute until the endpoint is down.
        let reachedOneMinute = DispatchSemaphore(value: 0)
        let endpointDown = DispatchSemaphore(value: 0)
        let held = LockedBox(false)
        output.afterWrite = { bytes in
            guard bytes >= 60 * cdBytesPerSecond else { return }
            var first = false
            held.mutate { first = !$0; $0 = true }
            guard first else { return }
            reachedOneMinute.signal()
            endpointDown.wait()
        }
        engine.start()
        XCTAssertEqual(reachedOneMinute.wait(timeout: .now() + 30), .success)
        firstProxy.stop()
        endpointDown.signal()

        waitUntil("the track waits") { engine.snapshot.state == .waiting }
        let wait = try XCTUnwrap(engine.snapshot.waitingFor)
        XCTAssertEqual(wait.location, "s3://\(bucket)/long.mp3")
        XCTAssertTrue(wait.reason.contains("127.0.0.1:\(port)"), wait.reason)
        Thread.sleep(forTimeInterval: 1.5)  // past the (scaled) grace
        XCTAssertEqual(engine.snapshot.state, .waiting)
        XCTAssertEqual(output.calls.filter { $0 == .pause(true) }.count, 1, "the output is held once")
        let secondProxy = try HTTPFaultProxy(upstreamPort: SeaweedFS.port(), listenPort: port)
        defer { secondProxy.stop() }
        engine.waitUntilFinished()

        let reported = events.value
        XCTAssertFalse(reported.contains { if case .trackFailed = $0 { true } else { false } }, "\(reported)")
        XCTAssertEqual(reported.filter { if case .waiting = $0 { true } else { false } }.count, 1)
        XCTAssertTrue(output.pcm == (try TestAudioFiles.referencePCM(file)), "the whole track, every sample once")
    }
}
