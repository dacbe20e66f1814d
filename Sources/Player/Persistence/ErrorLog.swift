import Foundation

/// The last errors in full, for when the message line was not enough (issue #12 §4):
/// `$XDG_STATE_HOME/s3play/errors.log`, one line per error with its UTC time. When the file
/// would pass `maxBytes` it is renamed to `errors.log.1` (replacing the older one) and a new one
/// begins, so the two never hold more than twice that.
///
/// No secrets: messages are the player's own sentences, and anything that looks like a SigV4
/// credential, signature or session token (a presigned URL's query) is cut out all the same.
public final class ErrorLog: @unchecked Sendable {
    public let fileURL: URL
    public let maxBytes: Int
    private let now: @Sendable () -> Date
    private let lock = NSLock()

    /// 64 KiB: some hundreds of errors, a few days of a bad network.
    public init(fileURL: URL, maxBytes: Int = 64 << 10, now: @escaping @Sendable () -> Date = { Date() }) {
        self.fileURL = fileURL
        self.maxBytes = maxBytes
        self.now = now
    }

    /// Appends one line; failures to write are ignored (the log must never stop the player).
    public func append(_ message: String) {
        let line = "\(Self.timestamp(now())) \(Self.redacted(Self.oneLine(message)))\n"
        let bytes = Array(line.utf8)
        lock.lock()
        defer { lock.unlock() }
        try? FileManager.default.createDirectory(at: fileURL.deletingLastPathComponent(), withIntermediateDirectories: true)
        let size = (try? FileManager.default.attributesOfItem(atPath: fileURL.path)[.size] as? Int) ?? 0
        if size > 0, size + bytes.count > maxBytes {
            let older = fileURL.path + ".1"
            _ = rename(fileURL.path, older)
        }
        let descriptor = open(fileURL.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }

    static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }

    /// SigV4 query parameters (AWS "Authenticating Requests: Using Query Parameters") and
    /// header-style key material, with their values.
    static func redacted(_ text: String) -> String {
        let pattern = #"(X-Amz-(Credential|Signature|Security-Token)|AWSAccessKeyId|Signature|aws_secret_access_key|aws_session_token)=[^\s&"]*"#
        return text.replacingOccurrences(of: pattern, with: "$1=…", options: [.regularExpression, .caseInsensitive])
    }

    private static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
