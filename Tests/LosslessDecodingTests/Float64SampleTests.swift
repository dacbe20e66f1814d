import Foundation
import PCMFileDecoding
import PlaybackCore
import Storage
import TestSupport
import XCTest

/// 64-bit float WAV (format 3 and WAVE_FORMAT_EXTENSIBLE) and AIFC 'fl64' play as 32-bit float
/// (FLOAT_LE): each double rounded to the nearest float. The reference is sox's own conversion
/// (`sox … -e floating-point -b 32`), which goes through its 32-bit integer samples, so the two
/// may differ by one float step at full scale: the tolerance is 2^-23 (-138 dB), and the
/// count of samples further apart must be 0.
final class Float64SampleTests: XCTestCase {
    private let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("s3play-float64-\(getpid())")
    private let tolerance = Float(1) / Float(1 << 23)

    override func setUpWithError() throws {
        try TestRequirement.requireTool("sox")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
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

    /// 2 s of 48 kHz stereo, a tone and noise, as 64-bit float in `file` (its type by extension).
    private func make(_ name: String) throws -> URL {
        let file = directory.appendingPathComponent(name)
        _ = try sox(["-R", "-n", "-r", "48000", "-c", "2", "-b", "64", "-e", "floating-point", file.path,
                     "synth", "2", "sine", "440", "pinknoise", "vol", "0.7"])
        return file
    }

    private func soxFloat32(_ file: URL) throws -> [Float] {
        floats(try sox([file.path, "-t", "raw", "-e", "floating-point", "-b", "32", "-L", "-"]))
    }

    private func floats(_ bytes: [UInt8]) -> [Float] {
        stride(from: 0, to: bytes.count - 3, by: 4).map { offset in
            Float(bitPattern: UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8
                | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24)
        }
    }

    private func decode(_ file: URL, _ factory: TrackDecoderFactory, seekTo sample: Int64? = nil) throws -> DecodedTrack {
        let source = try LocalFileSource(path: file.path)
        defer { source.close() }
        let decoder = try factory.makeDecoder(reading: source)
        defer { decoder.close() }
        if let sample {
            // The header is read by the first read: announce the format, then seek.
            let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 8)
            defer { scratch.deallocate() }
            XCTAssertEqual(try decoder.read(into: scratch), .newFormat(PCMFormat(sampleRate: 48_000, channels: 2, encoding: .float32)))
            XCTAssertEqual(try decoder.seek(toSample: sample), sample)
        }
        return try decodeToEnd(decoder, bufferBytes: 6000)
    }

    private func assertClose(_ decoded: [UInt8], _ reference: [Float], file: StaticString = #filePath, line: UInt = #line) {
        let ours = floats(decoded)
        XCTAssertEqual(decoded.count, reference.count * 4, "one 4-byte float out for each 8-byte double", file: file, line: line)
        let apart = zip(ours, reference).filter { abs($0 - $1) > tolerance }.count
        XCTAssertEqual(apart, 0, "samples further than 2^-23 from sox's", file: file, line: line)
        XCTAssertGreaterThan(reference.map(abs).max() ?? 0, 0.3, "the signal is not silence", file: file, line: line)
    }

    func testFloat64WAVPlaysAsFloat32WithinOneStepOfSox() throws {
        let wav = try make("f64.wav")
        let header = [UInt8](try Data(contentsOf: wav).prefix(40))
        XCTAssertEqual(header[20], 3, "format 3 (WAVE_FORMAT_IEEE_FLOAT), as sox writes it")
        XCTAssertEqual(header[34], 64, "64 bits a sample")
        let decoded = try decode(wav, WAVTrackDecoderFactory())
        XCTAssertEqual(decoded.format, PCMFormat(sampleRate: 48_000, channels: 2, encoding: .float32))
        assertClose(decoded.pcm, try soxFloat32(wav))
    }

    func testFloat64InWaveFormatExtensibleDecodesTheSame() throws {
        let wav = try make("plain.wav")
        let plain = [UInt8](try Data(contentsOf: wav))
        let dataAt = try XCTUnwrap((12..<(plain.count - 4)).first { plain[$0..<($0 + 4)].elementsEqual(Array("data".utf8)) })
        let samples = Array(plain[(dataAt + 8)...])
        let extensible = directory.appendingPathComponent("extensible.wav")
        try Data(LosslessTestFiles.extensibleWAV(rate: 48_000, channels: 2, bits: 64, samples: samples)).write(to: extensible)
        let decoded = try decode(extensible, WAVTrackDecoderFactory())
        XCTAssertEqual(decoded.format, PCMFormat(sampleRate: 48_000, channels: 2, encoding: .float32))
        XCTAssertEqual(decoded.pcm, try decode(wav, WAVTrackDecoderFactory()).pcm)
        assertClose(decoded.pcm, try soxFloat32(wav))
    }

    func testAIFCFloat64IsByteSwappedAndNarrowed() throws {
        let aifc = try make("f64.aifc")
        XCTAssertEqual(Array(try Data(contentsOf: aifc))[50..<54], Array("fl64".utf8)[...], "sox wrote AIFC 'fl64'")
        let decoded = try decode(aifc, AIFFTrackDecoderFactory())
        XCTAssertEqual(decoded.format, PCMFormat(sampleRate: 48_000, channels: 2, encoding: .float32))
        assertClose(decoded.pcm, try soxFloat32(aifc))
    }

    func testASeekInFloat64WAVLandsOnTheFrame() throws {
        let wav = try make("seek.wav")
        let target: Int64 = 60_001
        let decoded = try decode(wav, WAVTrackDecoderFactory(), seekTo: target)
        let reference = try soxFloat32(wav)
        assertClose(decoded.pcm, Array(reference[(Int(target) * 2)...]))
    }
}
