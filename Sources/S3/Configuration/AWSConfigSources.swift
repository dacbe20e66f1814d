import Foundation

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
    let credentialsFile: AWSConfigFile?
    let lookedIn: [String]

    init(environment: [String: String], explicitProfile: String?) throws(S3ConfigurationError) {
        self.environment = environment
        let explicitProfile = explicitProfile.flatMap { $0.isEmpty ? nil : $0 }
        profileIsExplicit = explicitProfile != nil
        profile = explicitProfile ?? Self.value(environment, "AWS_PROFILE") ?? Self.value(environment, "AWS_DEFAULT_PROFILE") ?? "default"
        let home = Self.value(environment, "HOME")
        credentialsPath = Self.expandingTilde(Self.value(environment, "AWS_SHARED_CREDENTIALS_FILE"), home: home)
            ?? home.map { "\($0)/.aws/credentials" }
        configPath = Self.expandingTilde(Self.value(environment, "AWS_CONFIG_FILE"), home: home)
            ?? home.map { "\($0)/.aws/config" }
        credentialsFile = try credentialsPath.map { path throws(S3ConfigurationError) in try AWSConfigFile.load(path: path) } ?? nil
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

    /// The static keys of the environment or the selected profile only; the whole chain is
    /// `credentialChain` (AWSCredentialChain.swift).
    func credentials() throws(S3ConfigurationError) -> AWSCredentials {
        if !profileIsExplicit, let found = try environmentKeys() {
            return found
        }
        if let found = try profileKeys(profile, inCredentialsFile: true) { return found }
        if let found = try profileKeys(profile, inCredentialsFile: false) { return found }
        throw .missingCredentials(profile: profile, lookedIn: lookedIn, credentialsFile: credentialsPath)
    }

    /// AWS_SESSION_TOKEN, or the legacy AWS_SECURITY_TOKEN botocore still reads.
    func environmentKeys() throws(S3ConfigurationError) -> AWSCredentials? {
        try Self.keyPair(
            id: env("AWS_ACCESS_KEY_ID"), secret: env("AWS_SECRET_ACCESS_KEY"),
            token: env("AWS_SESSION_TOKEN") ?? env("AWS_SECURITY_TOKEN"),
            idName: "AWS_ACCESS_KEY_ID", secretName: "AWS_SECRET_ACCESS_KEY", source: "the environment")
    }

    /// Static keys of any profile in one of the two files (aws_session_token, or the legacy
    /// aws_security_token).
    func profileKeys(_ name: String, inCredentialsFile: Bool) throws(S3ConfigurationError) -> AWSCredentials? {
        let file = inCredentialsFile ? credentialsFile : configFile
        guard let file, let section = file.profileSection(name, isConfigFile: !inCredentialsFile) else { return nil }
        let label = inCredentialsFile ? "[\(name)]" : (name == "default" ? "[default]" : "[profile \(name)]")
        return try Self.keyPair(
            id: Self.nonEmpty(section["aws_access_key_id"]), secret: Self.nonEmpty(section["aws_secret_access_key"]),
            token: Self.nonEmpty(section["aws_session_token"]) ?? Self.nonEmpty(section["aws_security_token"]),
            idName: "aws_access_key_id", secretName: "aws_secret_access_key", source: "\(file.path) \(label)")
    }

    /// One setting of any profile, the credentials file's winning over the config file's.
    func setting(_ name: String, ofProfile profileName: String) -> (value: AWSConfigValue, path: String)? {
        if let value = credentialsFile?.profileSection(profileName, isConfigFile: false)?.values[name] {
            return (value, credentialsFile!.path)
        }
        if let value = configFile?.profileSection(profileName, isConfigFile: true)?.values[name] {
            return (value, configFile!.path)
        }
        return nil
    }

    func profileExists(_ name: String) -> Bool {
        credentialsFile?.profileSection(name, isConfigFile: false) != nil
            || configFile?.profileSection(name, isConfigFile: true) != nil
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

    func env(_ name: String) -> String? { Self.value(environment, name) }

    /// botocore merges the credentials file's profile over the config file's, setting by setting.
    func profileSetting(_ name: String) -> (value: AWSConfigValue, path: String)? {
        if let value = credentialsSection?.values[name], let credentialsPath { return (value, credentialsPath) }
        if let value = configSection?.values[name], let configPath { return (value, configPath) }
        return nil
    }

    func profileNestedSetting(block: String, name: String) -> (value: AWSConfigValue, path: String)? {
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

    static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }

    /// AWS_CONFIG_FILE=~/x is common in shell profiles where the shell did not expand it.
    static func expandingTilde(_ path: String?, home: String?) -> String? {
        guard let path else { return nil }
        if let home, path == "~" || path.hasPrefix("~/") { return home + path.dropFirst() }
        return path
    }
}
