@testable import AudioTags
import Foundation
import TestSupport
import XCTest

/// Issue 12, hostile input: real MP3s (the fixtures and mutagen's corpus) mutated at random,
/// seeded so every run sees the same bytes: flipped bytes, cuts, huge and zero ID3v2 sizes,
/// broken Xing/Info/VBRI counts. The reader (scan, `info`) and the stream head (playback) must
/// finish every one without a trap, within four reads, reading no more than the object holds
/// and keeping no more than they read.
final class MutatedFileFuzzTests: XCTestCase {
    private static let rounds = 2_000

    func testMutatedRealFilesNeverTrapAndStayWithinTheirReads() throws {
        var originals: [[UInt8]] = []
        for kind in [TestAudioFiles.Kind.cbr320, .vbrLAME, .mono22k, .taggedUTF16, .taggedID3v24UTF8, .taggedID3v1Only] {
            // The head and the tail are what the readers look at; the audio between is cut to
            // keep 2,000 rounds quick in a debug build.
            let whole = [UInt8](try Data(contentsOf: TestAudioFiles.url(kind)))
            originals.append(whole.count <= 100_000 ? whole : Array(whole.prefix(90_000) + whole.suffix(8_192)))
        }
        for name in ["vbri.mp3", "apev2-lyricsv2.mp3", "id3v22-test.mp3", "bad-xing.mp3", "silence-44-s.mp3"] {
            originals.append(try RealWorldMP3s.bytes(name))
        }
        var generator = SeededGenerator(seed: 0xF022)
        for round in 0..<Self.rounds {
            let bytes = mutate(originals[round % originals.count], round: round, using: &generator)
            let reading = TagReading(bytes)
            XCTAssertLessThanOrEqual(reading.reads.count, 4, "round \(round)")
            for range in reading.reads {
                XCTAssertTrue(range.lowerBound >= 0 && range.upperBound <= Int64(bytes.count), "round \(round): \(range)")
            }
            if let seconds = reading.summary.durationSeconds {
                XCTAssertTrue(seconds.isFinite && seconds >= 0, "round \(round): \(seconds)")
                // A counted length the bytes could not hold (at 8 kbps, the lowest bitrate) is
                // not believed, unless the header's own byte count says the file was longer.
                if reading.summary.durationIsExact, !(reading.summary.problem?.contains("cut short") ?? false) {
                    XCTAssertLessThan(seconds, Double(bytes.count) * 8 / 8_000 + 1, "round \(round)")
                }
            }
            var head = MPEGStreamHead()
            let piece = [1, 7, 512, 4_096, 65_536][round % 5]
            var offset = 0
            while offset < bytes.count, !head.isDecided {
                let end = min(bytes.count, offset + piece)
                bytes[offset..<end].withUnsafeBytes { head.feed($0) }
                offset = end
            }
            head.finish()
            _ = head.length(objectSize: Int64(bytes.count))
        }
    }

    /// One to six mutations, each aimed where files break readers.
    private func mutate(_ original: [UInt8], round: Int, using generator: inout SeededGenerator) -> [UInt8] {
        var bytes = original
        for _ in 0..<Int.random(in: 1...6, using: &generator) {
            guard !bytes.isEmpty else { break }
            let index = Int.random(in: 0..<min(bytes.count, 4_096), using: &generator)
            switch Int.random(in: 0..<7, using: &generator) {
            case 0: bytes[index] = UInt8.random(in: 0...255, using: &generator)
            case 1: bytes[index] ^= 1 << UInt8.random(in: 0...7, using: &generator)
            case 2:
                // A cut anywhere in the file.
                bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &generator)))
            case 3:
                // A huge or zero ID3v2 size (syncsafe or not).
                if bytes.count >= 10, bytes.starts(with: Array("ID3".utf8)) {
                    let sizes: [[UInt8]] = [[0x7F, 0x7F, 0x7F, 0x7F], [0, 0, 0, 0], [0xFF, 0xFF, 0xFF, 0xFF], [0, 0x10, 0, 0]]
                    bytes.replaceSubrange(6..<10, with: sizes[Int.random(in: 0..<sizes.count, using: &generator)])
                }
            case 4:
                // A broken frame or byte count after "Xing", "Info" or "VBRI".
                for marker in ["Xing", "Info", "VBRI"] {
                    guard let at = firstIndex(of: Array(marker.utf8), in: bytes) else { continue }
                    let field = at + (marker == "VBRI" ? 10 + 4 * Int.random(in: 0...1, using: &generator)
                                                       : 8 + 4 * Int.random(in: 0...1, using: &generator))
                    let values: [UInt32] = [0, 1, 0xFFFF_FFFF, 0x7FFF_FFFF, UInt32.random(in: 0...UInt32.max, using: &generator)]
                    let value = values[Int.random(in: 0..<values.count, using: &generator)]
                    if field + 4 <= bytes.count {
                        bytes.replaceSubrange(field..<(field + 4), with: withUnsafeBytes(of: value.bigEndian, Array.init))
                    }
                }
            case 5:
                // An ID3v2 header with any version byte in front.
                bytes = Array("ID3".utf8) + [UInt8.random(in: 0...6, using: &generator), 0, 0, 0, 0, 1, 0]
                    + [UInt8](repeating: 0, count: 128) + bytes
            default:
                // A fake footer at the end: APEv2, Lyrics3v2 or ID3v2.4's "3DI" with a wild size.
                let size = withUnsafeBytes(of: UInt32.random(in: 0...UInt32.max, using: &generator).littleEndian, Array.init)
                let footers: [[UInt8]] = [Array("APETAGEX".utf8) + [0xD0, 7, 0, 0] + size + [1, 0, 0, 0, 0, 0, 0, 0x80] + [UInt8](repeating: 0, count: 8),
                                          Array("999999LYRICS200".utf8), Array("3DI".utf8) + [4, 0, 0] + [0x7F, 0x7F, 0x7F, 0x7F]]
                bytes += footers[Int.random(in: 0..<footers.count, using: &generator)]
            }
        }
        return bytes
    }

    /// A plain loop: a debug build makes `first(where:)` over a range slow enough to matter here.
    private func firstIndex(of marker: [UInt8], in bytes: [UInt8]) -> Int? {
        var start = 0
        let limit = min(bytes.count - marker.count, 70_000)
        while start <= limit {
            if bytes[start] == marker[0], bytes[start + 1] == marker[1], bytes[start + 2] == marker[2],
               bytes[start + 3] == marker[3] {
                return start
            }
            start += 1
        }
        return nil
    }
}
