import Foundation
import XCTest

/// Ogg Vorbis and Opus files made in the test run (sox → oggenc / opusenc, with tags) and their
/// reference decodes by the codecs' own tools: `oggdec -R` and `opusdec --no-dither --rate 48000`
/// (opusdec otherwise resamples back to the input's rate). Made once per run, in a temp folder.
enum OggFixtures {
    enum Kind: String, CaseIterable {
        /// 20 s, 44.1 kHz stereo (a sweep on the left, pink noise on the right).
        case vorbis = "stereo.ogg"
        /// The same signal as Opus (decodes at 48 kHz).
        case opus = "stereo.opus"
        /// 180 s, for far seeks counted in requests.
        case longVorbis = "long.ogg"
        case longOpus = "long.opus"
        /// A chained Ogg Vorbis: link one (3 s at 44.1 kHz stereo), then link two (2 s at
        /// 22.05 kHz mono); the links are fixtures of their own for the reference decode.
        case chainedVorbis = "chained.ogg"
        case vorbisLinkOne = "link-one.ogg"
        case vorbisLinkTwo = "link-two.ogg"
        /// A chained Ogg Opus: 3 s stereo, then 2 s mono.
        case chainedOpus = "chained.opus"
        case opusLinkOne = "link-one.opus"
        case opusLinkTwo = "link-two.opus"
        /// Two tracks cut from one recording (6 s + 4 s of one sweep): gapless in a row.
        case firstHalfOpus = "first-half.opus"
        case secondHalfOpus = "second-half.opus"
        case firstHalfVorbis = "first-half.ogg"
        case secondHalfVorbis = "second-half.ogg"
    }

    /// The largest difference between a sample s3play decodes from Opus and the one
    /// `opusdec --no-dither` writes: measured 0 on these fixtures with libopusfile 0.12 and
    /// opus-tools 0.2 (Debian 12). Both round libopus' float decode to 16 bits without dither;
    /// they convert with their own routines, so a signal that clips could differ (none here does).
    static let opusTolerance = 0
    /// Samples after an Opus seek from which the PCM equals a continuous decode (see
    /// `XCTAssertOpusAfterSeek`): 0.5 s at 48 kHz, measured identical from 0.39 s.
    static let opusSeekConvergenceFrames = 24_000
    /// After a seek, from `opusSeekConvergenceFrames` on: 1 step. The decoder restarts 80 ms
    /// before the target with an empty state that converges towards a continuous decode's
    /// without a bound on when the last rounding agrees: one run in about five of the random
    /// fixtures was 1 step off at 0.5 s (a full decode, compared above, stays at 0).
    static let opusAfterSeekTolerance = 1
    /// Vorbis: `oggdec` calls `ov_read` with the same arguments, so the PCM is bit-identical.
    static let vorbisTolerance = 0

    static func url(_ kind: Kind) throws -> URL {
        lock.lock()
        defer { lock.unlock() }
        let file = directory.appendingPathComponent(kind.rawValue)
        if !FileManager.default.fileExists(atPath: file.path) { try make(kind, at: file) }
        return file
    }

    /// The reference tool's raw S16_LE decode of `kind` (a chained file: each link's, in order).
    static func referencePCM(_ kind: Kind) throws -> [UInt8] {
        switch kind {
        case .chainedVorbis: return try referencePCM(.vorbisLinkOne) + referencePCM(.vorbisLinkTwo)
        case .chainedOpus: return try referencePCM(.opusLinkOne) + referencePCM(.opusLinkTwo)
        default: break
        }
        let file = try url(kind)
        let raw = file.appendingPathExtension("raw")
        if !FileManager.default.fileExists(atPath: raw.path) {
            if file.pathExtension == "opus" {
                try run(["opusdec", "--quiet", "--no-dither", "--rate", "48000", file.path, raw.path])
            } else {
                try run(["oggdec", "--quiet", "--raw", "-o", raw.path, file.path])
            }
        }
        return Array(try Data(contentsOf: raw))
    }

    /// A copy of `kind` with one byte flipped inside the body of the page nearest the middle:
    /// its CRC fails, the Ogg layer drops the page, and the packet sequence has a hole.
    static func withBrokenPage(_ kind: OggFixtures.Kind) throws -> URL {
        var bytes = try OggFixtures.bytes(kind)
        let capture = Array("OggS".utf8)
        var pageStarts: [Int] = []
        for offset in 0..<(bytes.count - 4) where bytes[offset..<offset + 4].elementsEqual(capture) { pageStarts.append(offset) }
        let page = pageStarts.min { abs($0 - bytes.count / 2) < abs($1 - bytes.count / 2) }!
        bytes[page + 27 + Int(bytes[page + 26]) + 10] ^= 0xFF
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("broken-\(getpid())-\(kind.rawValue)")
        try Data(bytes).write(to: url)
        return url
    }

    static func bytes(_ kind: Kind) throws -> [UInt8] { Array(try Data(contentsOf: try url(kind))) }

    private static let directory: URL = {
        let base = ProcessInfo.processInfo.environment["S3PLAY_TEST_TMPDIR"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory
        let folder = base.appendingPathComponent("ogg-fixtures-\(getpid())")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }()

    private static let lock = NSRecursiveLock()

    private static func make(_ kind: Kind, at output: URL) throws {
        let scratch = directory.appendingPathComponent("scratch-\(kind.rawValue)")
        let wav = scratch.appendingPathExtension("wav")
        defer { try? FileManager.default.removeItem(at: wav) }
        switch kind {
        case .vorbis, .opus:
            try signal(seconds: 20, rate: 44_100, channels: 2, to: wav)
            try encode(wav, to: output, title: "Stereo Test", artist: "s3play")
        case .longVorbis, .longOpus:
            try signal(seconds: 180, rate: 44_100, channels: 2, to: wav)
            try encode(wav, to: output, title: "Long Test", artist: "s3play")
        case .vorbisLinkOne, .opusLinkOne:
            try signal(seconds: 3, rate: 44_100, channels: 2, to: wav)
            try encode(wav, to: output, title: "Link One", artist: "s3play")
        case .vorbisLinkTwo, .opusLinkTwo:
            try signal(seconds: 2, rate: 22_050, channels: 1, to: wav)
            try encode(wav, to: output, title: "Link Two", artist: "s3play")
        case .chainedVorbis, .chainedOpus:
            let links: [Kind] = kind == .chainedVorbis ? [.vorbisLinkOne, .vorbisLinkTwo] : [.opusLinkOne, .opusLinkTwo]
            // RFC 3533 §4: a chained stream is its links' pages one after another.
            try Data(try bytes(links[0]) + bytes(links[1])).write(to: output)
        case .firstHalfOpus, .secondHalfOpus, .firstHalfVorbis, .secondHalfVorbis:
            try signal(seconds: 10, rate: 48_000, channels: 2, to: wav)
            let part = scratch.appendingPathExtension("part.wav")
            defer { try? FileManager.default.removeItem(at: part) }
            let first = kind == .firstHalfOpus || kind == .firstHalfVorbis
            try run(["sox", wav.path, part.path] + (first ? ["trim", "0", "6"] : ["trim", "6"]))
            try encode(part, to: output, title: first ? "Part One" : "Part Two", artist: "s3play")
        }
    }

    /// A sweep on the first channel and pink noise on the second: neither silence nor a tone
    /// that a wrong offset would still match.
    private static func signal(seconds: Int, rate: Int, channels: Int, to wav: URL) throws {
        try run(["sox", "-n", "-r", "\(rate)", "-c", "\(channels)", "-b", "16", wav.path,
                 "synth", "\(seconds)", "sine", "110-1760"] + (channels > 1 ? ["pinknoise"] : []) + ["vol", "0.5"])
    }

    private static func encode(_ wav: URL, to output: URL, title: String, artist: String) throws {
        if output.pathExtension == "opus" {
            try run(["opusenc", "--quiet", "--title", title, "--artist", artist, wav.path, output.path])
        } else {
            try run(["oggenc", "--quiet", "-t", title, "-a", artist, "-o", output.path, wav.path])
        }
    }

    static func run(_ command: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NSError(domain: "OggFixtures", code: Int(process.terminationStatus), userInfo: [
                NSLocalizedDescriptionKey: "\(command.joined(separator: " ")) failed: \(String(decoding: stderr, as: UTF8.self))",
            ])
        }
    }
}
