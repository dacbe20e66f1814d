import Foundation
import PCMFileDecoding
import PlaybackCore
import Storage
import TestSupport
import XCTest

/// The less common WAV and AIFF layouts: 8-bit unsigned WAV, AIFF-C float and little-endian
/// ('sowt'), chunks in an unusual order. Small files, made here.
final class ContainerVariantTests: XCTestCase {
    private let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("s3play-container-variants-\(getpid())")

    override func setUpWithError() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func decode(_ bytes: [UInt8], _ factory: TrackDecoderFactory) throws -> DecodedTrack {
        let file = directory.appendingPathComponent(UUID().uuidString)
        try Data(bytes).write(to: file)
        XCTAssertTrue(factory.recognizes(head: Array(bytes.prefix(12))))
        let source = try LocalFileSource(path: file.path)
        defer { source.close() }
        let decoder = try factory.makeDecoder(reading: source)
        defer { decoder.close() }
        return try decodeToEnd(decoder, bufferBytes: 1000)
    }

    private func sox(_ arguments: [String]) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sox"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "sox \(arguments)")
        return [UInt8](data)
    }

    private func le(_ value: Int, _ bytes: Int) -> [UInt8] { (0..<bytes).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
    private func be(_ value: Int, _ bytes: Int) -> [UInt8] { le(value, bytes).reversed() }

    func testEightBitWAVIsUnsignedOnDiskAndSignedOut() throws {
        let wav = directory.appendingPathComponent("u8.wav")
        _ = try sox(["-R", "-n", "-r", "8000", "-c", "1", "-b", "8", "-e", "unsigned", wav.path, "synth", "0.5", "sine", "300"])
        let unsigned = try sox([wav.path, "-t", "raw", "-"])
        let decoded = try decode([UInt8](try Data(contentsOf: wav)), WAVTrackDecoderFactory())
        XCTAssertEqual(decoded.format, PCMFormat(sampleRate: 8000, channels: 1, encoding: .signed8))
        XCTAssertEqual(decoded.pcm, unsigned.map { $0 ^ 0x80 })
    }

    func testAIFCFloatIsByteSwappedToFloatLE() throws {
        let aifc = directory.appendingPathComponent("f.aifc")
        _ = try sox(["-R", "-n", "-r", "48000", "-c", "2", "-b", "32", "-e", "floating-point", aifc.path,
                     "synth", "0.5", "sine", "300", "pinknoise"])
        let decoded = try decode([UInt8](try Data(contentsOf: aifc)), AIFFTrackDecoderFactory())
        XCTAssertEqual(decoded.format, PCMFormat(sampleRate: 48000, channels: 2, encoding: .float32))
        XCTAssertEqual(decoded.pcm, try sox([aifc.path, "-t", "raw", "-L", "-"]))
    }

    /// AIFF-C 'sowt' (little-endian samples, as Apple's tools write 16-bit AIFF-C), an odd-sized
    /// chunk before COMM (padded to even), SSND with a non-zero offset.
    func testAIFCSowtIsPassedThroughAsItIs() throws {
        let samples = (0..<600).flatMap { le($0 * 37 - 9000, 2) }
        let comm = be(2, 2) + be(300, 4) + be(16, 2) + [0x40, 0x0E, 0xAC, 0x44] + [UInt8](repeating: 0, count: 6)
            + Array("sowt".utf8) + [4] + Array("sowt".utf8) + [0]
        let ssnd = be(4, 4) + be(0, 4) + [9, 9, 9, 9] + samples
        let chunks = Array("NAME".utf8) + be(3, 4) + [65, 66, 67, 0]
            + Array("COMM".utf8) + be(comm.count, 4) + comm + Array("SSND".utf8) + be(ssnd.count, 4) + ssnd
        let file = Array("FORM".utf8) + be(chunks.count + 4, 4) + Array("AIFC".utf8) + chunks
        let decoded = try decode(file, AIFFTrackDecoderFactory())
        XCTAssertEqual(decoded.format, PCMFormat(sampleRate: 44100, channels: 2, encoding: .signed16))
        XCTAssertEqual(decoded.pcm, samples)
    }

    /// A LIST chunk first and `fmt ` after `data`: legal RIFF, written by some editors.
    func testWAVWithFmtAfterDataStillPlays() throws {
        let samples = (0..<1000).flatMap { le($0 * 8191, 3) }
        let fmt = le(1, 2) + le(1, 2) + le(48000, 4) + le(144_000, 4) + le(3, 2) + le(24, 2)
        let chunks = Array("LIST".utf8) + le(5, 4) + [1, 2, 3, 4, 5, 0]
            + Array("data".utf8) + le(samples.count, 4) + samples + Array("fmt ".utf8) + le(fmt.count, 4) + fmt
        let file = Array("RIFF".utf8) + le(chunks.count + 4, 4) + Array("WAVE".utf8) + chunks
        let decoded = try decode(file, WAVTrackDecoderFactory())
        XCTAssertEqual(decoded.format, PCMFormat(sampleRate: 48000, channels: 1, encoding: .signed24Packed))
        XCTAssertEqual(decoded.pcm, samples)
    }

    /// RF64 (EBU Tech 3306): the data size in the RIFF header is 0xFFFFFFFF, the real one in `ds64`.
    func testRF64TakesTheDataSizeFromDS64() throws {
        let samples = (0..<500).flatMap { le($0 * 131, 2) }
        let ds64 = le(0, 8) + le(samples.count, 8) + le(250, 8) + le(0, 4)
        let fmt = le(1, 2) + le(2, 2) + le(22050, 4) + le(88200, 4) + le(4, 2) + le(16, 2)
        let chunks = Array("ds64".utf8) + le(ds64.count, 4) + ds64 + Array("fmt ".utf8) + le(fmt.count, 4) + fmt
            + Array("data".utf8) + le(0xFFFF_FFFF, 4) + samples + Array("JUNK".utf8) + le(4, 4) + [0, 0, 0, 0]
        let file = Array("RF64".utf8) + le(0xFFFF_FFFF, 4) + Array("WAVE".utf8) + chunks
        let decoded = try decode(file, WAVTrackDecoderFactory())
        XCTAssertEqual(decoded.format, PCMFormat(sampleRate: 22050, channels: 2, encoding: .signed16))
        XCTAssertEqual(decoded.pcm, samples, "the JUNK chunk after the data is not played")
    }

    func testCompressedAIFCAndNonPCMWAVSayWhatTheyAre() throws {
        let comm = be(1, 2) + be(10, 4) + be(16, 2) + [0x40, 0x0E, 0xAC, 0x44] + [UInt8](repeating: 0, count: 6)
            + Array("ima4".utf8) + [0, 0]
        let aifcChunks = Array("COMM".utf8) + be(comm.count, 4) + comm + Array("SSND".utf8) + be(28, 4)
            + [UInt8](repeating: 0, count: 28)
        let aifc = Array("FORM".utf8) + be(aifcChunks.count + 4, 4) + Array("AIFC".utf8) + aifcChunks
        XCTAssertThrowsError(try decode(aifc, AIFFTrackDecoderFactory())) { error in
            XCTAssertTrue("\(error)".hasSuffix("it is compressed AIFF-C ('ima4'); s3play plays uncompressed AIFF"), "\(error)")
        }
        let fmt = le(0x55, 2) + le(2, 2) + le(44100, 4) + le(16000, 4) + le(1, 2) + le(0, 2)
        let wavChunks = Array("fmt ".utf8) + le(fmt.count, 4) + fmt + Array("data".utf8) + le(4, 4) + [1, 2, 3, 4]
        let wav = Array("RIFF".utf8) + le(wavChunks.count + 4, 4) + Array("WAVE".utf8) + wavChunks
        XCTAssertThrowsError(try decode(wav, WAVTrackDecoderFactory())) { error in
            XCTAssertTrue("\(error)".hasSuffix("it is not PCM (WAV format tag 0x55, 0-bit)"), "\(error)")
        }
    }
}
