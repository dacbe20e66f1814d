import Foundation

/// Lossless test files, made in the test run with sox and flac (never committed), and the
/// reference decoders' raw PCM for them: `flac -d` for FLAC, `sox … -t raw` for WAV and AIFF.
public enum LosslessTestFiles {
    public enum Kind: String, CaseIterable, Sendable {
        /// 6 s of 16-bit 44.1 kHz stereo WAV (WAVE_FORMAT_PCM).
        case wav16x44
        /// 30 s of 24-bit 96 kHz stereo FLAC with a seek point every 10 s, about 7 MB.
        case flac24x96
        /// 5 s of 24-bit 48 kHz stereo AIFF (big-endian).
        case aiff24x48
        /// 5 s of 32-bit float 48 kHz stereo WAV.
        case wavFloat32
        /// 5 s of 64-bit float 48 kHz stereo WAV (format 3, 64 bits).
        case wavFloat64
        /// The same samples in WAVE_FORMAT_EXTENSIBLE (sub-format IEEE float, 64 valid bits).
        case wavFloat64Extensible
        /// 8 s of 16-bit 44.1 kHz stereo WAV: the take the two FLAC tracks below are cut from.
        case take
        /// The take's first 150001 samples (not a multiple of FLAC's 4096-sample blocks), as FLAC.
        case takeFirstPart
        /// The rest of the take, as FLAC.
        case takeSecondPart

        public var fileExtension: String {
            switch self {
            case .wav16x44, .wavFloat32, .wavFloat64, .wavFloat64Extensible, .take: return "wav"
            case .aiff24x48: return "aiff"
            case .flac24x96, .takeFirstPart, .takeSecondPart: return "flac"
            }
        }
    }

    /// Samples per channel in `.takeFirstPart`.
    public static let takeCutSample = 150_001

    public static func url(_ kind: Kind) throws -> URL {
        lock.lock()
        defer { lock.unlock() }
        if let url = made[kind] { return url }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent("\(kind.rawValue).\(kind.fileExtension)")
        if !FileManager.default.fileExists(atPath: url.path) {
            let partial = directory.appendingPathComponent(".\(kind.rawValue).\(getpid()).partial.\(kind.fileExtension)")
            defer { try? FileManager.default.removeItem(at: partial) }
            try make(kind, at: partial)
            guard rename(partial.path, url.path) == 0 else {
                throw TestAudioFiles.FixtureError(description: "cannot rename \(partial.path): errno \(errno)")
            }
        }
        made[kind] = url
        return url
    }

    /// The reference decoder's little-endian raw PCM for the file at `url`, in the file's own
    /// encoding and depth: `flac -d --force-raw-format` for .flac, `sox FILE -t raw -L` otherwise.
    public static func referencePCM(_ url: URL) throws -> [UInt8] {
        if url.pathExtension == "flac" {
            return try run(["flac", "-d", "-s", "-c", "--force-raw-format", "--endian=little", "--sign=signed", url.path])
        }
        return try run(["sox", url.path, "-t", "raw", "-L", "-"])
    }

    /// sox's own conversion of the file at `url` to little-endian 32-bit float raw PCM (sox
    /// converts through its 32-bit integer samples).
    public static func soxFloat32PCM(_ url: URL) throws -> [UInt8] {
        try run(["sox", url.path, "-t", "raw", "-e", "floating-point", "-b", "32", "-L", "-"])
    }

    /// A copy of `kind`'s file cut to its first `bytes` bytes (a truncated upload).
    public static func truncated(_ kind: Kind, toBytes bytes: Int) throws -> [UInt8] {
        Array(try Data(contentsOf: url(kind)).prefix(bytes))
    }

    // MARK: - Making the files

    /// Bumped whenever a recipe changes, so stale files from older runs are not reused.
    private static let formatVersion = 1
    private static let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("s3play-lossless-v\(formatVersion)-\(getuid())")
    private static let lock = NSRecursiveLock()  // the take's parts make the take first
    nonisolated(unsafe) private static var made: [Kind: URL] = [:]

    private static func make(_ kind: Kind, at output: URL) throws {
        // One channel a tone, the other pink noise: noise keeps FLAC from compressing the file
        // to nothing, so seeks cross many ranged reads.
        let signal = ["sine", "440", "pinknoise", "vol", "0.7"]
        switch kind {
        case .wav16x44:
            try synth(seconds: 6, rate: 44100, bits: ["-b", "16", "-e", "signed"], signal, to: output)
        case .aiff24x48:
            try synth(seconds: 5, rate: 48000, bits: ["-b", "24", "-e", "signed"], signal, to: output)
        case .wavFloat32:
            try synth(seconds: 5, rate: 48000, bits: ["-b", "32", "-e", "floating-point"], signal, to: output)
        case .wavFloat64:
            try synth(seconds: 5, rate: 48000, bits: ["-b", "64", "-e", "floating-point"], signal, to: output)
        case .wavFloat64Extensible:
            // sox writes 64-bit float as plain format 3: the header is rewritten around its samples.
            let plain = [UInt8](try Data(contentsOf: try url(.wavFloat64)))
            guard let dataAt = (12..<(plain.count - 8)).first(where: { plain[$0..<($0 + 4)].elementsEqual(Array("data".utf8)) }) else {
                throw TestAudioFiles.FixtureError(description: "no data chunk in \(kind)")
            }
            try Data(extensibleWAV(rate: 48000, channels: 2, bits: 64, samples: Array(plain[(dataAt + 8)...])))
                .write(to: output)
        case .take:
            try synth(seconds: 8, rate: 44100, bits: ["-b", "16", "-e", "signed"], signal, to: output)
        case .flac24x96:
            let wav = output.deletingPathExtension().appendingPathExtension("wav")
            defer { try? FileManager.default.removeItem(at: wav) }
            try synth(seconds: 30, rate: 96000, bits: ["-b", "24", "-e", "signed"], signal, to: wav)
            try run(["flac", "-s", "-f", "-5", "-S", "10s", "-o", output.path, wav.path])
        case .takeFirstPart, .takeSecondPart:
            let wav = output.deletingPathExtension().appendingPathExtension("wav")
            defer { try? FileManager.default.removeItem(at: wav) }
            let trim = kind == .takeFirstPart ? ["trim", "0", "\(takeCutSample)s"] : ["trim", "\(takeCutSample)s"]
            try run(["sox", try url(.take).path, wav.path] + trim)
            try run(["flac", "-s", "-f", "-o", output.path, wav.path])
        }
    }

    /// RIFF/WAVE with a 40-byte WAVEFORMATEXTENSIBLE `fmt ` (cbSize 22, all bits valid, front
    /// left and right, sub-format KSDATAFORMAT_SUBTYPE_IEEE_FLOAT) and `samples` as `data`.
    public static func extensibleWAV(rate: Int, channels: Int, bits: Int, samples: [UInt8]) -> [UInt8] {
        func le(_ value: Int, _ bytes: Int) -> [UInt8] { (0..<bytes).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        let block = channels * bits / 8
        let guidTail: [UInt8] = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71]
        var fmt = le(0xFFFE, 2) + le(channels, 2) + le(rate, 4) + le(rate * block, 4) + le(block, 2) + le(bits, 2)
        fmt += le(22, 2) + le(bits, 2) + le(3, 4) + le(3, 2) + guidTail
        let body = Array("WAVE".utf8) + Array("fmt ".utf8) + le(fmt.count, 4) + fmt
            + Array("data".utf8) + le(samples.count, 4) + samples
        return Array("RIFF".utf8) + le(body.count, 4) + body
    }

    private static func synth(seconds: Int, rate: Int, bits: [String], _ signal: [String], to output: URL) throws {
        // -R: sox's repeatable mode, so the same recipe makes the same noise in every run.
        try run(["sox", "-R", "-n", "-r", "\(rate)", "-c", "2"] + bits + [output.path, "synth", "\(seconds)"] + signal)
    }

    @discardableResult
    private static func run(_ command: [String]) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestAudioFiles.FixtureError(description: "\(command.joined(separator: " ")) exited with \(process.terminationStatus)")
        }
        return [UInt8](data)
    }
}
