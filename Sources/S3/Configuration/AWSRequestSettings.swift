// Two settings about how requests are sent rather than where: the CA bundle a private S3 server's
// certificate is checked against (AWS_CA_BUNDLE, then `ca_bundle` in the profile: botocore's order),
// and the requester-pays flag (`request_payer = requester` in the profile; the AWS CLI has only
// --request-payer, which s3play has too).

import Foundation

extension AWSConfigSources {
    /// The CA bundle asked for, checked to be a readable file now so the failure names the
    /// setting instead of surfacing later as a TLS error.
    func caBundle() throws(S3ConfigurationError) -> (path: String, source: String)? {
        var found: (path: String, source: String)?
        if let value = env("AWS_CA_BUNDLE") {
            found = (value, "AWS_CA_BUNDLE")
        } else if let value = setting("ca_bundle", ofProfile: profile), let path = Self.nonEmpty(value.value.text) {
            found = (path, "\(value.path) line \(value.value.line)")
        }
        guard let found else { return nil }
        let path = Self.expandingTilde(found.path, home: env("HOME")) ?? found.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadableCABundle(path: path, source: found.source, reason: "no such file")
        }
        guard !isDirectory.boolValue, FileManager.default.isReadableFile(atPath: path) else {
            throw .unreadableCABundle(path: path, source: found.source,
                                      reason: isDirectory.boolValue ? "it is a directory" : "permission denied")
        }
        return (path, found.source)
    }

    /// `request_payer` in the profile: only "requester" is a value S3 knows.
    func requestPayer() throws(S3ConfigurationError) -> String? {
        guard let found = setting("request_payer", ofProfile: profile) else { return nil }
        let value = found.value.text.trimmingCharacters(in: .whitespaces)
        guard value == "requester" else {
            throw .invalidSetting(path: found.path, line: found.value.line, name: "request_payer",
                                  reason: "the only value is requester (for requester-pays buckets)")
        }
        return value
    }
}

extension S3ClientSettings {
    /// AWS_CA_BUNDLE or the profile's ca_bundle, for the transport, which is made before the
    /// settings are resolved (it also fetches credentials).
    public static func caBundlePath(environment: [String: String], profile: String?) throws -> String? {
        try AWSConfigSources(environment: environment, explicitProfile: profile).caBundle()?.path
    }
}
