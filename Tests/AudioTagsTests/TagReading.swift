import AudioTags
import XCTest

/// Runs an `AudioTagReader` over bytes in memory as the catalog scan will over S3: one ranged
/// read per step, logging each range asked for.
struct TagReading {
    let summary: AudioTagSummary
    /// Every range read, the first included.
    let reads: [Range<Int64>]

    var bytesRead: Int64 { reads.reduce(0) { $0 + Int64($1.count) } }

    init(_ file: [UInt8], line: UInt = #line) {
        var reader = AudioTagReader(objectSize: Int64(file.count))
        var reads = [reader.firstRequest]
        var step = reader.read(Self.slice(file, reader.firstRequest), at: 0)
        while case .needBytes(let range) = step, reads.count < 10 {
            reads.append(range)
            step = reader.read(Self.slice(file, range), at: range.lowerBound)
        }
        guard case .finished(let summary) = step else {
            XCTFail("the reader asked for more than 10 reads", line: line)
            self.summary = AudioTagSummary()
            self.reads = reads
            return
        }
        self.summary = summary
        self.reads = reads
    }

    /// The bytes of `range` that exist, as S3 answers a range that runs past the object's end.
    static func slice(_ file: [UInt8], _ range: Range<Int64>) -> [UInt8] {
        let lower = Int(min(max(0, range.lowerBound), Int64(file.count)))
        let upper = Int(min(max(Int64(lower), range.upperBound), Int64(file.count)))
        return Array(file[lower..<upper])
    }
}

/// MPEG-1 layer III frames, 128 kbps, 44.1 kHz stereo, no padding, no CRC:
/// 144 × 128000 / 44100 = 417 bytes each, zeros after the header.
func silentFrames(_ count: Int) -> [UInt8] {
    let frame: [UInt8] = [0xFF, 0xFB, 0x90, 0x00] + [UInt8](repeating: 0, count: 413)
    return Array((0..<count).map { _ in frame }.joined())
}
