// The credential provider chain in botocore's order (botocore/credentials.py,
// create_credential_resolver and ProfileProviderBuilder.providers):
//   1. environment keys (skipped when --profile is given)
//   2. the profile's role_arn (AssumeRole, source_profile or credential_source; chained)
//   3. web identity: the profile's web_identity_token_file, else AWS_WEB_IDENTITY_TOKEN_FILE
//   4. SSO: sso_session or legacy sso_start_url
//   5. static keys in the credentials file
//   6. credential_process
//   7. static keys in the config file
//   8. container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI / _FULL_URI)
//   9. EC2 instance metadata (IMDSv2) unless AWS_EC2_METADATA_DISABLED=true
// The first configured source wins; if it fails, its own error is reported together with what
// was looked at before it. Static keys need no network; every other source is fetched once here
// (so a broken setup fails at startup, with its reason) and then refreshed by AWSCredentialCache.

import Foundation
import HTTPTransport

/// What the chain found: static keys, or a cache over a provider that fetched once already.
public enum AWSCredentialSource: Sendable {
    case fixed(AWSCredentials)
    case refreshing(AWSCredentialCache)
}

struct AWSCredentialChain {
    let sources: AWSConfigSources
    let region: String
    let transport: HTTPTransport?
    let timing: AWSCredentialRefreshTiming
    let now: @Sendable () -> Date

    /// How deep source_profile chains may go before a loop is assumed (botocore detects cycles).
    private static let maxRoleChain = 10

    func resolve() throws(S3ConfigurationError) -> AWSCredentialSource {
        var tried: [String] = []
        let profile = sources.profile
        if sources.profileIsExplicit {
            tried.append("AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (ignored because a profile was given explicitly)")
        } else if let keys = try sources.environmentKeys() {
            return .fixed(keys)
        } else {
            tried.append("AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (not set)")
        }
        if let found = try profileSource(profile, tried: &tried, depth: 0) { return found }
        if let provider = try containerProvider(tried: &tried) { return try fetchOnce(provider, tried: tried) }
        if let provider = instanceMetadataProvider(tried: &tried) { return try fetchOnce(provider, tried: tried) }
        throw .missingCredentials(profile: profile, lookedIn: tried, credentialsFile: sources.credentialsPath)
    }

    // MARK: Profile

    /// Steps 2–7 for `name`; nil when the profile configures no credentials at all.
    private func profileSource(_ name: String, tried: inout [String], depth: Int) throws(S3ConfigurationError) -> AWSCredentialSource? {
        func value(_ key: String) -> String? {
            sources.setting(key, ofProfile: name).flatMap { AWSConfigSources.nonEmpty($0.value.text) }
        }
        let label = "profile '\(name)'"
        if let roleARN = value("role_arn") {
            if value("mfa_serial") != nil {
                throw .credentialSourceFailed(AWSCredentialError(
                    source: "role_arn \(roleARN) in \(label)",
                    reason: "mfa_serial is not supported (s3play cannot prompt for a code); run `aws sts assume-role` or use an SSO profile"),
                    tried: tried)
            }
            if let webIdentityFile = value("web_identity_token_file") {
                let provider = WebIdentityProvider(origin: "web_identity_token_file in \(label)", tokenFile: webIdentityFile,
                                                   roleARN: roleARN, sessionName: value("role_session_name") ?? Self.sessionName(),
                                                   sts: try sts(for: name, tried: tried))
                return try fetchOnce(provider, tried: tried)
            }
            let source = try roleSource(for: name, tried: &tried, depth: depth)
            let duration = value("duration_seconds").flatMap { Int($0) }
            let provider = AssumeRoleProvider(profile: name, roleARN: roleARN,
                                              sessionName: value("role_session_name") ?? Self.sessionName(),
                                              externalID: value("external_id"), durationSeconds: duration,
                                              sourceCredentials: source, sts: try sts(for: name, tried: tried))
            return try fetchOnce(provider, tried: tried)
        }
        tried.append("role_arn in \(label) (not set)")
        // Step 3: the environment's web identity comes before the profile's SSO and keys.
        if depth == 0, !sources.profileIsExplicit, let provider = try environmentWebIdentity(tried: &tried) {
            return try fetchOnce(provider, tried: tried)
        }
        if let sso = try ssoProvider(name, tried: tried) { return try fetchOnce(sso, tried: tried) }
        tried.append("SSO in \(label) (not set)")
        if let keys = try sources.profileKeys(name, inCredentialsFile: true) { return .fixed(keys) }
        tried.append(sources.credentialsPath.map { "\($0) [\(name)]" + (sources.credentialsFile == nil ? " (no such file)" : "") }
                     ?? "credentials file (HOME is not set)")
        if let command = value("credential_process") {
            return try fetchOnce(CredentialProcessProvider(command: command, profile: name), tried: tried)
        }
        tried.append("credential_process in \(label) (not set)")
        if let keys = try sources.profileKeys(name, inCredentialsFile: false) { return .fixed(keys) }
        let configLabel = name == "default" ? "[default]" : "[profile \(name)]"
        tried.append(sources.configPath.map { "\($0) \(configLabel)" + (sources.configFile == nil ? " (no such file)" : "") }
                     ?? "config file (HOME is not set)")
        return nil
    }

    /// The credentials a role profile signs AssumeRole with: its source_profile (itself a role,
    /// SSO, process or key profile) or its credential_source.
    private func roleSource(for name: String, tried: inout [String], depth: Int) throws(S3ConfigurationError) -> AWSCredentialCache {
        let origin = "role_arn in profile '\(name)'"
        func fail(_ reason: String) -> S3ConfigurationError {
            .credentialSourceFailed(AWSCredentialError(source: origin, reason: reason), tried: tried)
        }
        guard depth < Self.maxRoleChain else { throw fail("source_profile chain is longer than \(Self.maxRoleChain) (a loop?)") }
        let sourceProfile = sources.setting("source_profile", ofProfile: name)?.value.text
        let credentialSource = sources.setting("credential_source", ofProfile: name)?.value.text
        switch (sourceProfile, credentialSource) {
        case let (profile?, nil):
            guard sources.profileExists(profile) else { throw fail("source_profile '\(profile)' is not defined") }
            // A profile naming itself as its source uses its own static keys (botocore allows this).
            if profile == name {
                var keys = try sources.profileKeys(name, inCredentialsFile: true)
                if keys == nil { keys = try sources.profileKeys(name, inCredentialsFile: false) }
                if let keys { return try cache(StaticProvider(credentials: keys), tried: tried) }
                throw fail("source_profile names the profile itself but it has no keys")
            }
            var inner: [String] = []
            guard let found = try profileSource(profile, tried: &inner, depth: depth + 1) else {
                throw fail("source_profile '\(profile)' has no credentials")
            }
            switch found {
            case .fixed(let keys): return try cache(StaticProvider(credentials: keys), tried: tried)
            case .refreshing(let cache): return cache
            }
        case let (nil, source?):
            let provider: AWSCredentialProvider?
            switch source {
            case "Environment":
                provider = try sources.environmentKeys().map { StaticProvider(credentials: $0) }
            case "EcsContainer":
                var ignored: [String] = []
                provider = try containerProvider(tried: &ignored)
            case "Ec2InstanceMetadata":
                var ignored: [String] = []
                provider = instanceMetadataProvider(tried: &ignored)
            default:
                throw fail("credential_source must be Environment, EcsContainer or Ec2InstanceMetadata, not '\(source)'")
            }
            guard let provider else { throw fail("credential_source \(source) has no credentials") }
            return try cache(provider, tried: tried)
        case (_?, _?):
            throw fail("set source_profile or credential_source, not both")
        case (nil, nil):
            throw fail("role_arn needs source_profile or credential_source")
        }
    }

    private func ssoProvider(_ name: String, tried: [String]) throws(S3ConfigurationError) -> SSOCredentialProvider? {
        func value(_ key: String) -> String? {
            sources.setting(key, ofProfile: name).flatMap { AWSConfigSources.nonEmpty($0.value.text) }
        }
        let sessionName = value("sso_session")
        guard sessionName != nil || value("sso_start_url") != nil else { return nil }
        func fail(_ reason: String) -> S3ConfigurationError {
            .credentialSourceFailed(AWSCredentialError(source: "SSO in profile '\(name)'", reason: reason), tried: tried)
        }
        var startURL = value("sso_start_url")
        var ssoRegion = value("sso_region")
        if let sessionName {
            guard let section = sources.configFile?.sections["sso-session \(sessionName)"] else {
                throw fail("sso_session = \(sessionName) but the config file has no [sso-session \(sessionName)] section")
            }
            startURL = AWSConfigSources.nonEmpty(section["sso_start_url"])
            ssoRegion = AWSConfigSources.nonEmpty(section["sso_region"])
        }
        guard let startURL, let ssoRegion, let accountID = value("sso_account_id"), let roleName = value("sso_role_name") else {
            throw fail("sso_start_url, sso_region, sso_account_id and sso_role_name are all needed")
        }
        guard let home = sources.env("HOME") else { throw fail("HOME is not set, so ~/.aws/sso/cache cannot be found") }
        let portal = try serviceEndpoint(service: "sso", envSuffix: "SSO", profile: name, tried: tried)
            ?? AWSServiceEndpoint(awsHost: AWSServiceEndpoint.regionalHost("portal.sso", region: ssoRegion))
        return SSOCredentialProvider(profile: name, sessionName: sessionName, startURL: startURL, accountID: accountID,
                                     roleName: roleName, cacheDirectory: home + "/.aws/sso/cache", portal: portal,
                                     transport: try requireTransport(tried: tried), now: now)
    }

    // MARK: Environment, container, instance

    private func environmentWebIdentity(tried: inout [String]) throws(S3ConfigurationError) -> AWSCredentialProvider? {
        guard let file = sources.env("AWS_WEB_IDENTITY_TOKEN_FILE"), let role = sources.env("AWS_ROLE_ARN") else {
            tried.append("AWS_WEB_IDENTITY_TOKEN_FILE/AWS_ROLE_ARN (not set)")
            return nil
        }
        return WebIdentityProvider(origin: "AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile: file, roleARN: role,
                                   sessionName: sources.env("AWS_ROLE_SESSION_NAME") ?? Self.sessionName(),
                                   sts: try sts(for: sources.profile, tried: tried))
    }

    private func containerProvider(tried: inout [String]) throws(S3ConfigurationError) -> AWSCredentialProvider? {
        let url: String
        let origin: String
        if let relative = sources.env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") {
            url = ContainerCredentialProvider.relativeURIHost + (relative.hasPrefix("/") ? relative : "/" + relative)
            origin = "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"
        } else if let full = sources.env("AWS_CONTAINER_CREDENTIALS_FULL_URI") {
            guard ContainerCredentialProvider.isAllowed(fullURI: full) else {
                throw .credentialSourceFailed(AWSCredentialError(
                    source: "container credentials (AWS_CONTAINER_CREDENTIALS_FULL_URI)",
                    reason: "\(ContainerCredentialProvider.origin(of: full)) must be https, loopback or a container agent's address"),
                    tried: tried)
            }
            url = full
            origin = "AWS_CONTAINER_CREDENTIALS_FULL_URI"
        } else {
            tried.append("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI/_FULL_URI (not set)")
            return nil
        }
        return ContainerCredentialProvider(url: url, origin: origin,
                                           tokenFile: sources.env("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"),
                                           token: sources.env("AWS_CONTAINER_AUTHORIZATION_TOKEN"),
                                           transport: try requireTransport(tried: tried), timeout: 2)
    }

    private func instanceMetadataProvider(tried: inout [String]) -> AWSCredentialProvider? {
        if sources.env("AWS_EC2_METADATA_DISABLED")?.lowercased() == "true" {
            tried.append("EC2 instance metadata (AWS_EC2_METADATA_DISABLED=true)")
            return nil
        }
        guard let transport else {
            tried.append("EC2 instance metadata (not tried)")
            return nil
        }
        let endpoint = sources.env("AWS_EC2_METADATA_SERVICE_ENDPOINT")
            ?? sources.setting("ec2_metadata_service_endpoint", ofProfile: sources.profile)?.value.text
            ?? InstanceMetadataProvider.defaultEndpoint
        let timeout = (sources.env("AWS_METADATA_SERVICE_TIMEOUT")
            ?? sources.setting("metadata_service_timeout", ofProfile: sources.profile)?.value.text).flatMap(Double.init) ?? 1
        let attempts = (sources.env("AWS_METADATA_SERVICE_NUM_ATTEMPTS")
            ?? sources.setting("metadata_service_num_attempts", ofProfile: sources.profile)?.value.text).flatMap { Int($0) } ?? 1
        return InstanceMetadataProvider(endpoint: endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint,
                                        timeout: timeout, attempts: attempts, transport: transport)
    }

    // MARK: Helpers

    private func fetchOnce(_ provider: AWSCredentialProvider, tried: [String]) throws(S3ConfigurationError) -> AWSCredentialSource {
        .refreshing(try cache(provider, tried: tried))
    }

    private func cache(_ provider: AWSCredentialProvider, tried: [String]) throws(S3ConfigurationError) -> AWSCredentialCache {
        do {
            return try AWSCredentialCache(provider: provider, timing: timing, now: now)
        } catch {
            throw .credentialSourceFailed(error, tried: tried)
        }
    }

    private func requireTransport(tried: [String]) throws(S3ConfigurationError) -> HTTPTransport {
        guard let transport else {
            throw .credentialSourceFailed(AWSCredentialError(source: "the credential chain", reason: "no HTTP transport was given"), tried: tried)
        }
        return transport
    }

    private func sts(for profile: String, tried: [String]) throws(S3ConfigurationError) -> STSRequestSender {
        let endpoint = try serviceEndpoint(service: "sts", envSuffix: "STS", profile: profile, tried: tried)
            ?? AWSServiceEndpoint(awsHost: AWSServiceEndpoint.regionalHost("sts", region: region))
        return STSRequestSender(endpoint: endpoint, region: region, transport: try requireTransport(tried: tried), now: now)
    }

    /// AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, the profile's services section, its
    /// endpoint_url; nil → the regional AWS host.
    private func serviceEndpoint(service: String, envSuffix: String, profile: String,
                                 tried: [String]) throws(S3ConfigurationError) -> AWSServiceEndpoint? {
        let ignore = sources.env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")
            ?? sources.setting("ignore_configured_endpoint_urls", ofProfile: profile)?.value.text
        if ignore?.lowercased() == "true" { return nil }
        for name in ["AWS_ENDPOINT_URL_\(envSuffix)", "AWS_ENDPOINT_URL"] {
            if let url = sources.env(name) { return AWSServiceEndpoint(try S3Endpoint.parse(url, source: name)) }
        }
        if let services = sources.setting("services", ofProfile: profile),
           let url = sources.configFile?.sections["services \(services.value.text)"]?.nested[service]?["endpoint_url"] {
            return AWSServiceEndpoint(try S3Endpoint.parse(url.text, source: "\(sources.configPath ?? "config") line \(url.line)"))
        }
        if let url = sources.setting("endpoint_url", ofProfile: profile) {
            return AWSServiceEndpoint(try S3Endpoint.parse(url.value.text, source: "\(url.path) line \(url.value.line)"))
        }
        return nil
    }

    /// botocore's default role session name: "botocore-session-<epoch seconds>".
    private static func sessionName() -> String {
        "s3play-session-\(Int(Date().timeIntervalSince1970))"
    }
}

/// Keys that never expire, as a provider, so a role's source can be static or refreshing alike.
struct StaticProvider: AWSCredentialProvider {
    let credentials: AWSCredentials
    var sourceDescription: String { "static keys" }
    func fetch() throws(AWSCredentialError) -> AWSExpiringCredentials {
        AWSExpiringCredentials(credentials: credentials, expiration: nil)
    }
}
