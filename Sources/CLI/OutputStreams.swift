import Foundation
import SafeText

/// Where a line goes decides how outside text in it is shown: on a terminal, control characters
/// (from S3 keys, tags, Discogs text) become visible escapes (TerminalSafeText), so no key or tag
/// can move the cursor, retitle the window or clear the screen; into a pipe or file the bytes
/// pass as they are, so scripts get the real names (and `--json` escapes them as JSON requires).
enum TerminalOutputPolicy {
    static let standardOutputIsTerminal = isatty(1) == 1
    static let standardErrorIsTerminal = isatty(2) == 1

    static func shown(_ line: String, onTerminal: Bool) -> String {
        onTerminal ? TerminalSafeText.escaped(line) : line
    }
}

/// Standard output with a large buffer: a 20,000-key listing is one write per 64 KiB, not per line.
final class BufferedStandardOutput {
    private var buffer: [UInt8] = []
    private let limit = 64 * 1024
    private let escapesControls: Bool

    init(escapesControls: Bool = TerminalOutputPolicy.standardOutputIsTerminal) {
        self.escapesControls = escapesControls
        buffer.reserveCapacity(limit + 4096)
    }

    deinit { flush() }

    func writeLine(_ line: String) {
        buffer.append(contentsOf: TerminalOutputPolicy.shown(line, onTerminal: escapesControls).utf8)
        buffer.append(0x0A)
        if buffer.count >= limit { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(1, bytes.baseAddress! + offset, bytes.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

enum StandardError {
    /// Messages name keys and tags too; always one line: controls are escaped on a terminal and
    /// off it (a log file read with `less` or `cat` is a terminal later).
    static func writeLine(_ line: String) {
        FileHandle.standardError.write(Data((TerminalSafeText.escaped(line) + "\n").utf8))
    }

    /// Where a library or Discogs notice goes in the line-oriented commands: "s3play: …" on
    /// stderr. The full-screen player passes its message line instead (stderr would garble it).
    static let notice: @Sendable (String) -> Void = { writeLine("s3play: \($0)") }
}
