import AudioTags
import Foundation
import TestSupport
import XCTest

/// Hostile and broken input: a summary with a `problem`, never a trap, and never more than four reads.
final class RobustnessTests: XCTestCase {
    private func read(_ bytes: [UInt8], line: UInt = #line) -> TagReading {
        let reading = TagReading(bytes, line: line)
        XCTAssertLessThanOrEqual(reading.reads.count, 4, line: line)
        return reading
    }

    func testZeroByteObjectIsNotMPEGAudio() {
        let reading = read([])
        XCTAssertEqual(reading.reads, [0..<0])
        XCTAssertEqual(reading.summary.problem, "not MPEG audio: no MPEG frame after byte 0")
        XCTAssertNil(reading.summary.durationSeconds)
    }

    func testTextFileIsNotMPEGAudio() throws {
        let bytes = [UInt8](try Data(contentsOf: TestAudioFiles.url(.textFileNamedMP3)))
        let reading = read(bytes)
        XCTAssertEqual(reading.summary.problem, "not MPEG audio: no MPEG frame after byte 0")
        XCTAssertEqual(reading.reads.count, 1, "no ID3v1 read for what is not audio")
    }

    func testSeededRandomBytesAreNotMPEGAudio() {
        var generator = SeededGenerator(seed: 0x5EED)
        for length in [1, 9, 10, 127, 128, 129, 4_000, 70_000, 200_000] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let reading = read(bytes)
            XCTAssertEqual(reading.summary.problem, "not MPEG audio: no MPEG frame after byte 0", "\(length)")
        }
    }

    func testTagClaimingMoreThanTheObjectIsReadAsFarAsItGoes() {
        var tag = ID3TagBuilder(.v2_3)
        tag.text("TIT2", "Claims Too Much")
        var bytes = tag.build() + silentFrames(10)
        bytes.replaceSubrange(6..<10, with: ID3TagBuilder.syncsafe(200_000_000))
        let reading = read(bytes)
        XCTAssertEqual(reading.reads.count, 1, "the rest would be the whole object")
        XCTAssertEqual(reading.summary.title, "Claims Too Much")
        XCTAssertEqual(reading.summary.problem, "the ID3v2 tag claims 200000010 bytes, more than the object's "
            + "\(bytes.count); the ID3v2 tag is cut short; "
            + "the ID3v2 tag holds no valid frame at byte 36; not MPEG audio: no MPEG frame after byte 200000010")
    }

    func testTagSizeWithHighBitsSetIsNoTag() {
        let bytes = Array("ID3".utf8) + [3, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF] + silentFrames(10)
        let reading = read(bytes)
        XCTAssertEqual(reading.summary.tagBytes, 0)
        XCTAssertEqual(reading.summary.problem, "the ID3v2 tag size is not a syncsafe integer")
        XCTAssertEqual(reading.summary.audioStart, 10, "the frames after the broken header are still found")
    }

    func testTruncatedTagsAtEveryLength() {
        var tag = ID3TagBuilder(.v2_4)
        tag.extendedHeader = true
        tag.text("TIT2", "Cut", encoding: .utf16LittleEndianBOM)
        tag.text("TPE1", "Short", encoding: .utf8)
        let bytes = tag.build()
        for length in 0..<bytes.count {
            let reading = read(Array(bytes.prefix(length)))
            XCTAssertNotNil(reading.summary.problem, "\(length)")
        }
    }

    func testCutShortAudioIsReported() throws {
        let reading = read([UInt8](try Data(contentsOf: TestAudioFiles.url(.truncated))))
        XCTAssertEqual(reading.summary.sampleRate, 44_100)
        XCTAssertTrue(reading.summary.problem?.hasPrefix("the audio is cut short") ?? false,
                      reading.summary.problem ?? "no problem")
    }

    /// 5,000 seeded mutations (byte flips, insertions, cuts) of a tag with every feature, in
    /// front of real audio: the reader must finish each within four reads.
    func testFuzzedTagsNeverTrap() throws {
        try TestRequirement.requireTime(40, for: "a seeded fuzz run over thousands of mutated tags")
        var tag = ID3TagBuilder(.v2_4)
        tag.unsynchronise = true
        tag.extendedHeader = true
        tag.footer = true
        tag.text("TIT2", "Fuzz 🎤", encoding: .utf16LittleEndianBOM)
        tag.text("TPE1", "A", "B", encoding: .utf8)
        tag.text("TRCK", "1/2")
        tag.picture(length: 300)
        let original = tag.build() + silentFrames(20)
        let versions: [UInt8] = [2, 3, 4]
        var generator = SeededGenerator(seed: 42)
        for round in 0..<5_000 {
            var bytes = original
            bytes[3] = versions[round % 3]
            for _ in 0..<Int.random(in: 1...8, using: &generator) {
                let index = Int.random(in: 0..<min(bytes.count, 600), using: &generator)
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: bytes[index] = UInt8.random(in: 0...255, using: &generator)
                case 1: bytes[index] ^= 0x80
                case 2: bytes.insert(0xFF, at: index)
                default: bytes.removeSubrange(index..<min(bytes.count, index + 3))
                }
            }
            if round % 10 == 0 { bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &generator))) }
            _ = read(bytes)
        }
    }

    func testBytesAtTheWrongOffsetFinishWithAProblem() {
        var reader = AudioTagReader(objectSize: 1_000)
        guard case .finished(let summary) = reader.read([1, 2, 3], at: 500) else { return XCTFail("expected a summary") }
        XCTAssertEqual(summary.problem, "bytes arrived at offset 500, not at 0 as asked")
        XCTAssertEqual(reader.read([], at: 0), .finished(summary), "a finished reader stays finished")
    }
}

/// SplitMix64: the same bytes on every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
