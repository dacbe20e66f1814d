import Foundation
import S3
import TestSupport
import XCTest

/// `s3play info` end to end: the real binary on local files and SeaweedFS objects, its numbers
/// checked against what mpg123 decodes.
final class InfoCommandTests: XCTestCase {
    private typealias Expected = TestAudioFiles.ExpectedTags

    func testLocalFilesGiveMpg123sLengthRateAndChannels() throws {
        let kinds: [(TestAudioFiles.Kind, rate: Int, channels: Int)] = [
            (.cbr320, 44_100, 2), (.vbrLAME, 44_100, 2), (.mono22k, 22_050, 1), (.mpeg25_8k, 8_000, 2),
            (.bigPicture, 44_100, 2), (.fiveMinutes, 44_100, 2),
        ]
        for (kind, rate, channels) in kinds {
            let file = try TestAudioFiles.url(kind)
            let object = try info(file.path)
            let samples = try TestAudioFiles.referencePCM(file).count / (2 * channels)
            XCTAssertEqual(object["lengthSamples"] as? Int, samples, "\(kind): mpg123 decodes this many")
            XCTAssertEqual(object["durationSeconds"] as? Double ?? 0, Double(samples) / Double(rate), accuracy: 0.0005, "\(kind)")
            XCTAssertEqual(object["durationExact"] as? Bool, true, "\(kind)")
            XCTAssertEqual(object["sampleRate"] as? Int, rate, "\(kind)")
            XCTAssertEqual(object["channels"] as? Int, channels, "\(kind)")
            XCTAssertEqual(object["layer"] as? Int, 3, "\(kind)")
        }
    }

    /// Issue #14: codec, rate, depth, channels and the exact length of FLAC, WAV, AIFF, Ogg
    /// Vorbis and Opus files (mutagen's corpus; lengths as mutagen 1.48.1 gives them).
    func testEveryFormatShowsCodecRateDepthChannelsAndExactLength() throws {
        let files: [(name: String, codec: String, rate: Int, bits: Int?, channels: Int, seconds: Double, title: String?)] = [
            ("silence-44-s.flac", "FLAC", 44_100, 16, 2, 3.685, "Silence"),
            ("silence-2s-PCM-16000-08-ID3v23.wav", "WAV", 16_000, 8, 2, 2, "Silence"),
            ("with-id3.aif", "AIFF", 8_000, 16, 1, 1, "AIFF title"),
            ("empty.ogg", "Ogg Vorbis", 44_100, nil, 2, 3.685, nil),
            ("example.opus", "Opus", 48_000, nil, 1, 11.355, nil),
        ]
        for file in files {
            let object = try info(try RealWorldMP3s.url(file.name).path)
            XCTAssertEqual(object["codec"] as? String, file.codec, file.name)
            XCTAssertEqual(object["sampleRate"] as? Int, file.rate, file.name)
            XCTAssertEqual(object["bitsPerSample"] as? Int, file.bits, file.name)
            XCTAssertEqual(object["channels"] as? Int, file.channels, file.name)
            XCTAssertEqual(object["durationSeconds"] as? Double ?? 0, file.seconds, accuracy: 0.0005, file.name)
            XCTAssertEqual(object["durationExact"] as? Bool, true, file.name)
            XCTAssertEqual((object["tags"] as? [String: Any])?["title"] as? String, file.title, file.name)
        }
        let text = try S3PlayProcess.run(["info", try RealWorldMP3s.url("silence-44-s.flac").path])
        XCTAssertEqual(text.status, 0, text.standardError)
        let lines = text.standardOutput.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        XCTAssertTrue(lines.contains("Format: FLAC"), text.standardOutput)
        XCTAssertTrue(lines.contains("Bit depth: 16-bit"), text.standardOutput)
    }

    func testJSONHasEveryDocumentedFieldInOrder() throws {
        let file = try TestAudioFiles.url(.cbr320)
        let outcome = try S3PlayProcess.run(["info", "--json", file.path])
        XCTAssertEqual(outcome.status, 0, outcome.standardError)
        XCTAssertEqual(outcome.standardOutput, """
            {"source":"\(file.path)","sizeBytes":\(try Data(contentsOf: file).count),"durationSeconds":20.000,\
            "durationExact":true,"lengthSamples":882000,"bitrateKbps":320,"bitrateMode":"CBR","sampleRate":44100,\
            "channels":2,"channelMode":"joint stereo","mpegVersion":"1","layer":3,"codec":"MP3",\
            "bitsPerSample":null,"floatingPoint":false,"tags":{"title":null,\
            "artist":null,"album":null,"albumArtist":null,"year":null,"genre":null,"track":null,"disc":null,\
            "comment":null}}

            """)
        let mono = try info(try TestAudioFiles.url(.mono22k).path)
        XCTAssertEqual(mono["bitrateMode"] as? String, "VBR")
        XCTAssertEqual(mono["channelMode"] as? String, "mono")
        XCTAssertEqual(mono["mpegVersion"] as? String, "2")
        XCTAssertEqual(try info(try TestAudioFiles.url(.mpeg25_8k).path)["mpegVersion"] as? String, "2.5")
    }

    func testTagsFromUTF16AndID3v24AndID3v1OnlyFiles() throws {
        let utf16 = try info(try TestAudioFiles.url(.taggedUTF16).path)["tags"] as? [String: Any]
        XCTAssertEqual(utf16?["title"] as? String, Expected.utf16Title)
        XCTAssertEqual(utf16?["artist"] as? String, Expected.utf16Artist)
        XCTAssertEqual(utf16?["album"] as? String, Expected.utf16Album)
        XCTAssertEqual(utf16?["albumArtist"] as? String, Expected.utf16AlbumArtist)
        XCTAssertEqual(utf16?["year"] as? String, "1997")
        XCTAssertEqual(utf16?["genre"] as? String, "Rock")
        XCTAssertEqual(utf16?["track"] as? String, "3/12")
        XCTAssertEqual(utf16?["disc"] as? String, "2/3")
        XCTAssertEqual(utf16?["comment"] as? String, "A comment")

        let v24 = try info(try TestAudioFiles.url(.taggedID3v24UTF8).path)["tags"] as? [String: Any]
        XCTAssertEqual(v24?["title"] as? String, Expected.id3v24Title)
        XCTAssertEqual(v24?["artist"] as? String, Expected.id3v24FirstArtist)
        XCTAssertEqual(v24?["year"] as? String, "2014-05-01")
        XCTAssertEqual(v24?["genre"] as? String, "Ambient")
        XCTAssertTrue(v24?["disc"] is NSNull)

        let v1 = try info(try TestAudioFiles.url(.taggedID3v1Only).path)["tags"] as? [String: Any]
        XCTAssertEqual(v1?["title"] as? String, "Old Title")
        XCTAssertEqual(v1?["artist"] as? String, "Old Artist")
        XCTAssertEqual(v1?["album"] as? String, "Old Album")
        XCTAssertEqual(v1?["year"] as? String, "1989")
        XCTAssertEqual(v1?["genre"] as? String, "Jazz")
        XCTAssertEqual(v1?["track"] as? String, "7")
        XCTAssertEqual(v1?["comment"] as? String, "v1 comment")
    }

    func testTextOutputIsAlignedLabelsWithTheTagsPresent() throws {
        let file = try TestAudioFiles.url(.taggedUTF16)
        let outcome = try S3PlayProcess.run(["info", file.path])
        XCTAssertEqual(outcome.status, 0, outcome.standardError)
        XCTAssertEqual(outcome.standardOutput, """
            Source:       \(file.path)
            Duration:     0:03
            Bitrate:      128 kbps CBR
            Sample rate:  44100 Hz
            Channels:     2 (joint stereo)
            Format:       MPEG-1 Layer III
            Size:         \(try Data(contentsOf: file).count) bytes
            Title:        \(Expected.utf16Title)
            Artist:       \(Expected.utf16Artist)
            Album:        \(Expected.utf16Album)
            Album artist: \(Expected.utf16AlbumArtist)
            Year:         1997
            Genre:        Rock
            Track:        3/12
            Disc:         2/3
            Comment:      A comment

            """)
        XCTAssertEqual(outcome.standardError, "")
    }

    func testS3ObjectsGiveWhatTheLocalFilesGive() throws {
        let client = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(client)
        for kind in [TestAudioFiles.Kind.bigPicture, .vbrLAME, .taggedUTF16, .taggedID3v1Only] {
            let file = try TestAudioFiles.url(kind)
            let key = "music/\(kind.rawValue).mp3"
            try client.putObject(bucket: bucket, key: key, body: Array(try Data(contentsOf: file)))
            var remote = try info("s3://\(bucket)/\(key)"), local = try info(file.path)
            XCTAssertEqual(remote.removeValue(forKey: "source") as? String, "s3://\(bucket)/\(key)")
            local["source"] = nil
            XCTAssertEqual(NSDictionary(dictionary: remote), NSDictionary(dictionary: local), "\(kind)")
        }
    }

    func testMissingEmptyAndNonAudioSourcesAreOneLineAndExitStatusOne() throws {
        let client = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(client)
        try client.putObject(bucket: bucket, key: "empty.mp3", body: [])
        try client.putObject(bucket: bucket, key: "notes.mp3", body: Array(try Data(contentsOf: TestAudioFiles.url(.textFileNamedMP3))))
        let cases: [(source: String, says: String)] = [
            ("s3://\(bucket)/missing.mp3", "does not exist"),
            ("s3://\(bucket)/empty.mp3", "is not audio s3play can play"),
            ("s3://\(bucket)/notes.mp3", "is not audio s3play can play"),
            (try TestAudioFiles.url(.zeroBytes).path, "is not audio s3play can play"),
            (try TestAudioFiles.url(.textFileNamedMP3).path, "is not audio s3play can play"),
            ("/no/such/file.mp3", "does not exist"),
        ]
        for (source, says) in cases {
            for arguments in [["info", source], ["info", "--json", source]] {
                let outcome = try S3PlayProcess.run(arguments)
                XCTAssertEqual(outcome.status, 1, "\(arguments)")
                XCTAssertEqual(outcome.standardOutput, "", "\(arguments)")
                XCTAssertEqual(outcome.standardError.filter { $0 == "\n" }.count, 1, outcome.standardError)
                XCTAssertTrue(outcome.standardError.hasPrefix("s3play: \(source) "), outcome.standardError)
                XCTAssertTrue(outcome.standardError.contains(says), outcome.standardError)
            }
        }
    }

    /// `s3play info --json SOURCE` as a dictionary.
    private func info(_ source: String) throws -> [String: Any] {
        let outcome = try S3PlayProcess.run(["info", "--json", source])
        XCTAssertEqual(outcome.status, 0, "\(source): \(outcome.standardError)")
        let object = try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8))
        return try XCTUnwrap(object as? [String: Any], outcome.standardOutput)
    }
}
