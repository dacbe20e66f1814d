import Foundation

public enum S3ConfigurationError: Error, Equatable, CustomStringConvertible {
    /// No key pair in the environment or the profile. `lookedIn` lists each place checked.
    case missingCredentials(profile: String, lookedIn: [String], credentialsFile: String?)
    /// One half of a key pair: `source` is "environment" or "FILE [section]", `missing` the setting.
    case incompleteCredentials(source: String, missing: String)
    case profileNotFound(profile: String, lookedIn: [String], available: [String])
    /// `url` has any user info removed.
    case malformedEndpointURL(url: String, source: String, reason: String)
    case unreadableConfigFile(path: String, reason: String)
    case malformedConfigFile(path: String, line: Int, reason: String)
    case invalidSetting(path: String, line: Int, name: String, reason: String)
    /// A profile says `services = NAME` but the config file has no [services NAME].
    case missingServicesSection(name: String, profile: String, configFile: String)
    case invalidRegion(region: String, source: String)
    /// The first configured credential source failed; `tried` lists what was looked at before it.
    case credentialSourceFailed(AWSCredentialError, tried: [String])
    case invalidRetrySetting(name: String, value: String, source: String, reason: String)
    /// Settings that cannot be used together (or one with a value it cannot take): the sentence says which.
    case conflictingSettings(String)
    /// AWS_CA_BUNDLE / ca_bundle names a file that cannot be read.
    case unreadableCABundle(path: String, source: String, reason: String)

    public var description: String {
        switch self {
        case let .missingCredentials(profile, lookedIn, credentialsFile):
            let file = credentialsFile ?? "~/.aws/credentials"
            let section = profile == "default" ? "[default]" : "[\(profile)]"
            return "No AWS credentials found for profile '\(profile)' (tried in order: \(lookedIn.joined(separator: "; "))). "
                + "Sign in as with the AWS CLI (an SSO, role or credential_process profile; `aws configure sso`), "
                + "or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or add aws_access_key_id and aws_secret_access_key under \(section) in \(file)."
        case let .conflictingSettings(sentence):
            return sentence + "."
        case let .unreadableCABundle(path, source, reason):
            return "The CA bundle \(path) from \(source) cannot be read (\(reason)): point it at a PEM file with the CA's certificate, or unset it."
        case let .invalidRetrySetting(name, value, source, reason):
            return "Invalid \(name) '\(value)' from \(source): it \(reason)."
        case let .credentialSourceFailed(error, tried):
            let before = tried.isEmpty ? "" : " (tried before it: \(tried.joined(separator: "; ")))"
            return "\(error.description)\(before)."
        case let .incompleteCredentials(source, missing):
            return "Incomplete AWS credentials in \(source): \(missing) is missing; set both the access key ID and the secret access key there."
        case let .profileNotFound(profile, lookedIn, available):
            let known = available.isEmpty ? "no profiles are defined" : "defined profiles: \(available.joined(separator: ", "))"
            return "AWS profile '\(profile)' not found in \(lookedIn.joined(separator: " or ")) (\(known)); "
                + "check --profile / AWS_PROFILE, or add [\(profile)] to the credentials file or [profile \(profile)] to the config file."
        case let .malformedEndpointURL(url, source, reason):
            return "Malformed S3 endpoint URL '\(url)' from \(source): \(reason) (example: http://127.0.0.1:8333)."
        case let .unreadableConfigFile(path, reason):
            return "Cannot read AWS configuration file \(path): \(reason)."
        case let .malformedConfigFile(path, line, reason):
            return "Malformed AWS configuration file \(path), line \(line): \(reason)."
        case let .invalidSetting(path, line, name, reason):
            return "Invalid setting '\(name)' in \(path), line \(line): \(reason)."
        case let .missingServicesSection(name, profile, configFile):
            return "Profile '\(profile)' says 'services = \(name)' but \(configFile) has no [services \(name)] section; add it or remove the setting."
        case let .invalidRegion(region, source):
            return "Invalid AWS region '\(region)' from \(source): use lowercase letters, digits and '-' (e.g. us-east-1, or auto for R2)."
        }
    }
}
