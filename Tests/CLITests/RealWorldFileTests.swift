import Foundation
import TestSupport
import XCTest

/// `play`, `info` and `scan` on real-world MP3s (mutagen's corpus, `RealWorldMP3s`).
final class RealWorldFileTests: XCTestCase {
    /// Issue 12: a complete CBR file without a Xing/Info frame has only an estimated length, and
    /// an estimate never makes a track "cut short" (these printed it and exited 1).
    func testCompleteFilesWithoutALengthHeaderPlayToTheEndWithExitZeroAndNoCutShortNotice() throws {
        for name in RealWorldMP3s.completeWithoutLengthHeader {
            let file = try RealWorldMP3s.url(name)
            let played = try ALSACapture.play(["play", "--quiet", file.path])
            XCTAssertEqual(played.outcome.status, 0, "\(name): \(played.outcome.standardError)")
            XCTAssertEqual(played.outcome.standardError, "", name)
            XCTAssertTrue(played.pcm == (try TestAudioFiles.referencePCM(file)), "\(name): PCM differs from mpg123 -s")
        }
    }

    /// A header's count that the file does not reach is still "cut short": vbri.mp3 is the
    /// first 8 KiB of a 222 s VBRI file.
    func testAFileEndingBeforeItsVBRICountIsCutShort() throws {
        let played = try ALSACapture.play(["play", "--quiet", try RealWorldMP3s.url("vbri.mp3").path])
        XCTAssertEqual(played.outcome.status, 1)
        XCTAssertTrue(played.outcome.standardError.contains("was cut short"), played.outcome.standardError)
    }

    func testInfoReadsTheVBRIHeader() throws {
        let object = try info(try RealWorldMP3s.url("vbri.mp3").path)
        XCTAssertEqual(object["durationExact"] as? Bool, true)
        XCTAssertEqual(object["durationSeconds"] as? Double ?? 0, 222, accuracy: 1)
        XCTAssertEqual(object["bitrateMode"] as? String, "VBR")
    }

    /// "00 FE FF" as TYER: a byte order mark in a frame marked ISO-8859-1 is no year.
    func testAGarbageYearFrameIsDropped() throws {
        let tags = try info(try RealWorldMP3s.url("bad-TYER-frame.mp3").path)["tags"] as? [String: Any]
        XCTAssertTrue(tags?["year"] is NSNull, "\(tags ?? [:])")
        XCTAssertEqual(tags?["title"] as? String, "This track has an invalid TYER frame, that used to be able to break Mutagen")
    }

    /// Issue 12, one tag reader: every field `info` and the catalog share is the same, for files
    /// with ID3v2.2/2.3/2.4, ID3v1 alongside ID3v2, APEv2, Lyrics3 and no tags at all.
    func testInfoAndTheCatalogGiveTheSameFieldsForTheSameFile() throws {
        let names = RealWorldMP3s.completeWithoutLengthHeader + ["apev2-lyricsv2.mp3", "xing.mp3", "lame.mp3"]
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("s3play-realworld-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        for name in names {
            try FileManager.default.copyItem(at: try RealWorldMP3s.url(name), to: folder.appendingPathComponent(name))
        }
        let environment: [String: String?] = ["XDG_CACHE_HOME": folder.appendingPathComponent(".cache").path,
                                              "XDG_CONFIG_HOME": folder.appendingPathComponent(".config").path,
                                              "DISCOGS_TOKEN": nil, "S3PLAY_LIBRARY": nil]
        let scan = try S3PlayProcess.run(["scan", "--library", folder.path], environment: environment)
        XCTAssertEqual(scan.status, 0, scan.standardError)
        let songs = try S3PlayProcess.run(["songs", "--json", "--library", folder.path], environment: environment)
        XCTAssertEqual(songs.status, 0, songs.standardError)
        let catalog = try songs.standardOutput.split(separator: "\n").map {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        XCTAssertEqual(catalog.count, names.count, songs.standardOutput)
        for song in catalog {
            let location = try XCTUnwrap(song["location"] as? String)
            let name = URL(fileURLWithPath: location).lastPathComponent
            let object = try info(location)
            let tags = try XCTUnwrap(object["tags"] as? [String: Any])
            if let title = tags["title"] as? String { XCTAssertEqual(song["title"] as? String, title, name) }
            if let artist = tags["artist"] as? String { XCTAssertEqual(song["artist"] as? String, artist, name) }
            if let album = tags["album"] as? String { XCTAssertEqual(song["album"] as? String, album, name) }
            XCTAssertEqual(song["genre"] as? String, tags["genre"] as? String, name)
            XCTAssertEqual(song["year"] as? Int, (tags["year"] as? String).flatMap { Int($0.prefix(4)) }, name)
            XCTAssertEqual(song["seconds"] as? Double ?? -1, object["durationSeconds"] as? Double ?? -2,
                           accuracy: 0.001, name)
        }
    }

    /// A file whose only frame is its Info header holds no audio: a problem, not a song.
    func testAFileWithOnlyAnInfoFrameIsAProblemNotASong() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("s3play-infoonly-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let file = try TestAudioFiles.url(.cbr320)
        let bytes = Array(try Data(contentsOf: file))
        // MPEG-1 layer III at 320 kbps: 144 × 320000 / 44100 bytes, plus the padding bit.
        let infoFrame = 144 * 320_000 / 44_100 + Int(bytes[2] >> 1 & 1)
        try Data(bytes[0..<infoFrame]).write(to: folder.appendingPathComponent("only-info.mp3"))
        let environment: [String: String?] = ["XDG_CACHE_HOME": folder.appendingPathComponent(".cache").path,
                                              "XDG_CONFIG_HOME": folder.appendingPathComponent(".config").path,
                                              "DISCOGS_TOKEN": nil, "S3PLAY_LIBRARY": nil]
        let scan = try S3PlayProcess.run(["scan", "--json", "--library", folder.path], environment: environment)
        XCTAssertTrue(scan.standardOutput.contains("\"songs\":0"), scan.standardOutput)
        XCTAssertTrue(scan.standardOutput.contains("\"problems\":1"), scan.standardOutput)
        let info = try S3PlayProcess.run(["info", folder.appendingPathComponent("only-info.mp3").path])
        XCTAssertNotEqual(info.status, 0)
        XCTAssertTrue(info.standardError.contains("holds no audio"), info.standardError)
    }

    /// `play` on such a file says so in one line and exits 1, and the next song still plays
    /// whole: a file that is only its Info header (libmpg123 finds no audio frame), and what
    /// LAME makes of empty input, an Info header and one frame its delay and padding trim to
    /// nothing (that one used to play nothing and exit 0).
    func testPlayingAFileThatHoldsNoAudioIsOneLineAndExitStatusOne() throws {
        try TestRequirement.requireTool("lame")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("s3play-infoonly-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let bytes = Array(try Data(contentsOf: try TestAudioFiles.url(.cbr320)))
        let infoFrame = 144 * 320_000 / 44_100 + Int(bytes[2] >> 1 & 1)
        let onlyInfo = folder.appendingPathComponent("only-info.mp3")
        try Data(bytes[0..<infoFrame]).write(to: onlyInfo)
        let fromEmptyInput = folder.appendingPathComponent("empty-input.mp3")
        let lame = try ChildProcess.run("/usr/bin/env", ["lame", "--quiet", "-r", "-s", "44.1", "/dev/null", fromEmptyInput.path])
        XCTAssertEqual(lame.status, 0, lame.standardError)
        let good = try TestAudioFiles.url(.mono22k)
        let cases = [(onlyInfo, "its only MPEG frame is a Xing/Info header"),
                     (fromEmptyInput, "its Info header's encoder delay and padding cover all its frames")]
        for (file, why) in cases {
            for arguments in [[file.path], [file.path, good.path]] {
                let played = try ALSACapture.play(["play", "--quiet"] + arguments)
                XCTAssertEqual(played.outcome.status, 1, played.outcome.standardError)
                XCTAssertEqual(played.outcome.standardError, "s3play: \(file.path) could not be decoded: it holds no audio: \(why)\n")
                let expected = arguments.count == 1 ? [] : try TestAudioFiles.referencePCM(good)
                XCTAssertTrue(played.pcm == expected, "nothing of the empty file; the next song whole")
            }
        }
    }

    private func info(_ path: String) throws -> [String: Any] {
        let outcome = try S3PlayProcess.run(["info", "--json", path])
        XCTAssertEqual(outcome.status, 0, "\(path): \(outcome.standardError)")
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any])
    }
}
