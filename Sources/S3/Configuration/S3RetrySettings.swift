// AWS_MAX_ATTEMPTS / max_attempts and AWS_RETRY_MODE / retry_mode, as botocore reads them
// (botocore/retries, "Retries" in the boto3 guide): max_attempts counts every attempt, the first
// included, in all modes; the default is 3 in standard and adaptive mode and 5 in legacy mode.
// botocore's own default mode is legacy; the AWS CLI v2's is standard, and so is ours.

import Foundation

/// How the S3 client repeats failed requests.
public enum S3RetryMode: String, Sendable, Equatable {
    case standard, adaptive, legacy

    /// Attempts in all when max_attempts is not set.
    public var defaultMaxAttempts: Int { self == .legacy ? 5 : 3 }
}

public struct S3RetrySettings: Sendable, Equatable {
    public var mode: S3RetryMode
    /// Attempts in all, the first included (at least 1).
    public var maxAttempts: Int

    public init(mode: S3RetryMode = .standard, maxAttempts: Int? = nil) {
        self.mode = mode
        self.maxAttempts = max(1, maxAttempts ?? mode.defaultMaxAttempts)
    }
}

extension AWSConfigSources {
    func retrySettings() throws(S3ConfigurationError) -> S3RetrySettings {
        func lookup(_ envName: String, _ profileName: String) -> (text: String, source: String)? {
            if let value = env(envName) { return (value, envName) }
            if let found = setting(profileName, ofProfile: profile) {
                return (found.value.text, "\(found.path) line \(found.value.line)")
            }
            return nil
        }
        var mode = S3RetryMode.standard
        if let found = lookup("AWS_RETRY_MODE", "retry_mode") {
            guard let parsed = S3RetryMode(rawValue: found.text.lowercased()) else {
                throw .invalidRetrySetting(name: "retry_mode", value: found.text, source: found.source,
                                           reason: "must be standard, adaptive or legacy")
            }
            mode = parsed
        }
        var attempts: Int?
        if let found = lookup("AWS_MAX_ATTEMPTS", "max_attempts") {
            guard let number = Int(found.text.trimmingCharacters(in: .whitespaces)), number >= 1 else {
                throw .invalidRetrySetting(name: "max_attempts", value: found.text, source: found.source,
                                           reason: "must be a whole number of at least 1")
            }
            attempts = number
        }
        return S3RetrySettings(mode: mode, maxAttempts: attempts)
    }
}
