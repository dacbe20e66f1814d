// Where and as whom to talk to S3: credentials, region, endpoint and addressing style, resolved
// from the environment and the AWS shared files with the AWS CLI's precedence, so that a user's
// existing `aws s3 ls` setup (including MinIO/SeaweedFS profiles) works unchanged. The environment
// is passed in as a dictionary, never read from the process, so tests are hermetic.

import Foundation

public enum S3AddressingStyle: String, Sendable {
    /// https://BUCKET.s3.REGION.amazonaws.com/KEY
    case virtualHosted = "virtual"
    /// https://s3.REGION.amazonaws.com/BUCKET/KEY
    case path
}

public struct S3RequestTarget: Sendable, Equatable {
    /// "scheme://host[:port]" (no trailing slash).
    public var baseURL: String
    /// Value for the Host header: host, plus ":port" only when non-default for the scheme. SigV4
    /// signs this header, so it must be byte-identical to what the HTTP library sends.
    public var hostHeader: String
    /// Raw (unencoded) path: "/bucket/key" (path style) or "/key" (virtual-hosted); "/bucket/" or
    /// "/" for bucket-level requests. Encode with `SigV4Signer.canonicalURI` before sending.
    public var path: String

    public init(baseURL: String, hostHeader: String, path: String) {
        self.baseURL = baseURL
        self.hostHeader = hostHeader
        self.path = path
    }
}

public struct S3ClientSettings: Sendable {
    public var credentials: AWSCredentials
    /// Default "us-east-1" (what MinIO and SeaweedFS expect when nothing is configured).
    public var region: String
    /// nil → AWS (https://s3.REGION.amazonaws.com).
    public var endpoint: S3Endpoint?
    public var addressingStyle: S3AddressingStyle
    public var profile: String

    /// `addressingStyle: nil` picks the default: virtual-hosted on AWS, path style on a custom
    /// endpoint (MinIO, Ceph RGW, SeaweedFS and most other S3-compatible servers need it).
    public init(credentials: AWSCredentials, region: String = "us-east-1", endpoint: S3Endpoint? = nil,
                addressingStyle: S3AddressingStyle? = nil, profile: String = "default") {
        self.credentials = credentials
        self.region = region
        self.endpoint = endpoint
        self.addressingStyle = addressingStyle ?? (endpoint == nil ? .virtualHosted : .path)
        self.profile = profile
    }

    /// Resolves as the AWS CLI does: env AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN, then the profile
    /// (AWS_PROFILE or `profile` arg, default "default") in AWS_SHARED_CREDENTIALS_FILE (default $HOME/.aws/credentials)
    /// then AWS_CONFIG_FILE (default $HOME/.aws/config; sections "[default]" and "[profile NAME]"); region from
    /// AWS_REGION, then AWS_DEFAULT_REGION, then the profile's `region`, default us-east-1; endpoint from the
    /// `endpointURL` argument (the --endpoint-url flag), then AWS_ENDPOINT_URL_S3, then AWS_ENDPOINT_URL, then the
    /// profile's s3-nested endpoint_url / services section / top-level endpoint_url; AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true
    /// disables all configured (non-argument) endpoints. Custom endpoints use path style unless config says addressing_style = virtual; AWS uses virtual-hosted,
    /// except bucket names containing dots (path style, TLS wildcard issue).
    ///
    /// As in the AWS CLI (botocore's credential chain), a profile given explicitly as `profile`
    /// (the --profile flag) takes its credentials from the files and ignores AWS_ACCESS_KEY_ID;
    /// AWS_PROFILE does not. A profile other than "default" that neither file defines is an error.
    public static func resolve(environment: [String: String], endpointURL: String? = nil,
                               profile: String? = nil) throws -> S3ClientSettings {
        let sources = try AWSConfigSources(environment: environment, explicitProfile: profile)
        let credentials = try sources.credentials()
        let region = try sources.region()
        let endpoint = try sources.endpoint(argument: endpointURL)
        let style = try sources.addressingStyle()
        return S3ClientSettings(credentials: credentials, region: region, endpoint: endpoint,
                                addressingStyle: style, profile: sources.profile)
    }

    /// key nil → bucket-level (ListObjectsV2).
    public func requestTarget(bucket: String, key: String?) -> S3RequestTarget {
        let scheme = endpoint?.scheme ?? "https"
        let serviceHost = endpoint?.host ?? Self.awsHost(region: region)
        let virtual = addressingStyle == .virtualHosted
            && Self.canAddressVirtually(bucket: bucket, scheme: scheme, serviceHost: serviceHost)
        let host = virtual ? "\(bucket).\(serviceHost)" : serviceHost
        var hostHeader = host
        if let port = endpoint?.port, port != S3Endpoint.defaultPort(scheme: scheme) {
            hostHeader += ":\(port)"
        }
        let path = virtual ? "/" + (key ?? "") : "/\(bucket)/" + (key ?? "")
        return S3RequestTarget(baseURL: "\(scheme)://\(hostHeader)", hostHeader: hostHeader, path: path)
    }

    /// AWS's regional endpoint; the China partition lives under amazonaws.com.cn.
    static func awsHost(region: String) -> String {
        region.hasPrefix("cn-") ? "s3.\(region).amazonaws.com.cn" : "s3.\(region).amazonaws.com"
    }

    /// Virtual-hosted addressing puts the bucket in a DNS name, which needs a DNS-compatible bucket
    /// (3-63 characters of a-z 0-9 "-" ".", starting and ending alphanumeric: S3 bucket naming
    /// rules) and a service host that is a name, not an IP literal. Over https a dotted bucket
    /// fails the *.s3.REGION.amazonaws.com wildcard certificate (one label only), so it goes path
    /// style, as botocore does.
    static func canAddressVirtually(bucket: String, scheme: String, serviceHost: String) -> Bool {
        let bytes = Array(bucket.utf8)
        func isAlphanumeric(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
        guard (3...63).contains(bytes.count), let first = bytes.first, let last = bytes.last,
              isAlphanumeric(first), isAlphanumeric(last),
              bytes.allSatisfy({ isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }),
              !bucket.contains("..") else { return false }
        if scheme == "https" && bucket.contains(".") { return false }
        let hostIsIPLiteral = serviceHost.hasPrefix("[")
            || serviceHost.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: ".") }
        return !hostIsIPLiteral
    }
}

/// An S3-compatible server's base URL, e.g. http://127.0.0.1:8333.
public struct S3Endpoint: Sendable, Equatable {
    /// "http" or "https".
    public var scheme: String
    /// Lowercased host name or IP; an IPv6 literal keeps its brackets ("[::1]") so it can be
    /// used in a URL and a Host header as is.
    public var host: String
    /// nil → the scheme's default (80/443).
    public var port: Int?

    public init(scheme: String, host: String, port: Int? = nil) {
        self.scheme = scheme
        self.host = host
        self.port = port
    }

    /// Parses "scheme://host[:port][/]". A path, query, fragment or user info is rejected: the
    /// request paths are built from the bucket and key alone, and credentials in a URL would end up
    /// in logs.
    public init(url: String) throws(S3ConfigurationError) {
        self = try Self.parse(url, source: "endpoint URL")
    }

    static func defaultPort(scheme: String) -> Int { scheme == "https" ? 443 : 80 }

    static func parse(_ text: String, source: String) throws(S3ConfigurationError) -> S3Endpoint {
        func fail(_ reason: String) -> S3ConfigurationError {
            .malformedEndpointURL(url: redactingUserInfo(text), source: source, reason: reason)
        }
        let url = text.trimmingCharacters(in: .whitespaces)
        guard let separator = url.range(of: "://") else {
            throw fail("it must start with http:// or https://")
        }
        let scheme = url[..<separator.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else {
            throw fail("the scheme must be http or https")
        }
        let rest = url[separator.upperBound...]
        // Checked before splitting off the path: a password may contain "/", "?" or "#".
        guard !rest.contains("@") else {
            throw fail("user info (name:password@) is not supported; put keys in AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or the credentials file")
        }
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard rest[authorityEnd...].isEmpty || rest[authorityEnd...] == "/" else {
            throw fail("a path, query or fragment is not supported; give only scheme://host[:port]")
        }
        var host = Substring(authority)
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw fail("the IPv6 address is missing its closing ']'") }
            host = authority[...close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw fail("unexpected characters after the IPv6 address") }
                portText = after.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        }
        let hostAllowed = host.hasPrefix("[")
            ? host.dropFirst().dropLast().allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
            : host.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" || $0 == "." || $0 == "_" }
        guard !host.isEmpty, host != "[]", hostAllowed else {
            throw fail("the host is empty or has characters not allowed in a host name")
        }
        var port: Int?
        if let portText {
            guard let number = Int(portText), (1...65_535).contains(number), portText.allSatisfy(\.isASCII) else {
                throw fail("the port must be a number from 1 to 65535")
            }
            port = number
        }
        return S3Endpoint(scheme: scheme, host: host.lowercased(), port: port)
    }

    /// "http://user:pass@host" → "http://…@host": error messages must not repeat a password.
    /// Everything up to the last "@" goes, since users write passwords containing "/" unescaped.
    static func redactingUserInfo(_ url: String) -> String {
        guard let at = url.lastIndex(of: "@") else { return url }
        guard let separator = url.range(of: "://"), separator.upperBound <= at else { return "…" + url[at...] }
        return String(url[..<separator.upperBound]) + "…" + String(url[at...])
    }
}

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

    public var description: String {
        switch self {
        case let .missingCredentials(profile, lookedIn, credentialsFile):
            let file = credentialsFile ?? "~/.aws/credentials"
            let section = profile == "default" ? "[default]" : "[\(profile)]"
            return "No AWS credentials found for profile '\(profile)' (looked in: \(lookedIn.joined(separator: "; "))). "
                + "Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or add aws_access_key_id and aws_secret_access_key under \(section) in \(file)."
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

/// The inputs of `S3ClientSettings.resolve` (environment, selected profile, both files) with one
/// method per precedence rule.
struct AWSConfigSources {
    let environment: [String: String]
    let profile: String
    /// Given as the `profile` argument (--profile): botocore then drops the environment's keys.
    let profileIsExplicit: Bool
    let credentialsPath: String?
    let configPath: String?
    let credentialsSection: AWSConfigSection?
    let configSection: AWSConfigSection?
    let configFile: AWSConfigFile?
    private let lookedIn: [String]

    init(environment: [String: String], explicitProfile: String?) throws(S3ConfigurationError) {
        self.environment = environment
        let explicitProfile = explicitProfile.flatMap { $0.isEmpty ? nil : $0 }
        profileIsExplicit = explicitProfile != nil
        profile = explicitProfile ?? Self.value(environment, "AWS_PROFILE") ?? "default"
        let home = Self.value(environment, "HOME")
        credentialsPath = Self.expandingTilde(Self.value(environment, "AWS_SHARED_CREDENTIALS_FILE"), home: home)
            ?? home.map { "\($0)/.aws/credentials" }
        configPath = Self.expandingTilde(Self.value(environment, "AWS_CONFIG_FILE"), home: home)
            ?? home.map { "\($0)/.aws/config" }
        let credentialsFile = try credentialsPath.map { path throws(S3ConfigurationError) in try AWSConfigFile.load(path: path) } ?? nil
        configFile = try configPath.map { path throws(S3ConfigurationError) in try AWSConfigFile.load(path: path) } ?? nil
        credentialsSection = credentialsFile?.profileSection(profile, isConfigFile: false)
        configSection = configFile?.profileSection(profile, isConfigFile: true)

        let configLabel = profile == "default" ? "[default]" : "[profile \(profile)]"
        func place(_ path: String?, _ label: String, _ file: AWSConfigFile?, _ section: AWSConfigSection?, _ kind: String) -> String {
            guard let path else { return "\(kind) file (HOME is not set)" }
            if file == nil { return "\(path) (no such file)" }
            return "\(path) \(label)" + (section == nil ? " (no such section)" : "")
        }
        lookedIn = [
            profileIsExplicit ? "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (ignored because a profile was given explicitly)"
                : "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (not set)",
            place(credentialsPath, "[\(profile)]", credentialsFile, credentialsSection, "credentials"),
            place(configPath, configLabel, configFile, configSection, "config"),
        ]
        if profile != "default" && credentialsSection == nil && configSection == nil {
            let available = Set((credentialsFile?.profileNames(isConfigFile: false) ?? [])
                + (configFile?.profileNames(isConfigFile: true) ?? []))
            throw .profileNotFound(profile: profile, lookedIn: Array(lookedIn.dropFirst()), available: available.sorted())
        }
    }

    func credentials() throws(S3ConfigurationError) -> AWSCredentials {
        if !profileIsExplicit, let found = try Self.keyPair(
            id: env("AWS_ACCESS_KEY_ID"), secret: env("AWS_SECRET_ACCESS_KEY"), token: env("AWS_SESSION_TOKEN"),
            idName: "AWS_ACCESS_KEY_ID", secretName: "AWS_SECRET_ACCESS_KEY", source: "the environment") {
            return found
        }
        let configLabel = profile == "default" ? "[default]" : "[profile \(profile)]"
        for (section, path, label) in [(credentialsSection, credentialsPath, "[\(profile)]"), (configSection, configPath, configLabel)] {
            guard let section, let path else { continue }
            if let found = try Self.keyPair(
                id: Self.nonEmpty(section["aws_access_key_id"]), secret: Self.nonEmpty(section["aws_secret_access_key"]),
                token: Self.nonEmpty(section["aws_session_token"]),
                idName: "aws_access_key_id", secretName: "aws_secret_access_key", source: "\(path) \(label)") {
                return found
            }
        }
        throw .missingCredentials(profile: profile, lookedIn: lookedIn, credentialsFile: credentialsPath)
    }

    func region() throws(S3ConfigurationError) -> String {
        let setting = profileSetting("region")
        let candidates: [(value: String?, source: String)] = [
            (env("AWS_REGION"), "AWS_REGION"),
            (env("AWS_DEFAULT_REGION"), "AWS_DEFAULT_REGION"),
            (setting.flatMap { Self.nonEmpty($0.value.text) }, setting.map { "\($0.path) line \($0.value.line)" } ?? ""),
        ]
        for case let (region?, source) in candidates {
            // The region becomes part of a host name and of the signing scope.
            guard region.utf8.allSatisfy({ (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "-") }) else {
                throw .invalidRegion(region: region, source: source)
            }
            return region
        }
        return "us-east-1"
    }

    /// --endpoint-url, then AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL, the profile's "s3 =" block,
    /// its services section, its top-level endpoint_url. Only the argument survives
    /// AWS_IGNORE_CONFIGURED_ENDPOINT_URLS / ignore_configured_endpoint_urls = true.
    func endpoint(argument: String?) throws(S3ConfigurationError) -> S3Endpoint? {
        if let argument = Self.nonEmpty(argument?.trimmingCharacters(in: .whitespaces)) {
            return try S3Endpoint.parse(argument, source: "--endpoint-url")
        }
        // botocore's ensure_boolean: only "true" (any case) is true.
        let ignoreSetting = env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS") ?? profileSetting("ignore_configured_endpoint_urls")?.value.text
        if ignoreSetting?.lowercased() == "true" { return nil }
        for name in ["AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL"] {
            if let url = env(name) { return try S3Endpoint.parse(url, source: name) }
        }
        if let found = profileNestedSetting(block: "s3", name: "endpoint_url") {
            return try S3Endpoint.parse(found.value.text, source: "\(found.path) line \(found.value.line)")
        }
        if let services = profileSetting("services") {
            let sectionName = "services \(services.value.text)"
            guard let configFile, let section = configFile.sections[sectionName] else {
                throw .missingServicesSection(name: services.value.text, profile: profile, configFile: configPath ?? "~/.aws/config")
            }
            if let url = section.nested["s3"]?["endpoint_url"] {
                return try S3Endpoint.parse(url.text, source: "\(configFile.path) line \(url.line)")
            }
        }
        if let found = profileSetting("endpoint_url") {
            return try S3Endpoint.parse(found.value.text, source: "\(found.path) line \(found.value.line)")
        }
        return nil
    }

    /// The profile's "s3 =" block `addressing_style`; nil (auto) lets S3ClientSettings choose.
    func addressingStyle() throws(S3ConfigurationError) -> S3AddressingStyle? {
        guard let found = profileNestedSetting(block: "s3", name: "addressing_style") else { return nil }
        switch found.value.text.lowercased() {
        case "virtual": return .virtualHosted
        case "path": return .path
        case "auto": return nil
        default:
            throw .invalidSetting(path: found.path, line: found.value.line, name: "s3.addressing_style",
                                  reason: "must be virtual, path or auto")
        }
    }

    // MARK: Lookups

    private func env(_ name: String) -> String? { Self.value(environment, name) }

    /// botocore merges the credentials file's profile over the config file's, setting by setting.
    private func profileSetting(_ name: String) -> (value: AWSConfigValue, path: String)? {
        if let value = credentialsSection?.values[name], let credentialsPath { return (value, credentialsPath) }
        if let value = configSection?.values[name], let configPath { return (value, configPath) }
        return nil
    }

    private func profileNestedSetting(block: String, name: String) -> (value: AWSConfigValue, path: String)? {
        if let value = credentialsSection?.nested[block]?[name], let credentialsPath { return (value, credentialsPath) }
        if let value = configSection?.nested[block]?[name], let configPath { return (value, configPath) }
        return nil
    }

    /// Both halves or neither; one half alone is an error naming the missing one.
    private static func keyPair(id: String?, secret: String?, token: String?, idName: String, secretName: String,
                                source: String) throws(S3ConfigurationError) -> AWSCredentials? {
        switch (id, secret) {
        case let (id?, secret?): return AWSCredentials(accessKeyID: id, secretAccessKey: secret, sessionToken: token)
        case (_?, nil): throw .incompleteCredentials(source: source, missing: secretName)
        case (nil, _?): throw .incompleteCredentials(source: source, missing: idName)
        case (nil, nil): return nil
        }
    }

    /// An empty variable counts as unset, as in the AWS CLI.
    private static func value(_ environment: [String: String], _ name: String) -> String? {
        nonEmpty(environment[name])
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }

    /// AWS_CONFIG_FILE=~/x is common in shell profiles where the shell did not expand it.
    private static func expandingTilde(_ path: String?, home: String?) -> String? {
        guard let path else { return nil }
        if let home, path == "~" || path.hasPrefix("~/") { return home + path.dropFirst() }
        return path
    }
}
