import Foundation
import MPEGDecoding
import PlaybackCore
import Storage
import TestAssertions
import TestSupport
import XCTest

/// The engine knows no format: the registry picks each file's decoder by its name and, above
/// all, by its first bytes (a file whose extension lies still plays, with the right decoder).
final class DecoderRegistryTests: XCTestCase {
    private let flac = StandInFormat(name: "FLAC", extensions: ["flac"], magic: Array("fLaC".utf8))
    private let wav = StandInFormat(name: "WAV", extensions: ["wav", "wave"], magic: Array("RIFF".utf8))
    private let mp3 = MPEGDecoderFactory()
    private let id3Head = Array("ID3".utf8) + [4, 0, 0, 0, 0, 0, 0]
    private let frameHead: [UInt8] = [0xFF, 0xFB, 0xE0, 0x64]  // MPEG-1 layer III, 320 kbps, 44.1 kHz

    private func chosen(_ registry: DecoderRegistry, _ name: String, _ head: [UInt8]) -> String {
        registry.factory(forName: name, head: head).formatName
    }

    func testTheExtensionsFormatIsChosenWhenItRecognisesTheHead() {
        let registry = DecoderRegistry([mp3, flac, wav])
        XCTAssertEqual(chosen(registry, "s3://music/A/01 Song.FLAC", Array("fLaC".utf8) + [0, 0, 0, 34]), "FLAC")
        XCTAssertEqual(chosen(registry, "/music/a.wave", Array("RIFF".utf8) + [0, 0, 0, 0]), "WAV")
        XCTAssertEqual(chosen(registry, "/music/a.mp3", frameHead), "MP3")
    }

    func testAFileWhoseExtensionLiesGoesToTheFormatThatRecognisesItsHead() {
        let registry = DecoderRegistry([flac, wav, mp3])
        XCTAssertEqual(chosen(registry, "/music/really-an-mp3.flac", id3Head), "MP3")
        XCTAssertEqual(chosen(registry, "/music/really-a-flac.mp3", Array("fLaC".utf8)), "FLAC")
    }

    func testAnUnknownOrMissingExtensionIsDecidedByTheHead() {
        let registry = DecoderRegistry([flac, wav, mp3])
        XCTAssertEqual(chosen(registry, "/music/track.bin", frameHead), "MP3")
        XCTAssertEqual(chosen(registry, "/music/track", Array("RIFF".utf8)), "WAV")
        XCTAssertEqual(chosen(registry, "s3://b/.hidden", Array("fLaC".utf8)), "FLAC")
    }

    func testAHeadNothingRecognisesGoesToTheExtensionsFormatElseTheFirst() {
        let registry = DecoderRegistry([mp3, flac])
        let junk: [UInt8] = Array(repeating: 0x20, count: 64)
        XCTAssertEqual(chosen(registry, "/music/odd.flac", junk), "FLAC", "its own decoder says what is wrong")
        XCTAssertEqual(chosen(registry, "/music/odd.txt", junk), "MP3")
        XCTAssertEqual(chosen(registry, "/music/empty.flac", []), "FLAC")
    }

    /// An MP3 named .flac, with a FLAC stand-in that cannot decode registered first: the engine
    /// plays it through the MP3 decoder, PCM identical to mpg123's, and reads each byte once
    /// (the first bytes it judged the format by are replayed to the decoder, not read again).
    func testAnMP3NamedFLACPlaysBitExactAndEachByteIsReadOnce() throws {
        let original = try TestAudioFiles.url(.cbr320)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("registry-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let renamed = directory.appendingPathComponent("not really.flac")
        try FileManager.default.copyItem(at: original, to: renamed)
        let size = try FileManager.default.attributesOfItem(atPath: renamed.path)[.size] as! Int

        let output = CapturingOutput()
        let counted = LockedBox<[CountingSource]>([])
        let handedOut = LockedBox(false)
        let engine = PlaybackEngine(
            output: output, decoders: DecoderRegistry([flac, mp3]),
            nextTrack: {
                var first = false
                handedOut.mutate { first = !$0; $0 = true }
                guard first else { return nil }
                return PlaybackTrack(title: "not really.flac") { () throws(ByteSourceError) -> ByteSource in
                    let source = CountingSource(try LocalFileSource(path: renamed.path))
                    counted.mutate { $0.append(source) }
                    return source
                }
            })
        engine.start()
        engine.waitUntilFinished()
        XCTAssertSamePCM(output.pcm, try TestAudioFiles.referencePCM(original))
        XCTAssertEqual(counted.value.map(\.bytesRead), [Int64(size)])
    }
}

/// A format that recognises its magic number and cannot decode: a decoder made from it fails
/// the track, so a test that plays through means it was not chosen.
struct StandInFormat: TrackDecoderFactory {
    let name: String
    let extensions: Set<String>
    let magic: [UInt8]

    var formatName: String { name }
    var fileExtensions: Set<String> { extensions }
    func recognizes(head: [UInt8]) -> Bool { head.starts(with: magic) }
    func makeDecoder(reading source: ByteSource) throws(PlaybackError) -> TrackDecoder {
        throw .decoder("", reason: "the \(name) stand-in was asked to decode")
    }
}
