// An access key pair and optional session token. The secret and token sign requests and must
// never reach a log, a status line, a crash report or an error message: `description`, the debug
// description and the reflection used by `dump()` all redact them, so printing a settings value by
// accident cannot leak them.

public struct AWSCredentials: Sendable, Equatable, CustomStringConvertible {
    public var accessKeyID: String
    public var secretAccessKey: String
    public var sessionToken: String?

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    /// e.g. "AWSCredentials(AKIA…PLE, secret redacted)". The key ID is not a secret (it appears in
    /// every Authorization header), but showing only its ends is enough to tell two keys apart.
    public var description: String {
        let token = sessionToken == nil ? "" : ", session token redacted"
        return "AWSCredentials(\(Self.abbreviatedKeyID(accessKeyID)), secret redacted\(token))"
    }

    /// First 4 and last 3 characters; short IDs (under 10 characters, not real AWS key IDs, which
    /// are 16 to 128) are hidden entirely, since their ends would be most of them.
    static func abbreviatedKeyID(_ keyID: String) -> String {
        guard keyID.count >= 10 else { return "…" }
        return "\(keyID.prefix(4))…\(keyID.suffix(3))"
    }
}

extension AWSCredentials: CustomDebugStringConvertible, CustomReflectable {
    public var debugDescription: String { description }

    /// `dump(settings)` and debugger summaries walk the mirror, not `description`.
    public var customMirror: Mirror {
        Mirror(self, children: [
            "accessKeyID": Self.abbreviatedKeyID(accessKeyID),
            "secretAccessKey": "redacted",
            "sessionToken": sessionToken == nil ? "none" : "redacted",
        ])
    }
}
