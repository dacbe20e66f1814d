import AudioTags
import Foundation
import TestSupport
import XCTest

/// Issue #14's library part: FLAC, Ogg Vorbis, Opus, WAV and AIFF read by the same tag reader as
/// MP3, from a few small ranges, with exact lengths. Fixtures are made here by sox, flac, oggenc
/// and opusenc; the odd real files come from mutagen's test corpus (values as mutagen 1.48.1
/// reports them).
final class ContainerTagTests: XCTestCase {
    private func directory() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("s3play-containers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        return folder
    }

    private func run(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestSupportError("\(arguments.joined(separator: " ")) failed") }
    }

    /// A sine made by sox: `seconds` at `rate`, `channels`, `bits` deep (`float`: 32-bit float).
    private func wave(_ folder: URL, seconds: String, rate: Int, channels: Int = 2, bits: Int = 16,
                      float: Bool = false, type: String = "wav") throws -> URL {
        let output = folder.appendingPathComponent("\(rate)-\(bits)-\(channels)\(float ? "f" : "").\(type)")
        try run(["sox", "-D", "-n", "-r", "\(rate)", "-c", "\(channels)", "-b", "\(bits)"]
                + (float ? ["-e", "floating-point"] : []) + [output.path, "synth", seconds, "sine", "440", "vol", "0.5"])
        return output
    }

    private func bytes(_ url: URL) throws -> [UInt8] { Array(try Data(contentsOf: url)) }

    func testFLACWithAMegabytePictureReadsStreamInfoAndCommentsAndStepsOverThePicture() throws {
        let folder = try directory()
        let source = try wave(folder, seconds: "2", rate: 96_000, bits: 24)
        let picture = folder.appendingPathComponent("cover.png")
        try Data((0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }).write(to: picture)
        let flac = folder.appendingPathComponent("take.flac")
        try run(["flac", "-s", "-f", "--picture=3|image/png||1x1x24|\(picture.path)", "-S", "1s",
                 "-T", "TITLE=Take Five", "-T", "ARTIST=The Quartet", "-T", "ALBUM=Sessions", "-T", "TRACKNUMBER=2",
                 "-T", "TRACKTOTAL=9", "-T", "DATE=2021-03-04", "-T", "ALBUMARTIST=Band", "-o", flac.path, source.path])
        let file = try bytes(flac)
        let reading = TagReading(file)
        let summary = reading.summary
        XCTAssertEqual(summary.container, .flac)
        XCTAssertEqual(summary.title, "Take Five")
        XCTAssertEqual(summary.artist, "The Quartet")
        XCTAssertEqual(summary.albumArtist, "Band")
        XCTAssertEqual(summary.album, "Sessions")
        XCTAssertEqual(summary.trackNumber, 2)
        XCTAssertEqual(summary.trackTotal, 9)
        XCTAssertEqual(summary.year, 2021)
        XCTAssertEqual(summary.tagSource, .vorbisComment)
        XCTAssertEqual(summary.sampleRate, 96_000)
        XCTAssertEqual(summary.bitsPerSample, 24)
        XCTAssertEqual(summary.channels, 2)
        XCTAssertEqual(summary.lengthInSamples, 192_000)
        XCTAssertEqual(summary.durationSeconds, 2)
        XCTAssertTrue(summary.durationIsExact)
        XCTAssertTrue(summary.holdsAudio)
        XCTAssertNil(summary.problem)
        XCTAssertLessThanOrEqual(reading.reads.count, 3)
        XCTAssertLessThanOrEqual(reading.bytesRead, 32 * 1024, "the 1 MiB picture is stepped over")
    }

    func testWAVLengthFromTheDataChunkAndTagsFromAListInfoChunkAfterTheAudio() throws {
        let folder = try directory()
        var file = try bytes(try wave(folder, seconds: "1", rate: 44_100))
        // A LIST/INFO chunk after the data, as many editors write it: reached by stepping over the audio.
        func subchunk(_ id: String, _ text: String) -> [UInt8] {
            var body = Array(text.utf8) + [0]
            if body.count % 2 == 1 { body.append(0) }
            return Array(id.utf8) + le32(body.count) + body
        }
        let info = Array("INFO".utf8) + subchunk("INAM", "Morning Take") + subchunk("IART", "Ensemble Nord")
            + subchunk("IPRD", "Field Notes") + subchunk("ICRD", "2019")
        file += Array("LIST".utf8) + le32(info.count) + info
        file.replaceSubrange(4..<8, with: le32(file.count - 8))
        let reading = TagReading(file)
        let summary = reading.summary
        XCTAssertEqual(summary.container, .wave)
        XCTAssertEqual(summary.title, "Morning Take")
        XCTAssertEqual(summary.artist, "Ensemble Nord")
        XCTAssertEqual(summary.album, "Field Notes")
        XCTAssertEqual(summary.year, 2019)
        XCTAssertEqual(summary.tagSource, .riffInfo)
        XCTAssertEqual(summary.sampleRate, 44_100)
        XCTAssertEqual(summary.bitsPerSample, 16)
        XCTAssertEqual(summary.lengthInSamples, 44_100)
        XCTAssertEqual(summary.durationSeconds, 1)
        XCTAssertEqual(reading.reads.count, 2, "the head, then the chunk after the audio")
        XCTAssertLessThan(reading.bytesRead, 24 * 1024)
    }

    func testFloatWAVAndAWAVWhoseDataChunkClaimsMoreThanTheObjectHolds() throws {
        let folder = try directory()
        let float = TagReading(try bytes(try wave(folder, seconds: "0.5", rate: 48_000, bits: 32, float: true))).summary
        XCTAssertTrue(float.isFloatingPoint)
        XCTAssertEqual(float.bitsPerSample, 32)
        XCTAssertEqual(float.durationSeconds, 0.5)

        let whole = try bytes(try wave(folder, seconds: "1", rate: 8_000, channels: 1))
        let cut = TagReading(Array(whole.prefix(whole.count / 2))).summary
        XCTAssertEqual(cut.durationSeconds ?? 0, 0.5, accuracy: 0.01, "the samples the object holds")
        XCTAssertTrue(cut.problem?.contains("the audio data claims") ?? false, cut.problem ?? "")
    }

    func testAIFFWithNameAndAuthorChunks() throws {
        let folder = try directory()
        var file = try bytes(try wave(folder, seconds: "1.5", rate: 48_000, bits: 24, type: "aiff"))
        func chunk(_ id: String, _ text: String) -> [UInt8] {
            var body = Array(text.utf8)
            let size = body.count
            if body.count % 2 == 1 { body.append(0) }
            return Array(id.utf8) + be32(size) + body
        }
        file += chunk("NAME", "Low Tide") + chunk("AUTH", "Harbour Trio")
        file.replaceSubrange(4..<8, with: be32(file.count - 8))
        let summary = TagReading(file).summary
        XCTAssertEqual(summary.container, .aiff)
        XCTAssertEqual(summary.title, "Low Tide")
        XCTAssertEqual(summary.artist, "Harbour Trio")
        XCTAssertEqual(summary.tagSource, .aiffText)
        XCTAssertEqual(summary.sampleRate, 48_000)
        XCTAssertEqual(summary.bitsPerSample, 24)
        XCTAssertEqual(summary.lengthInSamples, 72_000)
        XCTAssertEqual(summary.durationSeconds, 1.5)
    }

    func testAnOggCoverPictureBeforeTheTitleIsSteppedOverByPageSizes() throws {
        let folder = try directory()
        let source = try wave(folder, seconds: "3", rate: 48_000)
        let picture = folder.appendingPathComponent("cover.png")
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) })
            .write(to: picture)
        // opusenc writes METADATA_BLOCK_PICTURE (1.4 MB of base64, 22 pages) before the title.
        let opus = folder.appendingPathComponent("cover.opus")
        try run(["opusenc", "--quiet", "--picture", picture.path, "--title", "Cover Mix", "--artist", "DJ Test",
                 "--album", "Mixes", source.path, opus.path])
        let file = try bytes(opus)
        let reading = TagReading(file)
        XCTAssertEqual(reading.summary.title, "Cover Mix", "the comments after the picture are read")
        XCTAssertEqual(reading.summary.artist, "DJ Test")
        XCTAssertEqual(reading.summary.album, "Mixes")
        XCTAssertEqual(reading.summary.lengthInSamples, 144_000)
        // The first 16 KiB, the landing page's header, what follows the picture, the last 8 KiB
        // (cut at 256 KiB instead: 6 reads, 280 KiB, and no title).
        XCTAssertEqual(reading.reads.count, 4)
        XCTAssertLessThanOrEqual(reading.bytesRead, 32 * 1024)

        // A page that is not where the sizes put it (its sequence number changed): the comments
        // before the picture are read, nothing is taken from a wrong place, and a note says so.
        guard let landing = Self.offset(of: Array("title=".utf8), in: file).map({ Self.pageStart(before: $0, in: file) }) else {
            return XCTFail("no title in the Opus file")
        }
        var moved = file
        moved[landing + 18] &+= 1
        let broken = TagReading(moved)
        XCTAssertNil(broken.summary.title)
        XCTAssertEqual(broken.summary.container, .oggOpus)
        XCTAssertTrue(broken.summary.problem?.contains("not where their sizes put them") ?? false, "\(broken.summary.problem ?? "")")
        XCTAssertLessThanOrEqual(broken.reads.count, 4)
    }

    private static func offset(of needle: [UInt8], in file: [UInt8]) -> Int? {
        guard file.count >= needle.count else { return nil }
        return (0...(file.count - needle.count)).first { file[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    private static func pageStart(before position: Int, in file: [UInt8]) -> Int {
        var index = position
        while index > 0, !file[index..<(index + 4)].elementsEqual(Array("OggS".utf8)) { index -= 1 }
        return index
    }

    func testOggVorbisAndOpusLengthsFromTheLastPageAndTheirComments() throws {
        let folder = try directory()
        let source = try wave(folder, seconds: "3", rate: 48_000)
        let vorbis = folder.appendingPathComponent("mix.ogg")
        try run(["oggenc", "-Q", "-t", "Night Mix", "-a", "DJ Test", "-l", "Mixes", "-N", "4", "-o", vorbis.path, source.path])
        let opus = folder.appendingPathComponent("mix.opus")
        try run(["opusenc", "--quiet", "--title", "Opus Mix", "--artist", "DJ Test", "--album", "Mixes",
                 source.path, opus.path])

        let vorbisReading = TagReading(try bytes(vorbis))
        XCTAssertEqual(vorbisReading.summary.container, .oggVorbis)
        XCTAssertEqual(vorbisReading.summary.title, "Night Mix")
        XCTAssertEqual(vorbisReading.summary.trackNumber, 4)
        XCTAssertEqual(vorbisReading.summary.lengthInSamples, 144_000)
        XCTAssertEqual(vorbisReading.summary.durationSeconds, 3)
        XCTAssertLessThanOrEqual(vorbisReading.reads.count, 2, "the head, then (past 16 KiB) the last page")

        let opusReading = TagReading(try bytes(opus))
        XCTAssertEqual(opusReading.summary.container, .oggOpus)
        XCTAssertEqual(opusReading.summary.title, "Opus Mix")
        XCTAssertEqual(opusReading.summary.album, "Mixes")
        XCTAssertEqual(opusReading.summary.sampleRate, 48_000)
        XCTAssertEqual(opusReading.summary.lengthInSamples, 144_000, "granule less the pre-skip")
        XCTAssertEqual(opusReading.summary.durationSeconds, 3)
        XCTAssertLessThanOrEqual(opusReading.reads.count, 2)
    }

    /// Mutagen's odd real files, with the values mutagen 1.48.1 gives for them.
    func testMutagensFLACOggWAVAndAIFFFiles() throws {
        struct Expected {
            var name: String, container: AudioContainer, seconds: Double, rate: Int, channels: Int
            var title: String?
        }
        let files = [
            Expected(name: "silence-44-s.flac", container: .flac, seconds: 3.684717, rate: 44_100, channels: 2, title: "Silence"),
            Expected(name: "variable-block.flac", container: .flac, seconds: 261.68, rate: 44_100, channels: 2, title: "DIVE FOR YOU"),
            Expected(name: "52-overwritten-metadata.flac", container: .flac, seconds: 236.6, rate: 44_100, channels: 2,
                     title: "Songs of Rejoicing"),
            Expected(name: "106-short-picture-block-size.flac", container: .flac, seconds: 3.684717, rate: 44_100, channels: 2),
            Expected(name: "flac_application.flac", container: .flac, seconds: 273.64, rate: 44_100, channels: 2,
                     title: "I Want the World to Stop"),
            Expected(name: "empty.ogg", container: .oggVorbis, seconds: 3.684717, rate: 44_100, channels: 2),
            Expected(name: "multipagecomment.ogg", container: .oggVorbis, seconds: 3.684717, rate: 44_100, channels: 2),
            Expected(name: "multipage-setup.ogg", container: .oggVorbis, seconds: 4.128798, rate: 44_100, channels: 2,
                     title: "Burst"),
            Expected(name: "example.opus", container: .oggOpus, seconds: 11.354708, rate: 48_000, channels: 1),
            Expected(name: "silence-2s-PCM-16000-08-ID3v23.wav", container: .wave, seconds: 2, rate: 16_000, channels: 2,
                     title: "Silence"),
            Expected(name: "silence-2s-PCM-44100-16-ID3v23.wav", container: .wave, seconds: 2, rate: 44_100, channels: 2,
                     title: "Silence"),
            Expected(name: "silence-2s-PCM-16000-08-notags.wav", container: .wave, seconds: 2, rate: 16_000, channels: 2),
            Expected(name: "with-id3.aif", container: .aiff, seconds: 1, rate: 8_000, channels: 1, title: "AIFF title"),
            Expected(name: "8k-4ch-1s-silence.aif", container: .aiff, seconds: 1, rate: 8_000, channels: 4),
            Expected(name: "11k-1ch-2s-silence.aif", container: .aiff, seconds: 2, rate: 11_025, channels: 1),
        ]
        for expected in files {
            let reading = TagReading(try RealWorldMP3s.bytes(expected.name))
            let summary = reading.summary
            XCTAssertEqual(summary.container, expected.container, expected.name)
            XCTAssertEqual(summary.durationSeconds ?? 0, expected.seconds, accuracy: 0.000_001, expected.name)
            XCTAssertTrue(summary.durationIsExact, expected.name)
            XCTAssertEqual(summary.sampleRate, expected.rate, expected.name)
            XCTAssertEqual(summary.channels, expected.channels, expected.name)
            XCTAssertEqual(summary.title, expected.title, expected.name)
            XCTAssertLessThanOrEqual(reading.reads.count, 4, expected.name)
        }
        let silence = TagReading(try RealWorldMP3s.bytes("silence-44-s.flac")).summary
        XCTAssertEqual(silence.artist, "piman")
        XCTAssertEqual(silence.album, "Quod Libet Test Data")
        XCTAssertEqual(silence.trackNumber, 2)
        XCTAssertEqual(silence.trackTotal, 10)
        XCTAssertEqual(silence.year, 2004)
        XCTAssertEqual(TagReading(try RealWorldMP3s.bytes("silence-2s-PCM-16000-08-ID3v23.wav")).summary.album,
                       "Quod Libet Test Data")
    }

    /// Files mutagen itself refuses: a summary with a problem, never a crash, bounded reads.
    func testBrokenFLACFilesGiveAProblemNotACrash() throws {
        for name in ["106-invalid-streaminfo.flac", "ooming-header.flac"] {
            let reading = TagReading(try RealWorldMP3s.bytes(name))
            XCTAssertFalse(reading.summary.holdsAudio, name)
            XCTAssertNotNil(reading.summary.problem, name)
            XCTAssertLessThanOrEqual(reading.reads.count, 9, name)
        }
    }
}

private func le32(_ value: Int) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
private func be32(_ value: Int) -> [UInt8] { (0..<4).reversed().map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
