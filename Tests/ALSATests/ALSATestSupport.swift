import Foundation
import XCTest

/// Routes ALSA to the file plugin for this process, whether or not scripts/test did.
///
/// scripts/test exports S3PLAY_TEST_ALSA_CONF and an ALSA_CONFIG_PATH that includes it. A bare
/// `swift test --filter ALSATests` has neither: then the same config is written to a temp dir
/// and ALSA_CONFIG_PATH set here, before the first `snd_pcm_open` reads the configuration.
enum ALSATestSupport {
    /// A scratch directory for this process's output files.
    static let directory: URL = {
        let base = ProcessInfo.processInfo.environment["S3PLAY_TEST_TMPDIR"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory
        let dir = base.appendingPathComponent("alsa-tests-\(getpid())-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }()

    /// Evaluated once, before any test opens a device.
    static let routeALSAToFilePlugin: Void = {
        guard ProcessInfo.processInfo.environment["S3PLAY_TEST_ALSA_CONF"] == nil else { return }
        let conf = directory.appendingPathComponent("asound-test.conf")
        let text = """
            pcm.s3play_test {
                type file
                slave.pcm "null"
                file { @func getenv vars [ S3PLAY_TEST_ALSA_OUT ] default "/dev/null" }
                format "raw"
            }
            pcm.!default "s3play_test"

            """
        try! text.write(to: conf, atomically: true, encoding: .utf8)
        // alsa.conf first: it defines the plugins; ours last so its pcm.!default wins.
        setenv("ALSA_CONFIG_PATH", "/usr/share/alsa/alsa.conf:\(conf.path)", 1)
    }()

    /// Interleaved S16_LE frames whose every sample differs from its neighbours: sample n (over
    /// all channels) is `start + n` (wrapping), so a lost, repeated or shifted frame or a channel
    /// swap shows in a byte comparison.
    static func countingPattern(frames: Int, channels: Int, start: Int = 0) -> [UInt8] {
        var bytes = [UInt8]()
        bytes.reserveCapacity(frames * channels * 2)
        for n in 0..<(frames * channels) {
            let sample = UInt16(truncatingIfNeeded: start + n)
            bytes.append(UInt8(sample & 0xFF))
            bytes.append(UInt8(sample >> 8))
        }
        return bytes
    }

    /// Runs `body` with file descriptor 2 redirected to a temp file and returns what was written.
    static func capturingStandardError(_ body: () throws -> Void) throws -> String {
        let url = directory.appendingPathComponent("stderr-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: url) }
        let capture = open(url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard capture >= 0 else { throw CocoaError(.fileWriteUnknown) }
        fflush(nil)
        let saved = dup(2)
        dup2(capture, 2)
        close(capture)
        defer {
            fflush(nil)
            dup2(saved, 2)
            close(saved)
        }
        try body()
        fflush(nil)
        return try String(contentsOf: url, encoding: .utf8)
    }
}

extension XCTestCase {
    /// A fresh path for the file plugin, exported as S3PLAY_TEST_ALSA_OUT: the config's
    /// `@func getenv` reads it at each `snd_pcm_open`, so call this before opening. The file is
    /// removed when the test ends.
    func routeNextALSAOpen(toFileNamed name: String) -> URL {
        _ = ALSATestSupport.routeALSAToFilePlugin
        let url = ALSATestSupport.directory.appendingPathComponent("\(name)-\(UUID().uuidString).raw")
        setenv("S3PLAY_TEST_ALSA_OUT", url.path, 1)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// Compares the file plugin's output with the expected bytes, reporting the first difference
    /// rather than two half-megabyte arrays.
    func assertFile(_ url: URL, equals expected: [UInt8], file: StaticString = #filePath, line: UInt = #line) throws {
        let actual = [UInt8](try Data(contentsOf: url))
        XCTAssertEqual(actual.count, expected.count, "file size", file: file, line: line)
        let common = min(actual.count, expected.count)
        if let offset = (0..<common).first(where: { actual[$0] != expected[$0] }) {
            XCTFail("first difference at byte \(offset)", file: file, line: line)
        }
    }
}
