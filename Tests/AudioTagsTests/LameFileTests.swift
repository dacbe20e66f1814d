import AudioTags
import Foundation
import TestSupport
import XCTest

/// Files made by lame: the duration must match the sample count mpg123 decodes (gapless-trimmed
/// by the LAME header, as `TestAudioFiles.referencePCM` decodes) to the sample (half a sample's
/// time) when there is a LAME header, and to 2 % for the bitrate estimate without one.
final class LameFileTests: XCTestCase {
    private typealias Expected = TestAudioFiles.ExpectedTags

    private func check(_ url: URL, version: MPEGVersion, rate: Int, channels: Int, method: AudioDurationMethod,
                       tolerance: Double, line: UInt = #line) throws -> TagReading {
        let file = [UInt8](try Data(contentsOf: url))
        let reading = TagReading(file)
        let summary = reading.summary
        let samples = try TestAudioFiles.referencePCM(url).count / (2 * channels)
        let exact = Double(samples) / Double(rate)
        XCTAssertEqual(summary.mpegVersion, version, line: line)
        XCTAssertEqual(summary.mpegLayer, 3, line: line)
        XCTAssertEqual(summary.sampleRate, rate, line: line)
        XCTAssertEqual(summary.channels, channels, line: line)
        XCTAssertEqual(summary.durationMethod, method, line: line)
        XCTAssertEqual(summary.durationSeconds ?? 0, exact, accuracy: tolerance, line: line)
        XCTAssertLessThanOrEqual(reading.reads.count, 3, line: line)
        XCTAssertNil(summary.problem, line: line)
        return reading
    }

    func testCBR320InfoHeaderGivesTheExactDecodedLength() throws {
        let reading = try check(TestAudioFiles.url(.cbr320), version: .mpeg1, rate: 44_100, channels: 2,
                                method: .xingHeader, tolerance: 0.5 / 44_100)
        XCTAssertEqual(reading.summary.bitrate, 320_000)
        XCTAssertEqual(reading.summary.tagSource, .noTag)
    }

    func testVBRLAMEHeaderGivesTheExactDecodedLength() throws {
        let reading = try check(TestAudioFiles.url(.vbrLAME), version: .mpeg1, rate: 44_100, channels: 2,
                                method: .xingHeader, tolerance: 0.5 / 44_100)
        XCTAssertNotEqual(reading.summary.bitrate, 32_000, "the average, not the header frame's")
    }

    func testMono22kHzIsMPEG2() throws {
        _ = try check(TestAudioFiles.url(.mono22k), version: .mpeg2, rate: 22_050, channels: 1,
                      method: .xingHeader, tolerance: 0.5 / 22_050)
    }

    func testEightKilohertzIsMPEG25() throws {
        _ = try check(TestAudioFiles.url(.mpeg25_8k), version: .mpeg2_5, rate: 8_000, channels: 2,
                      method: .xingHeader, tolerance: 0.5 / 8_000)
    }

    func testCBRWithoutInfoHeaderIsEstimatedFromTheBitrateWithinTwoPercent() throws {
        let url = try LameFiles.make("cbr192-noinfo", ["-b", "192", "-t"])
        let samples = Double(try TestAudioFiles.referencePCM(url).count / 4)
        _ = try check(url, version: .mpeg1, rate: 44_100, channels: 2, method: .bitrateEstimate,
                      tolerance: samples / 44_100 * 0.02)
    }

    func testBigPictureTakesThreeReadsAndStillFindsTheInfoHeader() throws {
        let url = try TestAudioFiles.url(.bigPicture)
        let reading = try check(url, version: .mpeg1, rate: 44_100, channels: 2, method: .xingHeader,
                                tolerance: 0.5 / 44_100)
        // The head (with the picture frame's header), then past the picture to the tag's end
        // with the frame window, then the last 8 KiB: the 3 MiB picture is never fetched.
        XCTAssertEqual(reading.reads.count, 3)
        XCTAssertEqual(reading.reads.first, 0..<16_384)
        XCTAssertEqual(reading.reads[1].upperBound, reading.summary.tagBytes + AudioTagReader.firstFrameWindow)
        XCTAssertLessThanOrEqual(reading.bytesRead, 32 * 1024)
        XCTAssertGreaterThan(reading.summary.tagBytes, 3 * 1024 * 1024)
    }

    func testLameUTF16TagWithAlbumArtistAndDisc() throws {
        let reading = try check(TestAudioFiles.url(.taggedUTF16), version: .mpeg1, rate: 44_100, channels: 2,
                                method: .xingHeader, tolerance: 0.5 / 44_100)
        let summary = reading.summary
        XCTAssertEqual(summary.tagSource, .id3v2_3)
        XCTAssertEqual(summary.title, Expected.utf16Title)
        XCTAssertEqual(summary.artist, Expected.utf16Artist)
        XCTAssertEqual(summary.album, Expected.utf16Album)
        XCTAssertEqual(summary.albumArtist, Expected.utf16AlbumArtist)
        XCTAssertEqual(summary.year, 1997)
        XCTAssertEqual(summary.genre, "Rock")
        XCTAssertEqual([summary.trackNumber, summary.trackTotal, summary.discNumber, summary.discTotal], [3, 12, 2, 3])
        XCTAssertEqual(reading.reads.count, 2, "the first 16 KiB, the last 8 KiB")
    }

    func testHandWrittenID3v24UTF8Tag() throws {
        let reading = try check(TestAudioFiles.url(.taggedID3v24UTF8), version: .mpeg1, rate: 44_100,
                                channels: 2, method: .xingHeader, tolerance: 0.5 / 44_100)
        XCTAssertEqual(reading.summary.title, Expected.id3v24Title)
        XCTAssertEqual(reading.summary.artist, Expected.id3v24FirstArtist)
        XCTAssertEqual(reading.summary.year, 2014)
        XCTAssertEqual(reading.summary.genre, "Ambient")
        XCTAssertEqual(reading.summary.trackNumber, 5)
    }

    func testLameID3v1OnlyTag() throws {
        let reading = try check(TestAudioFiles.url(.taggedID3v1Only), version: .mpeg1, rate: 44_100,
                                channels: 2, method: .xingHeader, tolerance: 0.5 / 44_100)
        XCTAssertEqual(reading.summary.tagSource, .id3v1)
        XCTAssertEqual(reading.summary.title, "Old Title")
        XCTAssertEqual(reading.summary.year, 1989)
        XCTAssertEqual(reading.summary.trackNumber, 7)
        XCTAssertEqual(reading.summary.genre, "Jazz")
        XCTAssertEqual(reading.reads.count, 2, "the first 16 KiB, the last 8 KiB with the ID3v1 tag")
    }

    func testLameID3v2OnlyLatin1Tag() throws {
        let url = try LameFiles.make("v2only", ["-b", "128", "--id3v2-only", "--tt", "Beyoncé", "--ta", "Artist",
                                                "--tl", "Album", "--ty", "2020", "--tn", "4/9", "--tg", "Pop"])
        let reading = try check(url, version: .mpeg1, rate: 44_100, channels: 2, method: .xingHeader,
                                tolerance: 0.5 / 44_100)
        XCTAssertEqual(reading.summary.tagSource, .id3v2_3)
        XCTAssertEqual(reading.summary.title, "Beyoncé")
        XCTAssertEqual(reading.summary.trackNumber, 4)
        XCTAssertEqual(reading.summary.trackTotal, 9)
        XCTAssertEqual(reading.summary.year, 2020)
        XCTAssertEqual(reading.summary.genre, "Pop")
    }
}

/// Extra lame files for these tests, made once per process in a temp folder: 5 s of the same
/// undithered sox sweep `TestAudioFiles` uses.
enum LameFiles {
    private static let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("s3play-audiotags-v1-\(getuid())-\(getpid())")

    static func make(_ name: String, _ lameArguments: [String]) throws -> URL {
        let output = directory.appendingPathComponent("\(name).mp3")
        if FileManager.default.fileExists(atPath: output.path) { return output }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let wave = directory.appendingPathComponent("\(name).wav")
        defer { try? FileManager.default.removeItem(at: wave) }
        try run(["sox", "-D", "-n", "-r", "44100", "-c", "2", "-b", "16", wave.path,
                 "synth", "5", "sine", "220-1760", "sine", "330-660", "vol", "0.5"])
        try run(["lame", "--quiet"] + lameArguments + [wave.path, output.path])
        return output
    }

    private static func run(_ command: [String]) throws {
        try TestRequirement.requireTool(command[0])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        var environment = ProcessInfo.processInfo.environment
        environment["LC_ALL"] = "C.UTF-8"  // lame drops non-ASCII tag text under the C locale
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ToolFailure(command: command, status: process.terminationStatus)
        }
    }
}

struct ToolFailure: Error {
    let command: [String]
    let status: Int32
}
