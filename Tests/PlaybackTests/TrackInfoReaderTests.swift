@testable import AudioInfo
import Foundation
import PlaybackCore
import S3
import S3Streaming
import Storage
import TestSupport
import XCTest

/// `TrackInfoReader` against the fixtures: the numbers a full decode by mpg123 gives, read
/// from a few hundred KiB at most, through the catalog's tag reader (AudioTags).
final class TrackInfoReaderTests: XCTestCase {
    func testLengthRateAndChannelsAreWhatMpg123DecodesWhileReadingLittle() throws {
        let expected: [(TestAudioFiles.Kind, rate: Int, channels: Int, version: TrackInfo.MPEGVersion, mode: TrackInfo.BitrateMode)] = [
            (.cbr320, 44_100, 2, .mpeg1, .constant), (.vbrLAME, 44_100, 2, .mpeg1, .variable),
            (.mono22k, 22_050, 1, .mpeg2, .variable), (.mpeg25_8k, 8_000, 2, .mpeg25, .constant),
            (.bigPicture, 44_100, 2, .mpeg1, .constant), (.fiveMinutes, 44_100, 2, .mpeg1, .constant),
        ]
        for (kind, rate, channels, version, mode) in expected {
            let file = try TestAudioFiles.url(kind)
            let source = CountingSource(try LocalFileSource(path: file.path))
            let info = try TrackInfoReader().read(source)
            let samples = Int64(try TestAudioFiles.referencePCM(file).count / (2 * channels))
            XCTAssertEqual(info.lengthInSamples, samples, "\(kind): the Info frame's count, gapless-trimmed")
            XCTAssertTrue(info.lengthIsExact, "\(kind)")
            XCTAssertEqual(info.sampleRate, rate, "\(kind)")
            XCTAssertEqual(info.channels, channels, "\(kind)")
            XCTAssertEqual(info.mpegVersion, version, "\(kind)")
            XCTAssertEqual(info.layer, 3, "\(kind)")
            XCTAssertEqual(info.bitrateMode, mode, "\(kind)")
            XCTAssertEqual(info.sizeBytes, Int64(try Data(contentsOf: file).count), "\(kind)")
            // The first frames and the last 8 KiB.
            XCTAssertLessThan(source.bytesRead, 300_000, "\(kind)")
            if kind == .bigPicture || kind == .fiveMinutes {
                XCTAssertLessThan(source.bytesRead, 200_000, "\(kind): never the picture, never the audio")
            }
        }
        XCTAssertEqual(try info(.cbr320).bitrateKbps, 320)
        XCTAssertEqual(try info(.mpeg25_8k).bitrateKbps, 32)
        XCTAssertEqual(try info(.fiveMinutes).durationSeconds, 300)
    }

    func testVBRBitrateIsTheAudioBytesOverTheDuration() throws {
        let file = try TestAudioFiles.url(.vbrLAME)
        let size = Double(try Data(contentsOf: file).count)
        XCTAssertEqual(try info(.vbrLAME).bitrateKbps, Int((size * 8 / 20 / 1000).rounded()))
    }

    func testTagsComeFromID3v2AndTheID3v1BlockAtTheEnd() throws {
        typealias Expected = TestAudioFiles.ExpectedTags
        XCTAssertEqual(try info(.taggedUTF16).tags, TrackTags(
            title: Expected.utf16Title, artist: Expected.utf16Artist, album: Expected.utf16Album,
            albumArtist: Expected.utf16AlbumArtist, year: "1997", genre: "Rock", track: "3/12",
            disc: "2/3", comment: "A comment"))
        XCTAssertEqual(try info(.taggedID3v24UTF8).tags, TrackTags(
            title: Expected.id3v24Title, artist: Expected.id3v24FirstArtist, album: "Ljósið",
            year: "2014-05-01", genre: "Ambient", track: "5"))
        XCTAssertEqual(try info(.taggedID3v1Only).tags, TrackTags(
            title: "Old Title", artist: "Old Artist", album: "Old Album", year: "1989", genre: "Jazz",
            track: "7", comment: "v1 comment"))
        XCTAssertEqual(try info(.cbr320).tags, TrackTags())
    }

    /// 3 MiB of cover picture in front of 160 KB of audio: the picture is stepped over, so two
    /// 256 KiB GETs (the tag's start; the audio, which reaches the ID3v1 block) are all it takes.
    func testBigPictureFromS3TakesTwoSmallGETsAndNeverFetchesThePicture() throws {
        let file = try TestAudioFiles.url(.bigPicture)
        let body = Array(try Data(contentsOf: file))
        let setup = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(setup)
        try setup.putObject(bucket: bucket, key: "cover.mp3", body: body)

        let transport = RecordingTransport(SeaweedFS.transport)
        let client = S3Client(settings: try SeaweedFS.settings(), transport: transport)
        let reader = RangedObjectReader(client: client, bucket: bucket, key: "cover.mp3",
                                        configuration: .skimming)
        defer { reader.close() }
        let info = try TrackInfoReader().read(reader)

        XCTAssertEqual(info.lengthInSamples, 441_000)
        let gets = transport.requests.filter { $0.method == "GET" }
        XCTAssertLessThanOrEqual(gets.count, 2, "\(gets.map { $0.range ?? "all" })")
        let fetched = gets.reduce(Int64(0)) { $0 + rangeLength($1.range, size: Int64(body.count)) }
        XCTAssertLessThan(fetched, 600_000, "at most 256 KiB of the tag and the audio after it, of \(body.count) bytes")
    }

    /// Issue 19: with 70,000 zero bytes before the first frame, `info` over S3 said "audio"
    /// 2 times in 20 (locally never): the frame search hung on how the bytes arrived. It covers
    /// 64 KiB past the tag, from S3 as from disk, every time.
    func testJunkBeforeTheFirstFrameGivesTheSameAnswerFromS3AndFromDisk() throws {
        let audio = Array(try Data(contentsOf: TestAudioFiles.url(.cbr320)))
        let setup = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(setup)
        let client = S3Client(settings: try SeaweedFS.settings(), transport: SeaweedFS.transport)
        for (junk, isAudio) in [(60_000, true), (70_000, false)] {
            let body = [UInt8](repeating: 0, count: junk) + audio
            try setup.putObject(bucket: bucket, key: "junk\(junk).mp3", body: body)
            for attempt in 0..<5 {
                let reader = RangedObjectReader(client: client, bucket: bucket, key: "junk\(junk).mp3",
                                                configuration: .skimming)
                defer { reader.close() }
                let fromS3 = Result { try TrackInfoReader().read(reader) }
                let fromDisk = Result { try TrackInfoReader().read(try temporarySource(body)) }
                XCTAssertEqual((try? fromS3.get()) != nil, isAudio, "\(junk), attempt \(attempt)")
                XCTAssertEqual(try? fromS3.get().lengthInSamples, try? fromDisk.get().lengthInSamples, "\(junk)")
            }
        }
    }

    func testTheSkimmerKeepsTextFramesAndStepsOverThePicture() throws {
        let title = frame("TIT2", [3] + Array("Title".utf8))
        let picture = frame("APIC", [0] + Array("image/png".utf8) + [0, 3, 0] + Array(repeating: 0xAB, count: 100_000))
        let comment = frame("COMM", [3] + Array("eng".utf8) + [0] + Array("hi".utf8))
        let body = title + picture + comment + Array(repeating: 0, count: 500)
        let header: [UInt8] = Array("ID3".utf8) + [3, 0, 0] + syncsafe(body.count)
        let audio: [UInt8] = [0xFF, 0xFB, 0x90, 0x00]
        let source = try temporarySource(header + body + audio)

        let skimmed = try ID3v2TagSkimmer.skim(source)
        XCTAssertEqual(skimmed.bytesToFeed, Array("ID3".utf8) + [3, 0, 0] + syncsafe(title.count + comment.count) + title + comment)
        XCTAssertEqual(skimmed.tagEnd, Int64(10 + body.count))
        XCTAssertEqual(skimmed.skippedBytes, Int64(picture.count + 500))
        XCTAssertEqual(try source.read(maxBytes: 10), audio, "the source is left at the audio")
    }

    func testAnUnsynchronisedTagIsReadWhole() throws {
        let body = frame("TIT2", [3] + Array("Title".utf8)) + frame("APIC", Array(repeating: 1, count: 300))
        let tag: [UInt8] = Array("ID3".utf8) + [3, 0, 0x80] + syncsafe(body.count) + body
        let skimmed = try ID3v2TagSkimmer.skim(try temporarySource(tag + [0xFF, 0xFB]))
        XCTAssertEqual(skimmed.bytesToFeed, tag)
        XCTAssertEqual(skimmed.skippedBytes, 0)
    }

    /// Without the Info frame there is no frame count: the length is the audio's bytes over
    /// the bitrate, within a frame of a full decode, and flagged as estimated.
    func testWithoutAnInfoFrameTheLengthIsEstimated() throws {
        let full = Array(try Data(contentsOf: TestAudioFiles.url(.cbr320)))
        XCTAssertEqual(Array(full[0..<2]), [0xFF, 0xFB], "cbr320 starts with its Info frame")
        // MPEG-1 layer III: 144 × bitrate / rate bytes, plus the padding bit (ISO 11172-3 2.4.3.1).
        let infoFrameBytes = 144 * 320_000 / 44_100 + Int(full[2] >> 1 & 1)
        let stripped = FileManager.default.temporaryDirectory.appendingPathComponent("s3play-noinfo-\(UUID()).mp3")
        defer { try? FileManager.default.removeItem(at: stripped) }
        try Data(full[infoFrameBytes...]).write(to: stripped)

        let info = try TrackInfoReader().read(try LocalFileSource(path: stripped.path))
        XCTAssertFalse(info.lengthIsExact)
        let decoded = Int64(try TestAudioFiles.referencePCM(stripped).count / 4)
        XCTAssertEqual(Double(try XCTUnwrap(info.lengthInSamples)), Double(decoded), accuracy: 1_152)
        XCTAssertEqual(info.bitrateKbps, 320)
    }

    /// Issue 12: 32 KB of text frames before 1 s of CBR audio were counted as audio by the
    /// estimate (libmpg123's, from the file size): ~3 s. Now the tag is left out, as is ID3v1.
    func testTextFramesAreNotCountedInTheEstimate() throws {
        let text = frame("TXXX", [0] + Array("notes".utf8) + [0] + [UInt8](repeating: 0x78, count: 32_000))
        let title = frame("TIT2", [0] + Array("Long Notes".utf8))
        let body = title + text
        let tag: [UInt8] = Array("ID3".utf8) + [3, 0, 0] + syncsafe(body.count) + body
        // MPEG-1 layer III, 128 kbps, 44.1 kHz, no padding: 417 bytes, 1,152 samples each.
        let frames = Array(repeating: [0xFF, 0xFB, 0x90, 0x00] + [UInt8](repeating: 0, count: 413), count: 40).joined()
        let v1 = Array("TAG".utf8) + [UInt8](repeating: 0, count: 124) + [255]
        let info = try TrackInfoReader().read(try temporarySource(tag + Array(frames) + v1))
        XCTAssertFalse(info.lengthIsExact)
        XCTAssertEqual(Double(try XCTUnwrap(info.lengthInSamples)), 40 * 417 * 8 / 128_000 * 44_100, accuracy: 1)
        XCTAssertEqual(info.bitrateKbps, 128)
        XCTAssertEqual(info.bitrateMode, .constant)
        XCTAssertEqual(info.tags.title, "Long Notes")
    }

    /// Issue 12: ffmpeg's CBR files carry an "Info" frame with a LAME-style tag ("Lavf"); they
    /// were "131 kbps VBR" for 128 kbps CBR.
    func testAnFFmpegInfoFrameIsCBRAtItsBitrate() throws {
        var header: [UInt8] = [0xFF, 0xFB, 0x90, 0x00] + [UInt8](repeating: 0, count: 32)
        header += Array("Info".utf8) + [0, 0, 0, 0x03] + [0, 0, 0, 40] + [0, 0, 0x42, 0x1F]
        header += Array("Lavf58.29".utf8) + [0, 0] + [UInt8](repeating: 0, count: 10) + [0x24, 0x00, 0x00]
        header += [UInt8](repeating: 0, count: 417 - header.count)
        let frames = Array(repeating: [0xFF, 0xFB, 0x90, 0x00] + [UInt8](repeating: 0x55, count: 413), count: 40).joined()
        let info = try TrackInfoReader().read(try temporarySource(header + Array(frames)))
        XCTAssertTrue(info.lengthIsExact)
        XCTAssertEqual(info.bitrateMode, .constant)
        XCTAssertEqual(info.bitrateKbps, 128)
        XCTAssertEqual(info.lengthInSamples, 40 * 1_152 - 576, "LAME-style delay 576, no padding")
    }

    func testFilesThatAreNotMPEGAudioSaySoWithTheirName() throws {
        for kind in [TestAudioFiles.Kind.textFileNamedMP3, .zeroBytes] {
            let file = try TestAudioFiles.url(kind)
            XCTAssertThrowsError(try TrackInfoReader().read(try LocalFileSource(path: file.path))) { error in
                XCTAssertEqual(error as? PlaybackError, .notAudio(file.path))
            }
        }
    }

    private func info(_ kind: TestAudioFiles.Kind) throws -> TrackInfo {
        try TrackInfoReader().read(try LocalFileSource(path: TestAudioFiles.url(kind).path))
    }

    private func frame(_ id: String, _ body: [UInt8]) -> [UInt8] {
        Array(id.utf8) + withUnsafeBytes(of: UInt32(body.count).bigEndian, Array.init) + [0, 0] + body
    }

    private func syncsafe(_ value: Int) -> [UInt8] {
        [UInt8(value >> 21 & 0x7F), UInt8(value >> 14 & 0x7F), UInt8(value >> 7 & 0x7F), UInt8(value & 0x7F)]
    }

    private func temporarySource(_ bytes: [UInt8]) throws -> LocalFileSource {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("s3play-tag-\(UUID()).mp3")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try LocalFileSource(path: url.path)
    }
}
