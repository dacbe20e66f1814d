import Foundation
import MPG123
import TestAssertions
import TestSupport
import XCTest

/// Drives an `MPG123Decoder` the way the player will: feed a piece, decode until it asks for
/// more, collect the PCM and every format it announces.
struct FeedingDecoder {
    let decoder: MPG123Decoder
    private(set) var pcm: [UInt8] = []
    private(set) var formats: [MPG123Decoder.Format] = []
    /// The PCM byte count at which each format was announced.
    private(set) var formatOffsets: [Int] = []
    private(set) var sawDone = false
    private var output = [UInt8](repeating: 0, count: 1 << 16)

    init(_ decoder: MPG123Decoder) {
        self.decoder = decoder
    }

    /// A decoder that has parsed (and decoded) the first 64 KiB of a fixture, as after starting
    /// playback, with that PCM dropped; and the fixture's bytes.
    static func pastTheStart(of kind: TestAudioFiles.Kind) throws -> (FeedingDecoder, [UInt8]) {
        let file = try Fixture.bytes(kind)
        let decoder = try MPG123Decoder()
        try decoder.setFileSize(Int64(file.count))
        var feeding = FeedingDecoder(decoder)
        try feeding.feed(Array(file.prefix(1 << 16)), finish: false)
        XCTAssertGreaterThan(feeding.pcm.count, 0)
        feeding.discardPCM()
        return (feeding, file)
    }

    /// Feeds `bytes[start...]` in pieces whose sizes `pieceSize(offsetInFile)` gives, then ends the input.
    mutating func feed(_ bytes: [UInt8], from start: Int = 0, pieceSize: (Int) -> Int = { _ in 1 << 16 },
                       finish: Bool = true) throws {
        var offset = start
        while offset < bytes.count {
            let end = min(bytes.count, offset + pieceSize(offset))
            try bytes.withUnsafeBytes { try decoder.feed(UnsafeRawBufferPointer(rebasing: $0[offset..<end])) }
            offset = end
            try drain()
        }
        if finish { try decoder.finishInput() }
    }

    /// Decodes until the decoder needs input (or the stream is done).
    mutating func drain() throws {
        while true {
            let step = try output.withUnsafeMutableBytes { try decoder.decode(into: $0) }
            switch step {
            case .pcm(let bytes): pcm += output[0..<bytes]
            case .newFormat(let format):
                formats.append(format)
                formatOffsets.append(pcm.count)
            case .needMore: return
            case .done:
                sawDone = true
                return
            }
        }
    }

    mutating func discardPCM() { pcm = [] }
}

enum Fixture {
    static func bytes(_ kind: TestAudioFiles.Kind) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: TestAudioFiles.url(kind)))
    }

    /// Decodes a whole file in 64 KiB pieces with its size set.
    static func decode(_ kind: TestAudioFiles.Kind, decoder: MPG123Decoder? = nil,
                       pieceSize: @escaping (Int) -> Int = { _ in 1 << 16 }) throws -> FeedingDecoder {
        try decode(bytes(kind), decoder: decoder, pieceSize: pieceSize)
    }

    static func decode(_ file: [UInt8], decoder: MPG123Decoder? = nil,
                       pieceSize: @escaping (Int) -> Int = { _ in 1 << 16 }) throws -> FeedingDecoder {
        let decoder = try decoder ?? MPG123Decoder()
        try decoder.setFileSize(Int64(file.count))
        var feeding = FeedingDecoder(decoder)
        try feeding.feed(file, pieceSize: pieceSize)
        return feeding
    }
}

