import Foundation
import TestSupport
import XCTest

/// Issue #14: 64-bit float WAV, plain (format 3) and WAVE_FORMAT_EXTENSIBLE, plays through the
/// real binary as 32-bit float (FLOAT_LE; ALSA's file plugin takes it as it is), and `info`
/// shows the file's own 64-bit float.
final class Float64PlayCommandTests: XCTestCase {
    private let kinds: [LosslessTestFiles.Kind] = [.wavFloat64, .wavFloat64Extensible]

    private func floats(_ bytes: [UInt8]) -> [Float] {
        stride(from: 0, to: bytes.count - 3, by: 4).map { offset in
            Float(bitPattern: UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8
                | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24)
        }
    }

    func testSixtyFourBitFloatWAVReachesALSAAsFloatWithinOneStepOfSox() throws {
        try TestRequirement.requireTool("sox")
        let reference = try LosslessTestFiles.referencePCM(try LosslessTestFiles.url(.wavFloat32)).count
        XCTAssertEqual(reference, 5 * 48_000 * 2 * 4, "the fixtures are 5 s of 48 kHz stereo")
        for kind in kinds {
            let file = try LosslessTestFiles.url(kind)
            let played = try ALSACapture.play(["play", "--quiet", file.path])
            XCTAssertEqual(played.outcome.status, 0, "\(kind): \(played.outcome.standardError)")
            XCTAssertEqual(played.outcome.standardError, "", "\(kind)")
            let expected = floats(try LosslessTestFiles.soxFloat32PCM(try LosslessTestFiles.url(.wavFloat64)))
            let ours = floats(played.pcm)
            XCTAssertEqual(played.pcm.count, 5 * 48_000 * 2 * 4, "\(kind): FLOAT_LE, 4 bytes a sample")
            XCTAssertEqual(ours.count, expected.count, "\(kind)")
            // sox goes through its 32-bit integers; we round each double to the nearest float:
            // one float step at full scale (2^-23) apart at most.
            let apart = zip(ours, expected).filter { abs($0 - $1) > Float(1) / Float(1 << 23) }.count
            XCTAssertEqual(apart, 0, "\(kind): samples further than 2^-23 from sox's conversion")
        }
    }

    func testInfoShowsSixtyFourBitFloat() throws {
        for kind in kinds {
            let file = try LosslessTestFiles.url(kind)
            let text = try S3PlayProcess.run(["info", file.path])
            XCTAssertEqual(text.status, 0, text.standardError)
            let lines = text.standardOutput.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
            XCTAssertTrue(lines.contains("Format: WAV"), text.standardOutput)
            XCTAssertTrue(lines.contains("Bit depth: 64-bit float"), text.standardOutput)
            let json = try S3PlayProcess.run(["info", "--json", file.path])
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
            XCTAssertEqual(object["bitsPerSample"] as? Int, 64, "\(kind)")
            XCTAssertEqual(object["floatingPoint"] as? Bool, true, "\(kind)")
            XCTAssertEqual(object["lengthSamples"] as? Int, 240_000, "\(kind)")
        }
    }
}
