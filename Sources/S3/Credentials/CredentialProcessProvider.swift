// `credential_process` (AWS SDKs reference, "Sourcing credentials with an external process"):
// the command is split into words as botocore does (shlex.split, POSIX rules) and run without a
// shell; it prints a JSON document with Version 1, AccessKeyId, SecretAccessKey and optionally
// SessionToken and Expiration. Its standard output holds secrets and is never quoted; when it
// fails, the first line of its standard error (the tool's own explanation) is.

import Foundation

struct CredentialProcessProvider: AWSCredentialProvider {
    let command: String
    let profile: String

    var sourceDescription: String { "credential_process in profile '\(profile)'" }

    func fetch() throws(AWSCredentialError) -> AWSExpiringCredentials {
        let words: [String]
        do {
            words = try Self.splitWords(command)
        } catch {
            throw fail("the command has an unterminated quote")
        }
        guard let program = words.first else { throw fail("the command is empty") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program.contains("/") ? program : "/usr/bin/env")
        process.arguments = program.contains("/") ? Array(words.dropFirst()) : words
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw fail("cannot run \(program): \(error.localizedDescription)")
        }
        // Both pipes are read to the end before waiting, so a chatty process cannot block on a full pipe.
        let errorReader = PipeDrain(errors.fileHandleForReading)
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errorReader.finish()
        process.waitUntilExit()
        try? output.fileHandleForReading.close()
        guard process.terminationStatus == 0 else {
            let firstLine = String(decoding: stderr, as: UTF8.self)
                .split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            let said = firstLine.isEmpty ? "" : ": \(firstLine.prefix(300))"
            throw fail("\(program) exited with status \(process.terminationStatus)\(said)")
        }
        if let object = try? JSONSerialization.jsonObject(with: stdout) as? [String: Any],
           (object["Version"] as? Int) != 1 {
            throw fail("the output's Version must be 1")
        }
        return try AWSCredentialDocument.parse(Array(stdout), source: sourceDescription)
    }

    private func fail(_ reason: String) -> AWSCredentialError {
        AWSCredentialError(source: sourceDescription, reason: reason)
    }

    struct UnterminatedQuote: Error {}

    /// POSIX shell word splitting without expansion (Python's shlex.split): whitespace separates,
    /// '…' is literal, "…" honours \" \\ \$ \`, a backslash outside quotes escapes the next character.
    static func splitWords(_ text: String) throws(UnterminatedQuote) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var characters = Array(text)[...]
        while let c = characters.popFirst() {
            switch c {
            case " ", "\t", "\n":
                if inWord { words.append(current); current = ""; inWord = false }
            case "'":
                inWord = true
                guard let end = characters.firstIndex(of: "'") else { throw UnterminatedQuote() }
                current += String(characters[..<end])
                characters = characters[(end + 1)...]
            case "\"":
                inWord = true
                var closed = false
                while let d = characters.popFirst() {
                    if d == "\"" { closed = true; break }
                    if d == "\\", let next = characters.first, "\"\\$`".contains(next) {
                        current.append(next)
                        characters = characters.dropFirst()
                    } else {
                        current.append(d)
                    }
                }
                guard closed else { throw UnterminatedQuote() }
            case "\\":
                inWord = true
                if let next = characters.popFirst() { current.append(next) }
            default:
                inWord = true
                current.append(c)
            }
        }
        if inWord { words.append(current) }
        return words
    }
}

/// Reads a pipe to its end on a thread of its own; `finish()` waits for it.
private final class PipeDrain: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        let thread = Thread { [self] in
            data = handle.readDataToEndOfFile()
            try? handle.close()
            done.signal()
        }
        thread.start()
    }

    func finish() -> Data {
        done.wait()
        return data
    }
}
