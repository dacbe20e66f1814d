// The seam between "where credentials come from" (a process, STS, the SSO portal, the container
// or instance metadata endpoint) and the signer. Each source is one small provider; the chain
// (AWSCredentialChain) picks one in botocore's order, and AWSCredentialCache keeps what it fetched
// until shortly before it expires.

import Foundation

/// Credentials and when they stop working (nil: long-lived keys, never refreshed).
public struct AWSExpiringCredentials: Sendable, Equatable {
    public var credentials: AWSCredentials
    public var expiration: Date?

    public init(credentials: AWSCredentials, expiration: Date?) {
        self.credentials = credentials
        self.expiration = expiration
    }
}

/// One place credentials can be fetched from, once configured.
public protocol AWSCredentialProvider: Sendable {
    /// Names the source for messages, e.g. "credential_process in profile 'work'". Never a secret.
    var sourceDescription: String { get }
    func fetch() throws(AWSCredentialError) -> AWSExpiringCredentials
}

/// A configured source that did not deliver. `reason` is already free of secrets: providers
/// never quote a response body, a token or a process's standard output.
public struct AWSCredentialError: Error, Sendable, Equatable, CustomStringConvertible {
    public var source: String
    public var reason: String

    public init(source: String, reason: String) {
        self.source = source
        self.reason = reason
    }

    public var description: String { "Could not get AWS credentials from \(source): \(reason)" }
}

/// Parses the timestamps AWS sends: ISO 8601 with or without fractional seconds
/// ("2026-12-06T01:02:03Z", "2026-12-06T01:02:03.000Z", "2026-12-06T01:02:03+00:00").
enum AWSTimestamp {
    static func parse(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }
}

/// The JSON credential documents of credential_process (Version 1), the container endpoint and
/// instance metadata share field names, except the session token ("SessionToken" vs "Token").
enum AWSCredentialDocument {
    static func parse(_ bytes: [UInt8], source: String) throws(AWSCredentialError) -> AWSExpiringCredentials {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            throw AWSCredentialError(source: source, reason: "the answer is not a JSON object")
        }
        guard let id = object["AccessKeyId"] as? String, !id.isEmpty,
              let secret = object["SecretAccessKey"] as? String, !secret.isEmpty else {
            throw AWSCredentialError(source: source, reason: "the answer has no AccessKeyId and SecretAccessKey")
        }
        let token = (object["SessionToken"] as? String) ?? (object["Token"] as? String)
        var expiration: Date?
        if let text = object["Expiration"] as? String {
            guard let date = AWSTimestamp.parse(text) else {
                throw AWSCredentialError(source: source, reason: "Expiration is not an ISO 8601 time")
            }
            expiration = date
        }
        return AWSExpiringCredentials(
            credentials: AWSCredentials(accessKeyID: id, secretAccessKey: secret,
                                        sessionToken: token.flatMap { $0.isEmpty ? nil : $0 }),
            expiration: expiration)
    }
}
