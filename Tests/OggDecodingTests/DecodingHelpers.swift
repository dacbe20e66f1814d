import Foundation
import OggDecoding
import PlaybackCore
import XCTest

/// What a decoder produced from its current position to the end.
struct DecodedTrack {
    var pcm: [UInt8] = []
    /// Every `.newFormat`, in order, with the PCM byte offset it applied from.
    var formats: [(offset: Int, format: PCMFormat)] = []
}

/// Reads `decoder` to `.done` with a buffer of `bufferBytes` (odd sizes included: frames must stay whole).
func decodeToEnd(_ decoder: TrackDecoder, bufferBytes: Int = 16_384,
                 file: StaticString = #filePath, line: UInt = #line) throws -> DecodedTrack {
    var track = DecodedTrack()
    var buffer = [UInt8](repeating: 0, count: bufferBytes)
    while true {
        let step = try buffer.withUnsafeMutableBytes { pointer throws(PlaybackError) in try decoder.read(into: pointer) }
        switch step {
        case .newFormat(let format): track.formats.append((track.pcm.count, format))
        case .pcm(let bytes):
            let frame = track.formats.last?.format.bytesPerFrame ?? 1
            XCTAssertEqual(bytes % frame, 0, "PCM in whole frames", file: file, line: line)
            track.pcm += buffer[0..<bytes]
        case .done: return track
        case .needMore: XCTFail("a pull decoder never needs more", file: file, line: line); return track
        }
    }
}

/// The largest difference between two S16_LE sample streams of equal length (nil when the
/// lengths differ).
func maxSampleDifference(_ left: [UInt8], _ right: [UInt8]) -> Int? {
    guard left.count == right.count else { return nil }
    var largest = 0
    left.withUnsafeBytes { l in
        right.withUnsafeBytes { r in
            let a = l.bindMemory(to: Int16.self), b = r.bindMemory(to: Int16.self)
            for index in 0..<a.count { largest = max(largest, abs(Int(Int16(littleEndian: a[index])) - Int(Int16(littleEndian: b[index])))) }
        }
    }
    return largest
}

func XCTAssertPCMWithin(_ actual: [UInt8], _ expected: [UInt8], tolerance: Int, _ message: String = "",
                        file: StaticString = #filePath, line: UInt = #line) {
    guard let difference = maxSampleDifference(actual, expected) else {
        XCTFail("\(message): \(actual.count) PCM bytes, expected \(expected.count)", file: file, line: line)
        return
    }
    XCTAssertLessThanOrEqual(difference, tolerance, "\(message): largest sample difference", file: file, line: line)
}

/// Opus after a seek: libopusfile starts decoding 80 ms before the target (RFC 7845 §4.6
/// pre-roll), which brings the decoder state close to a continuous decode's but not equal:
/// measured on the fixtures, up to 1783 steps apart just after the target, shrinking, and
/// identical from 18 920 samples (0.39 s) on. So the samples from `opusSeekConvergenceFrames`
/// on must equal `opusdec`'s, which places them exactly (a seek off by one sample would not).
func XCTAssertOpusAfterSeek(_ pcm: [UInt8], _ reference: [UInt8], target: Int64, frameBytes: Int = 4,
                            file: StaticString = #filePath, line: UInt = #line) {
    let skip = OggFixtures.opusSeekConvergenceFrames * frameBytes
    let start = Int(target) * frameBytes
    guard pcm.count > skip, reference.count >= start + pcm.count else {
        XCTFail("\(pcm.count) PCM bytes after the seek: too few to compare", file: file, line: line)
        return
    }
    XCTAssertPCMWithin(Array(pcm[skip...]), Array(reference[(start + skip)..<(start + pcm.count)]),
                       tolerance: OggFixtures.opusAfterSeekTolerance, "Opus from 0.5 s after the seek", file: file, line: line)
}
