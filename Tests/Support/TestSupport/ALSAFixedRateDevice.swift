import Foundation

/// A sound device that takes one sample rate only, for the tests of s3play's `plug` fallback
/// (issue #14): ALSA's `file` and `null` plugins accept any rate, a real card does not. It is
/// Tests/Support/ALSAFixedRateDevice/fixed_rate_pcm.c, an ALSA I/O plugin compiled here, once
/// a process, with the C compiler of the Swift toolchain (the one SwiftPM already builds the
/// C shim modules with; `cc` if there is no `clang` on PATH), and loaded through the
/// ALSA_CONFIG_PATH a child s3play gets. It writes what it is given, as it is, to `output`.
public struct ALSAFixedRateDevice: Sendable {
    /// The PCM name to open (`--output alsa:NAME`).
    public let name: String
    /// Where every frame written to the device lands, raw, in the negotiated format.
    public let output: URL
    /// ALSA_CONFIG_PATH for a process that opens the device: alsa.conf first (it defines `plug`
    /// and the other plugins), then this device's definition.
    public let alsaConfigPath: String

    /// A device taking `rate` only, writing to a fresh file in `directory`.
    public static func make(rate: Int, in directory: URL) throws -> ALSAFixedRateDevice {
        let module = try compiledModule()
        let tag = UUID().uuidString
        let output = directory.appendingPathComponent("fixed-rate-\(rate)-\(tag).raw")
        let config = directory.appendingPathComponent("fixed-rate-\(rate)-\(tag).conf")
        let name = "s3play_fixed\(rate)"
        let text = """
            pcm_type.s3play_fixed_rate { lib "\(module.path)" }
            pcm.\(name) {
                type s3play_fixed_rate
                file "\(output.path)"
                rate \(rate)
            }

            """
        try text.write(to: config, atomically: true, encoding: .utf8)
        return ALSAFixedRateDevice(name: name, output: output,
                                   alsaConfigPath: "/usr/share/alsa/alsa.conf:\(config.path)")
    }

    /// What reached the device so far (empty if nothing was written).
    public func playedPCM() -> [UInt8] {
        (try? Data(contentsOf: output)).map { Array($0) } ?? []
    }

    // MARK: - Building the plugin

    private static let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("ALSAFixedRateDevice/fixed_rate_pcm.c")
    private static let lock = NSLock()
    nonisolated(unsafe) private static var built: URL?

    private static func compiledModule() throws -> URL {
        lock.lock()
        defer { lock.unlock() }
        if let built { return built }
        let compiler = try findCompiler()
        try TestRequirement.require("the ALSA headers (libasound2-dev)",
                                    available: FileManager.default.fileExists(atPath: "/usr/include/alsa/pcm_ioplug.h"),
                                    fix: "install libasound2-dev (scripts/lib/common.sh lists it)")
        // In scripts/test's scratch folder, removed after the run; else one folder a process.
        let scratch = ProcessInfo.processInfo.environment["S3PLAY_TEST_TMPDIR"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory
        let directory = scratch.appendingPathComponent("s3play-fixed-rate-\(getuid())-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // alsa-lib loads `lib` as given; the name follows its convention for pcm_type modules.
        let module = directory.appendingPathComponent("libasound_module_pcm_s3play_fixed_rate.so")
        let outcome = try ChildProcess.run(compiler, ["-shared", "-fPIC", "-O1", "-Wall",
                                                      "-o", module.path, source.path, "-lasound"])
        guard outcome.status == 0 else {
            throw TestSupportError("cannot compile \(source.path) with \(compiler): \(outcome.standardError)")
        }
        built = module
        return module
    }

    private static func findCompiler() throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in ["clang", "cc"] {
            for directory in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
                return "\(directory)/\(name)"
            }
        }
        try TestRequirement.require("a C compiler (clang or cc)", available: false,
                                    fix: "put the Swift toolchain's bin folder (it has clang) on PATH")
        return "cc"
    }
}
