import Foundation

/// What a finished child process printed and how it ended.
public struct ChildProcessOutcome: Sendable {
    public var status: Int32
    public var standardOutput: String
    public var standardError: String
}

/// Runs the programs the tests drive from outside (s3play, the test tools, curl, the AWS CLI),
/// in one way: both pipes read at once, so neither can fill up and block the child.
public enum ChildProcess {
    /// A product of this build: `swift test` does not relink executables and a test target may
    /// not depend on one, so tests run the binary `swift build` left beside the test bundle
    /// (scripts/test builds everything first).
    public static func builtProduct(_ name: String) throws -> URL {
        let url = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(name)
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw TestSupportError("\(name) is not built: run `swift build` (scripts/test does) before `swift test`")
        }
        return url
    }

    /// Runs to the end. `environment` entries override (or, when nil, remove) inherited variables;
    /// `whileRunning` is called on another thread once the process has started (to signal it).
    public static func run(_ executable: URL, _ arguments: [String], environment overrides: [String: String?] = [:],
                           whileRunning: (@Sendable (Process) -> Void)? = nil) throws -> ChildProcessOutcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        for (name, value) in overrides { environment[name] = value }
        process.environment = environment
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        if let whileRunning {
            Thread { whileRunning(process) }.start()
        }
        let errorData = LockedBox<Data?>(nil)
        Thread { errorData.mutate { $0 = errors.fileHandleForReading.readDataToEndOfFile() } }.start()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while errorData.value == nil { usleep(1_000) }
        return ChildProcessOutcome(status: process.terminationStatus,
                                   standardOutput: String(decoding: outputData, as: UTF8.self),
                                   standardError: String(decoding: errorData.value ?? Data(), as: UTF8.self))
    }

    public static func run(_ path: String, _ arguments: [String]) throws -> ChildProcessOutcome {
        try run(URL(fileURLWithPath: path), arguments)
    }
}

/// A test tool that serves on loopback and says so with "listening 127.0.0.1:PORT" (the
/// convention of s3play-testproxy and s3play-discogs-standin), running until stopped.
public final class ListeningTool {
    public let process: Process
    public let port: Int
    private let errors: Pipe

    public init(_ executable: URL, _ arguments: [String]) throws {
        process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe()
        errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        var firstLine = Data()
        while !firstLine.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            firstLine += chunk
        }
        let line = String(decoding: firstLine, as: UTF8.self)
        let prefix = "listening 127.0.0.1:"
        guard line.hasPrefix(prefix), let port = Int(line.dropFirst(prefix.count).prefix { $0.isNumber }) else {
            process.terminate()
            throw TestSupportError("\(executable.lastPathComponent) did not report a port: \(line)")
        }
        self.port = port
    }

    deinit { if process.isRunning { process.terminate() } }

    /// Sends SIGTERM and waits; returns the exit status and what the tool wrote on stderr.
    public func stop() -> (status: Int32, standardError: String) {
        process.terminate()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }
}
