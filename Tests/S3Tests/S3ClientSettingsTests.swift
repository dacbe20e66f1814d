// Settings resolution with a temporary HOME and explicit environment dictionaries (never the
// process environment), and the request targets the settings produce.

import Foundation
import S3
import XCTest

final class S3ClientSettingsTests: XCTestCase {
    private var home: URL!
    private let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

    override func setUpWithError() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("s3play-settings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home.appendingPathComponent(".aws"), withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: home)
    }

    @discardableResult
    private func write(_ name: String, _ text: String) throws -> String {
        let url = home.appendingPathComponent(".aws").appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    private func environment(_ extra: [String: String] = [:]) -> [String: String] {
        extra.merging(["HOME": home.path]) { mine, _ in mine }
    }

    private func resolveError(_ env: [String: String], endpointURL: String? = nil, profile: String? = nil,
                              file: StaticString = #filePath, line: UInt = #line) -> S3ConfigurationError? {
        do {
            _ = try S3ClientSettings.resolve(environment: env, endpointURL: endpointURL, profile: profile)
            XCTFail("expected an error", file: file, line: line)
            return nil
        } catch let error as S3ConfigurationError {
            return error
        } catch {
            XCTFail("unexpected error type \(error)", file: file, line: line)
            return nil
        }
    }

    // MARK: Credentials precedence

    func testEnvironmentKeysWinOverTheCredentialsFile() throws {
        try write("credentials", "[default]\naws_access_key_id = FILEKEY\naws_secret_access_key = filesecret\n")
        let settings = try S3ClientSettings.resolve(environment: environment([
            "AWS_ACCESS_KEY_ID": "ENVKEY", "AWS_SECRET_ACCESS_KEY": "envsecret", "AWS_SESSION_TOKEN": "envtoken",
        ]))
        XCTAssertEqual(settings.credentials, AWSCredentials(accessKeyID: "ENVKEY", secretAccessKey: "envsecret", sessionToken: "envtoken"))
        XCTAssertEqual(settings.profile, "default")
    }

    func testCredentialsFileDefaultProfileIsUsedWithoutEnvironmentKeys() throws {
        try write("credentials", "# comment\n[default]\naws_access_key_id = FILEKEY\naws_secret_access_key = \(secret)\naws_session_token = tok\n")
        let settings = try S3ClientSettings.resolve(environment: environment())
        XCTAssertEqual(settings.credentials, AWSCredentials(accessKeyID: "FILEKEY", secretAccessKey: secret, sessionToken: "tok"))
        XCTAssertEqual(settings.region, "us-east-1")
        XCTAssertNil(settings.endpoint)
        XCTAssertEqual(settings.addressingStyle, .virtualHosted)
    }

    func testCredentialsFileWinsOverConfigFileForTheSameProfile() throws {
        try write("credentials", "[minio]\naws_access_key_id = CREDKEY\naws_secret_access_key = credsecret\n")
        try write("config", "[profile minio]\naws_access_key_id = CONFKEY\naws_secret_access_key = confsecret\n")
        let settings = try S3ClientSettings.resolve(environment: environment(["AWS_PROFILE": "minio"]))
        XCTAssertEqual(settings.credentials.accessKeyID, "CREDKEY")
    }

    func testConfigFileProfileSectionSuppliesCredentialsWhenTheCredentialsFileLacksThem() throws {
        try write("config", "[profile minio]\naws_access_key_id = CONFKEY\naws_secret_access_key = confsecret\n")
        let settings = try S3ClientSettings.resolve(environment: environment(["AWS_PROFILE": "minio"]))
        XCTAssertEqual(settings.credentials, AWSCredentials(accessKeyID: "CONFKEY", secretAccessKey: "confsecret"))
        XCTAssertEqual(settings.profile, "minio")
    }

    func testExplicitProfileArgumentWinsOverAWSProfileAndIgnoresEnvironmentKeys() throws {
        try write("credentials", "[a]\naws_access_key_id = AKEY\naws_secret_access_key = as\n[b]\naws_access_key_id = BKEY\naws_secret_access_key = bs\n")
        let env = environment(["AWS_PROFILE": "a", "AWS_ACCESS_KEY_ID": "ENVKEY", "AWS_SECRET_ACCESS_KEY": "envsecret"])
        XCTAssertEqual(try S3ClientSettings.resolve(environment: env, profile: "b").credentials.accessKeyID, "BKEY")
        // AWS_PROFILE alone selects the profile for region/endpoint, but environment keys still win (botocore).
        XCTAssertEqual(try S3ClientSettings.resolve(environment: env).credentials.accessKeyID, "ENVKEY")
    }

    func testSharedCredentialsAndConfigFileLocationsComeFromTheEnvironmentWithTildeExpanded() throws {
        try FileManager.default.createDirectory(at: home.appendingPathComponent("elsewhere"), withIntermediateDirectories: true)
        try "[default]\naws_access_key_id = MOVED\naws_secret_access_key = s\n"
            .write(to: home.appendingPathComponent("elsewhere/creds"), atomically: true, encoding: .utf8)
        try "[default]\nregion = ap-south-1\n".write(to: home.appendingPathComponent("elsewhere/conf"), atomically: true, encoding: .utf8)
        let settings = try S3ClientSettings.resolve(environment: environment([
            "AWS_SHARED_CREDENTIALS_FILE": "~/elsewhere/creds", "AWS_CONFIG_FILE": home.path + "/elsewhere/conf",
        ]))
        XCTAssertEqual(settings.credentials.accessKeyID, "MOVED")
        XCTAssertEqual(settings.region, "ap-south-1")
    }

    func testEmptyEnvironmentVariablesCountAsUnset() throws {
        try write("credentials", "[default]\naws_access_key_id = FILEKEY\naws_secret_access_key = s\n")
        let settings = try S3ClientSettings.resolve(environment: environment([
            "AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "AWS_REGION": "", "AWS_ENDPOINT_URL": "",
        ]))
        XCTAssertEqual(settings.credentials.accessKeyID, "FILEKEY")
        XCTAssertEqual(settings.region, "us-east-1")
        XCTAssertNil(settings.endpoint)
    }

    // MARK: Region

    func testRegionPrecedenceIsAWSRegionThenAWSDefaultRegionThenProfileThenUSEast1() throws {
        try write("credentials", "[default]\naws_access_key_id = K\naws_secret_access_key = s\n")
        try write("config", "[default]\nregion = eu-central-1\n")
        let both = environment(["AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "eu-west-2"])
        XCTAssertEqual(try S3ClientSettings.resolve(environment: both).region, "eu-west-1")
        XCTAssertEqual(try S3ClientSettings.resolve(environment: environment(["AWS_DEFAULT_REGION": "eu-west-2"])).region, "eu-west-2")
        XCTAssertEqual(try S3ClientSettings.resolve(environment: environment()).region, "eu-central-1")
        try write("config", "[default]\n")
        XCTAssertEqual(try S3ClientSettings.resolve(environment: environment()).region, "us-east-1")
    }

    func testDefaultSectionDoesNotSupplyValuesToNamedProfiles() throws {
        try write("config", """
            [default]
            region = eu-west-1
            endpoint_url = http://default.invalid:1
            [profile music]
            aws_access_key_id = K
            aws_secret_access_key = s
            """)
        let settings = try S3ClientSettings.resolve(environment: environment(), profile: "music")
        XCTAssertEqual(settings.region, "us-east-1")
        XCTAssertNil(settings.endpoint)
    }

    // MARK: Endpoint precedence

    func testEndpointPrecedenceFromArgumentDownToTopLevelEndpointURL() throws {
        let config = """
            [profile seaweed]
            aws_access_key_id = K
            aws_secret_access_key = s
            endpoint_url = http://top-level:1
            services = local
            s3 =
              endpoint_url = http://nested:2
            [services local]
            s3 =
              endpoint_url = http://services:3
            """
        try write("config", config)
        var env = environment(["AWS_PROFILE": "seaweed", "AWS_ENDPOINT_URL": "http://global-env:4",
                               "AWS_ENDPOINT_URL_S3": "http://s3-env:5"])
        func host(_ argument: String? = nil) throws -> String? {
            try S3ClientSettings.resolve(environment: env, endpointURL: argument).endpoint?.host
        }
        XCTAssertEqual(try host("http://argument:6"), "argument")
        XCTAssertEqual(try host(), "s3-env")
        env["AWS_ENDPOINT_URL_S3"] = nil
        XCTAssertEqual(try host(), "global-env")
        env["AWS_ENDPOINT_URL"] = nil
        XCTAssertEqual(try host(), "nested")
        try write("config", config.replacingOccurrences(of: "s3 =\n  endpoint_url = http://nested:2\n", with: ""))
        XCTAssertEqual(try host(), "services")
        try write("config", config.replacingOccurrences(of: "services = local\n", with: "")
            .replacingOccurrences(of: "s3 =\n  endpoint_url = http://nested:2\n", with: ""))
        XCTAssertEqual(try host(), "top-level")
    }

    func testIgnoreConfiguredEndpointURLsKeepsOnlyTheArgument() throws {
        try write("config", "[default]\naws_access_key_id = K\naws_secret_access_key = s\nendpoint_url = http://file:1\n")
        let env = environment(["AWS_ENDPOINT_URL_S3": "http://env:2", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "TRUE"])
        XCTAssertNil(try S3ClientSettings.resolve(environment: env).endpoint)
        XCTAssertEqual(try S3ClientSettings.resolve(environment: env, endpointURL: "http://arg:3").endpoint,
                       S3Endpoint(scheme: "http", host: "arg", port: 3))
        try write("config", "[default]\naws_access_key_id = K\naws_secret_access_key = s\nendpoint_url = http://file:1\nignore_configured_endpoint_urls = true\n")
        XCTAssertNil(try S3ClientSettings.resolve(environment: environment()).endpoint)
    }

    func testServicesSectionSuppliesTheS3EndpointAndAMissingSectionIsNamed() throws {
        try write("config", "[default]\naws_access_key_id = K\naws_secret_access_key = s\nservices = local\n[services local]\ns3 =\n\tendpoint_url = https://S3.Local.Example:9443/\n")
        XCTAssertEqual(try S3ClientSettings.resolve(environment: environment()).endpoint,
                       S3Endpoint(scheme: "https", host: "s3.local.example", port: 9443))
        let configPath = try write("config", "[default]\naws_access_key_id = K\naws_secret_access_key = s\nservices = nowhere\n")
        XCTAssertEqual(resolveError(environment()), .missingServicesSection(name: "nowhere", profile: "default", configFile: configPath))
    }

    // MARK: Addressing style and request targets

    func testCustomEndpointUsesPathStyleTarget() throws {
        let settings = try S3ClientSettings.resolve(environment: environment(["AWS_ACCESS_KEY_ID": "K", "AWS_SECRET_ACCESS_KEY": "s"]),
                                                    endpointURL: "http://127.0.0.1:8333")
        XCTAssertEqual(settings.addressingStyle, .path)
        XCTAssertEqual(settings.requestTarget(bucket: "music", key: "Artist/a b+c.mp3"),
                       S3RequestTarget(baseURL: "http://127.0.0.1:8333", hostHeader: "127.0.0.1:8333", path: "/music/Artist/a b+c.mp3"))
        XCTAssertEqual(settings.requestTarget(bucket: "music", key: nil),
                       S3RequestTarget(baseURL: "http://127.0.0.1:8333", hostHeader: "127.0.0.1:8333", path: "/music/"))
    }

    func testAWSUsesVirtualHostedTarget() throws {
        let settings = S3ClientSettings(credentials: AWSCredentials(accessKeyID: "K", secretAccessKey: "s"), region: "eu-west-1")
        XCTAssertEqual(settings.requestTarget(bucket: "music", key: "Artist/x.mp3"),
                       S3RequestTarget(baseURL: "https://music.s3.eu-west-1.amazonaws.com",
                                       hostHeader: "music.s3.eu-west-1.amazonaws.com", path: "/Artist/x.mp3"))
        XCTAssertEqual(settings.requestTarget(bucket: "music", key: nil).path, "/")
    }

    func testDottedBucketOnAWSFallsBackToPathStyleForTheWildcardCertificate() {
        let settings = S3ClientSettings(credentials: AWSCredentials(accessKeyID: "K", secretAccessKey: "s"))
        XCTAssertEqual(settings.requestTarget(bucket: "my.music", key: "x.mp3"),
                       S3RequestTarget(baseURL: "https://s3.us-east-1.amazonaws.com",
                                       hostHeader: "s3.us-east-1.amazonaws.com", path: "/my.music/x.mp3"))
    }

    func testNestedS3AddressingStyleOverridesTheDefaultBothWays() throws {
        try write("config", """
            [default]
            aws_access_key_id = K
            aws_secret_access_key = s
            s3 =
              addressing_style = virtual
            [profile aws-path]
            aws_access_key_id = K
            aws_secret_access_key = s
            s3 =
                addressing_style = path
            """)
        let virtual = try S3ClientSettings.resolve(environment: environment(), endpointURL: "http://minio.local:9000")
        XCTAssertEqual(virtual.addressingStyle, .virtualHosted)
        XCTAssertEqual(virtual.requestTarget(bucket: "music", key: "k"),
                       S3RequestTarget(baseURL: "http://music.minio.local:9000", hostHeader: "music.minio.local:9000", path: "/k"))
        let path = try S3ClientSettings.resolve(environment: environment(), profile: "aws-path")
        XCTAssertEqual(path.addressingStyle, .path)
        XCTAssertEqual(path.requestTarget(bucket: "music", key: "k").baseURL, "https://s3.us-east-1.amazonaws.com")
    }

    func testDefaultPortsAreOmittedFromTheHostHeader() throws {
        let credentials = AWSCredentials(accessKeyID: "K", secretAccessKey: "s")
        let https = S3ClientSettings(credentials: credentials, endpoint: try S3Endpoint(url: "https://minio.example.com:443"))
        XCTAssertEqual(https.requestTarget(bucket: "b", key: "k").hostHeader, "minio.example.com")
        XCTAssertEqual(https.requestTarget(bucket: "b", key: "k").baseURL, "https://minio.example.com")
        let http = S3ClientSettings(credentials: credentials, endpoint: try S3Endpoint(url: "http://[::1]:80"))
        XCTAssertEqual(http.requestTarget(bucket: "b", key: nil), S3RequestTarget(baseURL: "http://[::1]", hostHeader: "[::1]", path: "/b/"))
    }

    // MARK: Errors

    func testMissingCredentialsListsEverySourceTriedInBotocoresOrder() throws {
        guard let error = resolveError(environment(["AWS_EC2_METADATA_DISABLED": "true"])) else { return }
        let credentialsPath = home.path + "/.aws/credentials"
        XCTAssertEqual(error, .missingCredentials(profile: "default", lookedIn: [
            "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (not set)", "role_arn in profile 'default' (not set)",
            "AWS_WEB_IDENTITY_TOKEN_FILE/AWS_ROLE_ARN (not set)", "SSO in profile 'default' (not set)",
            "\(credentialsPath) [default] (no such file)", "credential_process in profile 'default' (not set)",
            "\(home.path)/.aws/config [default] (no such file)", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI/_FULL_URI (not set)",
            "EC2 instance metadata (AWS_EC2_METADATA_DISABLED=true)",
        ], credentialsFile: credentialsPath))
        XCTAssertTrue(error.description.hasSuffix("Sign in as with the AWS CLI (an SSO, role or credential_process profile; `aws configure sso`), "
            + "or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, "
            + "or add aws_access_key_id and aws_secret_access_key under [default] in \(credentialsPath)."), error.description)
    }

    func testLegacySecurityTokenVariablesAndAWSDefaultProfileAreHonoured() throws {
        let fromEnvironment = try S3ClientSettings.resolve(environment: environment([
            "AWS_ACCESS_KEY_ID": "K", "AWS_SECRET_ACCESS_KEY": "s", "AWS_SECURITY_TOKEN": "legacy-token",
        ]))
        XCTAssertEqual(fromEnvironment.credentials.sessionToken, "legacy-token")
        _ = try write("credentials", "[other]\naws_access_key_id = O\naws_secret_access_key = o\naws_security_token = old-token\n")
        let fromProfile = try S3ClientSettings.resolve(environment: environment(["AWS_DEFAULT_PROFILE": "other"]))
        XCTAssertEqual(fromProfile.profile, "other")
        XCTAssertEqual(fromProfile.credentials, AWSCredentials(accessKeyID: "O", secretAccessKey: "o", sessionToken: "old-token"))
    }

    func testHalfAKeyPairIsReportedWithTheMissingHalf() throws {
        XCTAssertEqual(resolveError(environment(["AWS_ACCESS_KEY_ID": "K"])),
                       .incompleteCredentials(source: "the environment", missing: "AWS_SECRET_ACCESS_KEY"))
        let path = try write("credentials", "[default]\naws_secret_access_key = \(secret)\n")
        let error = resolveError(environment())
        XCTAssertEqual(error, .incompleteCredentials(source: "\(path) [default]", missing: "aws_access_key_id"))
        XCTAssertFalse(error?.description.contains(secret) ?? true)
    }

    func testUnknownProfileListsTheDefinedOnes() throws {
        let credentialsPath = try write("credentials", "[default]\naws_access_key_id = K\naws_secret_access_key = s\n[work]\n")
        let configPath = try write("config", "[profile minio]\n[services x]\n")
        let error = resolveError(environment(["AWS_PROFILE": "mnio"]))
        XCTAssertEqual(error, .profileNotFound(profile: "mnio", lookedIn: [
            "\(credentialsPath) [mnio] (no such section)", "\(configPath) [profile mnio] (no such section)",
        ], available: ["default", "minio", "work"]))
        XCTAssertEqual(error?.description, "AWS profile 'mnio' not found in \(credentialsPath) [mnio] (no such section) or "
            + "\(configPath) [profile mnio] (no such section) (defined profiles: default, minio, work); check --profile / AWS_PROFILE, "
            + "or add [mnio] to the credentials file or [profile mnio] to the config file.")
    }

    func testMalformedEndpointURLsAreRejectedWithTheirSource() throws {
        let env = environment(["AWS_ACCESS_KEY_ID": "K", "AWS_SECRET_ACCESS_KEY": "s"])
        XCTAssertEqual(resolveError(env, endpointURL: "127.0.0.1:8333"),
                       .malformedEndpointURL(url: "127.0.0.1:8333", source: "--endpoint-url", reason: "it must start with http:// or https://"))
        XCTAssertEqual(resolveError(env, endpointURL: "ftp://host"),
                       .malformedEndpointURL(url: "ftp://host", source: "--endpoint-url", reason: "the scheme must be http or https"))
        XCTAssertEqual(resolveError(env, endpointURL: "http://host:99999"),
                       .malformedEndpointURL(url: "http://host:99999", source: "--endpoint-url", reason: "the port must be a number from 1 to 65535"))
        XCTAssertEqual(resolveError(env.merging(["AWS_ENDPOINT_URL": "http://host/prefix"]) { $1 }),
                       .malformedEndpointURL(url: "http://host/prefix", source: "AWS_ENDPOINT_URL",
                                             reason: "a path, query or fragment is not supported; give only scheme://host[:port]"))
        XCTAssertEqual(resolveError(env, endpointURL: "http://:9000"),
                       .malformedEndpointURL(url: "http://:9000", source: "--endpoint-url",
                                             reason: "the host is empty or has characters not allowed in a host name"))
        let error = resolveError(env, endpointURL: "http://admin:\(secret)@minio:9000")
        XCTAssertEqual(error?.description, "Malformed S3 endpoint URL 'http://…@minio:9000' from --endpoint-url: user info (name:password@) "
            + "is not supported; put keys in AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or the credentials file (example: http://127.0.0.1:8333).")
    }

    func testMalformedConfigFileNamesFileAndLineWithoutQuotingIt() throws {
        let path = try write("credentials", "[default]\naws_access_key_id = K\r\n\naws_secret_access_key \(secret)\n")
        let error = resolveError(environment())
        XCTAssertEqual(error, .malformedConfigFile(path: path, line: 4, reason: "expected 'name = value', '[section]' or a comment"))
        XCTAssertEqual(error?.description, "Malformed AWS configuration file \(path), line 4: expected 'name = value', '[section]' or a comment.")
        let configPath = try write("config", "region = us-east-1\n")
        try write("credentials", "[default]\naws_access_key_id = K\naws_secret_access_key = s\n")
        XCTAssertEqual(resolveError(environment()),
                       .malformedConfigFile(path: configPath, line: 1, reason: "a setting appears before any [section] header"))
        try write("config", "[default]\nregion = us-east-1\n  extra = 1\n")
        XCTAssertEqual(resolveError(environment()), .malformedConfigFile(path: configPath, line: 3, reason:
            "an indented line continues 'region', which already has a value; only a setting with an empty value (like 's3 =') takes indented settings"))
    }

    func testInvalidAddressingStyleAndRegionAreNamed() throws {
        let path = try write("config", "[default]\naws_access_key_id = K\naws_secret_access_key = s\ns3 =\n  addressing_style = dns\n")
        XCTAssertEqual(resolveError(environment()),
                       .invalidSetting(path: path, line: 5, name: "s3.addressing_style", reason: "must be virtual, path or auto"))
        try write("config", "[default]\naws_access_key_id = K\naws_secret_access_key = s\n")
        XCTAssertEqual(resolveError(environment(["AWS_REGION": "us-east-1/../x"])),
                       .invalidRegion(region: "us-east-1/../x", source: "AWS_REGION"))
    }

    func testConfigPathThatIsADirectoryIsUnreadable() throws {
        try FileManager.default.createDirectory(at: home.appendingPathComponent(".aws/config"), withIntermediateDirectories: true)
        XCTAssertEqual(resolveError(environment(["AWS_ACCESS_KEY_ID": "K", "AWS_SECRET_ACCESS_KEY": "s"])),
                       .unreadableConfigFile(path: home.path + "/.aws/config", reason: "it is a directory, not a file"))
    }

    // MARK: Secrets stay secret

    func testNoDescriptionDumpOrErrorMessageRevealsTheSecretOrToken() throws {
        let token = "FQoGZXIvYXdzEXAMPLETOKEN"
        let credentials = AWSCredentials(accessKeyID: awsDocExampleKeyID, secretAccessKey: secret, sessionToken: token)
        XCTAssertEqual(credentials.description, "AWSCredentials(AKIA…PLE, secret redacted, session token redacted)")
        XCTAssertEqual(AWSCredentials(accessKeyID: awsDocExampleKeyID, secretAccessKey: secret).description,
                       "AWSCredentials(AKIA…PLE, secret redacted)")
        let settings = S3ClientSettings(credentials: credentials)
        var dumped = ""
        dump(settings, to: &dumped)
        var texts = [String(describing: settings), String(reflecting: settings), String(reflecting: credentials), dumped,
                     "\(credentials)", "\([credentials])"]

        try write("credentials", "[default]\naws_access_key_id = \(awsDocExampleKeyID)\naws_secret_access_key \(secret)\n")
        let env = environment(["AWS_SESSION_TOKEN": token])
        texts.append(resolveError(env)?.description ?? "")
        try write("credentials", "[default]\naws_secret_access_key = \(secret)\naws_session_token = \(token)\n")
        texts.append(resolveError(env)?.description ?? "")
        try write("credentials", "[default]\naws_access_key_id = \(awsDocExampleKeyID)\naws_secret_access_key = \(secret)\n")
        texts.append(resolveError(env, endpointURL: "https://\(awsDocExampleKeyID):\(secret)@host")?.description ?? "")
        texts.append(resolveError(env, profile: "missing")?.description ?? "")
        try write("credentials", "")
        texts.append(resolveError(env)?.description ?? "")
        for text in texts {
            XCTAssertFalse(text.isEmpty)
            XCTAssertFalse(text.contains(secret), text)
            XCTAssertFalse(text.contains(token), text)
        }
    }
}
