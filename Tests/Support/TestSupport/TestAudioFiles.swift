import Foundation

/// MP3 fixtures made on demand with sox (undithered tones: the same bytes on every run) and
/// lame, plus the reference decoder's PCM for them (`mpg123 -q -s`). Files are made once per
/// test process and kept in a per-user temp folder whose name carries a format version; each is
/// written under a temporary name and renamed, so concurrent test processes never read half a file.
public enum TestAudioFiles {
    public enum Kind: String, CaseIterable, Sendable {
        /// 44.1 kHz stereo, CBR 320 kbps, 20 s, LAME Info frame (gapless trim).
        case cbr320
        /// 44.1 kHz stereo, VBR -V 2 with the LAME/Xing header and its TOC, 20 s.
        case vbrLAME
        /// 22.05 kHz mono (MPEG-2), VBR -V 4, 10 s.
        case mono22k
        /// 8 kHz stereo (MPEG-2.5), CBR 32 kbps, 20 s.
        case mpeg25_8k
        /// A 3 MiB ID3v2.3 APIC picture in front of 10 s of CBR 128 kbps audio.
        case bigPicture
        /// 300 s, 44.1 kHz stereo, CBR 128 kbps: for seeking.
        case fiveMinutes
        /// 300 s, 44.1 kHz stereo, VBR -V 2 with the LAME/Xing header and its TOC: for far seeks.
        case fiveMinutesVBR
        /// 120 s, 44.1 kHz stereo, VBR -V 2 with no Xing/LAME header (`lame -t`), so no TOC:
        /// noise and a tone by turns for 4 s (the frame sizes vary from the start), then 56 s of
        /// noise (about 107 kbps) and 60 s of the tone (about 49 kbps), so the mean frame size
        /// puts 90 s seconds early.
        case vbrSwingsNoHeader
        /// Plain text with an .mp3 name.
        case textFileNamedMP3
        /// An empty .mp3.
        case zeroBytes
        /// `cbr320` cut at 60 % of its bytes, in the middle of a frame.
        case truncated
        /// lame's ID3v2.3 tag in UTF-16 with non-Latin text, TPE2 and TPOS, plus its ID3v1 tag.
        case taggedUTF16
        /// A hand-written ID3v2.4 tag in UTF-8: multi-valued TPE1, TDRC, numeric TCON, TXXX
        /// ReplayGain track and album gains; then 3 s of CBR 128 kbps audio.
        case taggedID3v24UTF8
        /// Only an ID3v1.1 tag (the last 128 bytes), genre as an index.
        case taggedID3v1Only
    }

    public struct FixtureError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The expected tags of the tagged fixtures, in one place for the fixture and its tests.
    public enum ExpectedTags {
        public static let utf16Title = "Пісня №1 — 歌"
        public static let utf16Artist = "Björk & 坂本龍一"
        public static let utf16Album = "Album ÅÄÖ ελληνικά"
        public static let utf16AlbumArtist = "Various Artists ✓"
        public static let id3v24Title = "東京の夜 🌃"
        public static let id3v24FirstArtist = "Ólafur Arnalds"
        public static let id3v24SecondArtist = "Nils Frahm"
    }

    /// The file for `kind`, made on first use.
    public static func url(_ kind: Kind) throws -> URL {
        lock.lock()
        defer { lock.unlock() }
        if let url = made[kind] { return url }
        let url = directory.appendingPathComponent("\(kind.rawValue).mp3")
        if !FileManager.default.fileExists(atPath: url.path) {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let partial = directory.appendingPathComponent(".\(kind.rawValue).\(getpid()).partial.mp3")
            defer { try? FileManager.default.removeItem(at: partial) }
            try make(kind, at: partial)
            guard rename(partial.path, url.path) == 0 else {
                throw FixtureError(description: "cannot rename \(partial.path): errno \(errno)")
            }
        }
        made[kind] = url
        return url
    }

    /// The reference decoder's output: `mpg123 -q -s [-k startFrame] [arguments] FILE`, signed
    /// 16-bit native-endian PCM at the stream's rate and channel count, gapless-trimmed by the
    /// LAME Info frame as libmpg123 does by default.
    public static func referencePCM(_ url: URL, startFrame: Int? = nil,
                                    arguments: [String] = []) throws -> [UInt8] {
        var command = ["mpg123", "-q", "-s"]
        if let startFrame { command += ["-k", String(startFrame)] }
        return try run(command + arguments + [url.path])
    }

    // MARK: - Making the files

    /// Bumped whenever a fixture's recipe changes, so stale files from older runs are not reused.
    private static let formatVersion = 2
    private static let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("s3play-test-audio-v\(formatVersion)-\(getuid())")
    private static let lock = NSRecursiveLock()  // .truncated makes .cbr320 first
    nonisolated(unsafe) private static var made: [Kind: URL] = [:]

    private static func make(_ kind: Kind, at output: URL) throws {
        switch kind {
        case .cbr320:
            try encode(seconds: 20, rate: 44100, channels: 2, lame: ["-b", "320"], to: output)
        case .vbrLAME:
            try encode(seconds: 20, rate: 44100, channels: 2, lame: ["-V", "2"], to: output)
        case .mono22k:
            try encode(seconds: 10, rate: 22050, channels: 1, lame: ["-V", "4"], to: output)
        case .mpeg25_8k:
            try encode(seconds: 20, rate: 44100, channels: 2, lame: ["--resample", "8", "-b", "32"], to: output)
        case .bigPicture:
            // lame takes any PNG-signed file as album art; 3 MiB of a repeating pattern after the signature.
            let picture = directory.appendingPathComponent(".picture.\(getpid()).png")
            defer { try? FileManager.default.removeItem(at: picture) }
            var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            png += (0..<(3 * 1024 * 1024 - png.count)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            try Data(png).write(to: picture)
            try encode(seconds: 10, rate: 44100, channels: 2,
                       lame: ["-b", "128", "--ti", picture.path], to: output)
        case .fiveMinutes:
            try encode(seconds: 300, rate: 44100, channels: 2, lame: ["-b", "128"], to: output)
        case .fiveMinutesVBR:
            try encode(seconds: 300, rate: 44100, channels: 2, lame: ["-V", "2"], to: output)
        case .vbrSwingsNoHeader:
            let wave = directory.appendingPathComponent(".swing.\(getpid()).wav")
            defer { try? FileManager.default.removeItem(at: wave) }
            _ = try run(["sox", "-R", "-D", "-n", "-r", "44100", "-c", "2", "-b", "16", wave.path,
                         "synth", "1", "whitenoise", "vol", "0.3", ":", "synth", "1", "sine", "440", "vol", "0.3", ":",
                         "synth", "1", "whitenoise", "vol", "0.3", ":", "synth", "1", "sine", "440", "vol", "0.3", ":",
                         "synth", "56", "whitenoise", "vol", "0.3", ":", "synth", "60", "sine", "440", "vol", "0.3"])
            _ = try run(["lame", "--quiet", "-V", "2", "-t", wave.path, output.path])
        case .textFileNamedMP3:
            let line = "This is a plain text file that only has an .mp3 name; it holds no MPEG audio.\n"
            try Data(String(repeating: line, count: 100).utf8).write(to: output)
        case .zeroBytes:
            try Data().write(to: output)
        case .truncated:
            let full = try Data(contentsOf: url(.cbr320))
            try full.prefix(full.count * 6 / 10).write(to: output)
        case .taggedUTF16:
            try encode(seconds: 3, rate: 44100, channels: 2, lame: [
                "-b", "128", "--add-id3v2", "--id3v2-utf16",
                "--tt", ExpectedTags.utf16Title, "--ta", ExpectedTags.utf16Artist,
                "--tl", ExpectedTags.utf16Album, "--ty", "1997", "--tn", "3/12", "--tg", "Rock",
                "--tc", "A comment", "--tv", "TPE2=\(ExpectedTags.utf16AlbumArtist)", "--tv", "TPOS=2/3",
            ], to: output)
        case .taggedID3v24UTF8:
            let audio = directory.appendingPathComponent(".audio.\(getpid()).mp3")
            defer { try? FileManager.default.removeItem(at: audio) }
            try encode(seconds: 3, rate: 44100, channels: 2, lame: ["-b", "128"], to: audio)
            let tag = id3v24Tag(frames: [
                ("TIT2", [0x03] + Array(ExpectedTags.id3v24Title.utf8)),
                // ID3v2.4 multi-valued text: values separated by NUL (section 4.2 of id3v2.4.0-frames).
                ("TPE1", [0x03] + Array(ExpectedTags.id3v24FirstArtist.utf8) + [0]
                    + Array(ExpectedTags.id3v24SecondArtist.utf8)),
                ("TALB", [0x03] + Array("Ljósið".utf8)),
                ("TDRC", [0x03] + Array("2014-05-01".utf8)),
                ("TCON", [0x03] + Array("(26)".utf8)),
                ("TRCK", [0x03] + Array("5".utf8)),
                ("TXXX", [0x03] + Array("replaygain_track_gain".utf8) + [0] + Array("-4.50 dB".utf8)),
                ("TXXX", [0x03] + Array("replaygain_album_gain".utf8) + [0] + Array("-9.00 dB".utf8)),
            ])
            try Data(tag + Array(try Data(contentsOf: audio))).write(to: output)
        case .taggedID3v1Only:
            try encode(seconds: 3, rate: 44100, channels: 2, lame: [
                "-b", "128", "--id3v1-only", "--tt", "Old Title", "--ta", "Old Artist",
                "--tl", "Old Album", "--ty", "1989", "--tn", "7", "--tg", "Jazz", "--tc", "v1 comment",
            ], to: output)
        }
    }

    /// Two sweeps (one a channel, or mixed for mono) at half scale: tonal, changing content so
    /// the frames differ, and no clipping. `-D`: sox otherwise dithers the 16-bit output with
    /// random noise, and the files would differ from run to run; `synth` itself has no random part.
    private static func encode(seconds: Int, rate: Int, channels: Int, lame: [String], to output: URL) throws {
        let wave = directory.appendingPathComponent(".source.\(getpid()).wav")
        defer { try? FileManager.default.removeItem(at: wave) }
        _ = try run(["sox", "-D", "-n", "-r", String(rate), "-c", String(channels), "-b", "16", wave.path,
                     "synth", String(seconds), "sine", "220-1760", "sine", "330-660", "vol", "0.5"])
        _ = try run(["lame", "--quiet"] + lame + [wave.path, output.path])
    }

    /// An ID3v2.4 tag: 10-byte header and frames whose sizes are syncsafe integers (id3v2.4.0-structure 3.1, 4).
    private static func id3v24Tag(frames: [(id: String, body: [UInt8])]) -> [UInt8] {
        var body: [UInt8] = []
        for frame in frames {
            body += Array(frame.id.utf8) + syncsafe(frame.body.count) + [0, 0] + frame.body
        }
        return Array("ID3".utf8) + [4, 0, 0] + syncsafe(body.count) + body
    }

    private static func syncsafe(_ value: Int) -> [UInt8] {
        [UInt8(value >> 21 & 0x7F), UInt8(value >> 14 & 0x7F), UInt8(value >> 7 & 0x7F), UInt8(value & 0x7F)]
    }

    /// Runs a tool found on PATH and returns its standard output. UTF-8 locale: lame converts
    /// non-ASCII tag arguments to UTF-16 through it and drops them under the C locale.
    @discardableResult
    private static func run(_ command: [String]) throws -> [UInt8] {
        try TestRequirement.requireTool(command[0])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        var environment = ProcessInfo.processInfo.environment
        environment["LC_ALL"] = "C.UTF-8"
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Read standard error on another thread so neither pipe fills up and stalls the tool.
        let errorText = ErrorText()
        let reader = Thread { errorText.set(errors.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let stderr = errorText.waitForValue()
        guard process.terminationStatus == 0 else {
            throw FixtureError(description: "\(command.joined(separator: " ")) exited with "
                + "\(process.terminationStatus): \(String(decoding: stderr, as: UTF8.self))")
        }
        return [UInt8](data)
    }

    private final class ErrorText: @unchecked Sendable {
        private let condition = NSCondition()
        private var value: Data?

        func set(_ data: Data) {
            condition.lock()
            value = data
            condition.signal()
            condition.unlock()
        }

        func waitForValue() -> Data {
            condition.lock()
            defer { condition.unlock() }
            while value == nil { condition.wait() }
            return value!
        }
    }
}
