import Foundation
import TestSupport
import XCTest

/// The real binary against a server that answers well-formed and wrong (HostileS3StandIn): each
/// case ends in bounded time and requests, never plays other PCM with exit status 0, and says
/// what went wrong in one line with no terminal control in it.
final class HostileServerCommandTests: XCTestCase {
    typealias Behaviour = HostileS3StandIn.Behaviour
    private var standIn: HostileS3StandIn!
    private var song: [UInt8] = []
    private var reference: [UInt8] = []

    override func setUpWithError() throws {
        let file = try TestAudioFiles.url(.cbr320)
        song = Array(try Data(contentsOf: file))
        reference = try TestAudioFiles.referencePCM(file)
        standIn = try HostileS3StandIn(objects: ["song.mp3": song], slowByteInterval: .milliseconds(50))
    }

    override func tearDown() { standIn?.stop() }

    private var endpoint: [String] { ["--endpoint-url", standIn.endpoint] }

    private func gets(_ behaviour: Behaviour) -> Int { standIn.requests(in: behaviour).filter { $0.method == "GET" }.count }

    /// One line on stderr, "s3play: …", printable.
    private func assertOneCleanLine(_ text: String, line: UInt = #line) {
        XCTAssertEqual(text.filter { $0 == "\n" }.count, 1, text, line: line)
        XCTAssertTrue(text.hasPrefix("s3play: "), text, line: line)
        XCTAssertFalse(text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, text, line: line)
    }

    func testAServerThatIgnoresRangePlaysTheExactPCM() throws {
        let played = try ALSACapture.play(["play", "--quiet"] + endpoint + ["s3://\(Behaviour.fullObjectForRange.rawValue)/song.mp3"])
        XCTAssertEqual(played.outcome.status, 0, played.outcome.standardError)
        XCTAssertTrue(played.pcm == reference, "each chunk is the bytes asked for, not a repeat of the file's start")
        let chunks = (song.count + (1 << 20) - 1) / (1 << 20)
        XCTAssertEqual(gets(.fullObjectForRange), chunks)
    }

    func testWrongAnswersFailTheTrackInOneLineWithinTheRetryBudget() throws {
        let budget = 5  // RangedObjectReaderConfiguration.maxAttemptsWithoutProgress
        let cases: [(Behaviour, Int)] = [(.shiftedContentRange, 1), (.emptyPartialContent, budget),
                                         (.shortContentLength, budget)]
        for (behaviour, requests) in cases {
            let played = try ALSACapture.play(["play", "--quiet"] + endpoint + ["s3://\(behaviour.rawValue)/song.mp3"])
            XCTAssertNotEqual(played.outcome.status, 0, "\(behaviour)")
            assertOneCleanLine(played.outcome.standardError)
            XCTAssertTrue(played.pcm == Array(reference.prefix(played.pcm.count)), "\(behaviour): no other PCM than the file's own")
            XCTAssertLessThanOrEqual(gets(behaviour), requests, "\(behaviour)")
        }
    }

    func testAnObjectWhoseETagChangesMidPlaybackStopsWithoutMixingVersions() throws {
        let file = try TestAudioFiles.url(.fiveMinutes)
        let long = Array(try Data(contentsOf: file))
        let standIn = try HostileS3StandIn(objects: ["long.mp3": long])
        defer { standIn.stop() }
        let played = try ALSACapture.play(["play", "--quiet", "--endpoint-url", standIn.endpoint,
                                           "s3://\(Behaviour.etagChangesMidObject.rawValue)/long.mp3"])
        XCTAssertNotEqual(played.outcome.status, 0)
        assertOneCleanLine(played.outcome.standardError)
        XCTAssertTrue(played.outcome.standardError.contains("changed while it was playing"), played.outcome.standardError)
        let reference = try TestAudioFiles.referencePCM(file)
        XCTAssertLessThan(played.pcm.count, reference.count)
        XCTAssertTrue(played.pcm == Array(reference.prefix(played.pcm.count)), "only the first version's PCM")
        XCTAssertEqual(standIn.requests(in: .etagChangesMidObject).filter { $0.method == "GET" }.count, 2)
    }

    func testInfoOnAShiftedRangeSaysSoInsteadOfLosingTheTags() throws {
        let outcome = try S3PlayProcess.run(["info"] + endpoint + ["s3://\(Behaviour.shiftedContentRange.rawValue)/song.mp3"])
        XCTAssertEqual(outcome.status, 1)
        assertOneCleanLine(outcome.standardError)
        XCTAssertTrue(outcome.standardError.contains("other bytes than those asked for"), outcome.standardError)
        XCTAssertEqual(gets(.shiftedContentRange), 1)
    }

    func testAServerSendingOneByteAtATimeIsCutOffAtTheMinimumRate() throws {
        let outcome = try S3PlayProcess.run(["info"] + endpoint + ["s3://\(Behaviour.oneBytePerInterval.rawValue)/song.mp3"],
                                            environment: ["S3PLAY_LOW_SPEED_LIMIT": "1000", "S3PLAY_LOW_SPEED_TIME": "0.3"])
        XCTAssertEqual(outcome.status, 1)
        assertOneCleanLine(outcome.standardError)
        XCTAssertTrue(outcome.standardError.contains("below 1000 bytes/s"), outcome.standardError)
        XCTAssertLessThanOrEqual(gets(.oneBytePerInterval), 5)
    }

    func testEndlessListingsEndInOneLine() throws {
        for (behaviour, pages) in [(Behaviour.repeatedContinuationToken, 2), (.freshTokensSameKeys, 2), (.missingContinuationToken, 1)] {
            let outcome = try S3PlayProcess.run(["ls", "--parallel", "1"] + endpoint + ["s3://\(behaviour.rawValue)"])
            XCTAssertEqual(outcome.status, 1, "\(behaviour)")
            assertOneCleanLine(outcome.standardError)
            XCTAssertEqual(gets(behaviour), pages, "\(behaviour)")
        }
    }
}
