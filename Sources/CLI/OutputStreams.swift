import Foundation

/// Standard output with a large buffer: a 20,000-key listing is one write per 64 KiB, not per line.
final class BufferedStandardOutput {
    private var buffer: [UInt8] = []
    private let limit = 64 * 1024

    init() { buffer.reserveCapacity(limit + 4096) }

    deinit { flush() }

    func writeLine(_ line: String) {
        buffer.append(contentsOf: line.utf8)
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
    static func writeLine(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Where a library or Discogs notice goes in the line-oriented commands: "s3play: …" on
    /// stderr. The full-screen player passes its message line instead (stderr would garble it).
    static let notice: @Sendable (String) -> Void = { writeLine("s3play: \($0)") }
}
