import Foundation
import HTTPTransport
import S3
import TestSupport
import XCTest

/// Each credential source alone signs requests that moto_server (auth checks on) accepts: the
/// profile's role via moto's STS, credential_process, web identity, SSO, the container agent and
/// IMDSv2 (stand-ins handing out real temporary credentials from moto).
final class AWSCredentialSourcesIntegrationTests: XCTestCase {
    private var home: URL!
    private let body = Array("credential chain test body".utf8)

    override func setUpWithError() throws {
        home = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("s3play-aws-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home.appendingPathComponent(".aws/sso/cache"), withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: home)
    }

    /// Only what a test gives: nothing from the run's own AWS_* variables leaks in.
    private func environment(_ extra: [String: String] = [:]) -> [String: String] {
        ["HOME": home.path, "AWS_EC2_METADATA_DISABLED": "true"].merging(extra) { $1 }
    }

    private func writeConfig(_ text: String, file: String = "config") throws {
        try text.write(to: home.appendingPathComponent(".aws/\(file)"), atomically: true, encoding: .utf8)
    }

    /// Resolves with `environment`, then reads the object from moto with those credentials alone.
    private func readBack(_ env: [String: String], profile: String? = nil,
                          file: StaticString = #filePath, line: UInt = #line) throws -> S3ClientSettings {
        let bucket = try MotoServer.bucket(withObject: "song.mp3", body: body)
        let settings = try S3ClientSettings.resolve(environment: env, endpointURL: try MotoServer.endpoint(),
                                                    profile: profile, transport: SeaweedFS.transport)
        let client = S3Client(settings: settings, transport: SeaweedFS.transport, sleep: { _ in })
        var keys: [String] = []
        try client.listObjects(bucket: bucket) { page in keys += page.objects.map(\.key); return true }
        XCTAssertEqual(keys, ["song.mp3"], file: file, line: line)
        XCTAssertEqual(try client.getObjectBytes(bucket: bucket, key: "song.mp3"), body, file: file, line: line)
        return settings
    }

    // MARK: STS AssumeRole at moto

    func testRoleProfileAssumesTheRoleOnceAndItsCredentialsReadFromMoto() throws {
        let user = try MotoServer.userCredentials()
        try writeConfig("""
        [profile base]
        aws_access_key_id = \(user.accessKeyID)
        aws_secret_access_key = \(user.secretAccessKey)
        [profile player]
        role_arn = \(try MotoServer.roleARN())
        source_profile = base
        role_session_name = s3play-test
        duration_seconds = 900
        """)
        let settings = try readBack(environment(["AWS_ENDPOINT_URL_STS": try MotoServer.endpoint()]), profile: "player")
        XCTAssertNotEqual(settings.credentials.accessKeyID, user.accessKeyID, "signed with the role's credentials")
        XCTAssertNotNil(settings.credentials.sessionToken)
        XCTAssertEqual(settings.credentialCache?.fetchCount, 1, "one AssumeRole serves the list and the read")
    }

    func testChainedRoleProfilesAssumeEachRoleInTurn() throws {
        let user = try MotoServer.userCredentials()
        try writeConfig("""
        [base]
        aws_access_key_id = \(user.accessKeyID)
        aws_secret_access_key = \(user.secretAccessKey)
        """, file: "credentials")
        try writeConfig("""
        [profile first]
        role_arn = \(try MotoServer.roleARN())
        source_profile = base
        [profile second]
        role_arn = \(try MotoServer.roleARN())
        source_profile = first
        """)
        _ = try readBack(environment(["AWS_PROFILE": "second", "AWS_ENDPOINT_URL": try MotoServer.endpoint()]))
    }

    func testRoleWithWrongSourceKeysReportsSTSsOwnError() throws {
        try writeConfig("""
        [profile base]
        aws_access_key_id = wrong-access-key-id
        aws_secret_access_key = notTheSecretAtAll
        [profile player]
        role_arn = \(try MotoServer.roleARN())
        source_profile = base
        """)
        XCTAssertThrowsError(try S3ClientSettings.resolve(
            environment: environment(["AWS_ENDPOINT_URL_STS": try MotoServer.endpoint()]),
            profile: "player", transport: SeaweedFS.transport)) { error in
            let text = String(describing: error)
            XCTAssertTrue(text.hasPrefix("Could not get AWS credentials from role_arn \(try! MotoServer.roleARN()) in profile 'player': STS at "), text)
            XCTAssertTrue(text.contains("HTTP 403 (InvalidClientTokenId"), text)
            XCTAssertFalse(text.contains("notTheSecretAtAll"))
        }
    }

    func testMFASerialIsReportedAsNotSupported() throws {
        try writeConfig("""
        [profile player]
        role_arn = arn:aws:iam::123456789012:role/x
        source_profile = player
        mfa_serial = arn:aws:iam::123456789012:mfa/me
        """)
        XCTAssertThrowsError(try S3ClientSettings.resolve(environment: environment(), profile: "player",
                                                          transport: SeaweedFS.transport)) { error in
            XCTAssertTrue(String(describing: error).contains("mfa_serial is not supported"), "\(error)")
        }
    }

    // MARK: credential_process

    private func writeScript(_ name: String, _ text: String) throws -> String {
        let path = home.appendingPathComponent(name).path
        try ("#!/bin/sh\n" + text).write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: path)
        return path
    }

    func testCredentialProcessOutputReadsFromMoto() throws {
        let temporary = try MotoServer.temporaryCredentials()
        let script = try writeScript("creds.sh", """
        printf '%s' '{"Version": 1, "AccessKeyId": "\(temporary.credentials.accessKeyID)", \
        "SecretAccessKey": "\(temporary.credentials.secretAccessKey)", "SessionToken": "\(temporary.credentials.sessionToken!)", \
        "Expiration": "\(temporary.expiration)"}'
        """)
        try writeConfig("[default]\ncredential_process = \"\(script)\" --profile 'with space'\n")
        let settings = try readBack(environment())
        XCTAssertEqual(settings.credentials.accessKeyID, temporary.credentials.accessKeyID)
        XCTAssertEqual(settings.credentialCache?.fetchCount, 1)
    }

    func testFailingCredentialProcessShowsTheFirstLineOfItsStandardError() throws {
        let script = try writeScript("fail.sh", "echo 'token for corp-sso expired; run corp-login' >&2\necho second line >&2\necho SECRETOUT\nexit 1\n")
        try writeConfig("[profile work]\ncredential_process = \(script)\n")
        XCTAssertThrowsError(try S3ClientSettings.resolve(environment: environment(), profile: "work",
                                                          transport: SeaweedFS.transport)) { error in
            XCTAssertEqual(String(describing: error),
                           "Could not get AWS credentials from credential_process in profile 'work': \(script) exited with status 1: "
                           + "token for corp-sso expired; run corp-login (tried before it: "
                           + "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (ignored because a profile was given explicitly); "
                           + "role_arn in profile 'work' (not set); SSO in profile 'work' (not set); "
                           + "\(home.path)/.aws/credentials [work] (no such file)).")
            XCTAssertFalse(String(describing: error).contains("SECRETOUT"))
        }
    }

    // MARK: Web identity

    func testWebIdentityFromTheEnvironmentExchangesTheTokenFile() throws {
        let temporary = try MotoServer.temporaryCredentials()
        let tokenFile = home.appendingPathComponent("token").path
        try "eyJ-oidc-token\n".write(toFile: tokenFile, atomically: true, encoding: .utf8)
        let role = "arn:aws:iam::123456789012:role/web"
        let sts = try CredentialStandIns.webIdentitySTS(token: "eyJ-oidc-token", roleARN: role,
                                                        credentials: temporary.credentials, expiration: temporary.expiration)
        defer { sts.stop() }
        _ = try readBack(environment([
            "AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile, "AWS_ROLE_ARN": role, "AWS_ROLE_SESSION_NAME": "pod-7",
            "AWS_ENDPOINT_URL_STS": sts.endpoint,
        ]))
        XCTAssertEqual(sts.requests.count, 1)
        XCTAssertEqual(sts.requests.first?.formParameters["RoleSessionName"], "pod-7")
        XCTAssertNil(sts.requests.first?.headers["Authorization"], "AssumeRoleWithWebIdentity is not signed")
    }

    // MARK: SSO

    private func writeSSOToken(named key: String, token: String, expiresAt: String) throws {
        let name = SSOCacheFileName.forKey(key)
        try #"{"accessToken": "\#(token)", "expiresAt": "\#(expiresAt)", "region": "eu-west-1"}"#
            .write(to: home.appendingPathComponent(".aws/sso/cache/\(name)"), atomically: true, encoding: .utf8)
    }

    func testSSOSessionProfileBuysRoleCredentialsWithTheCachedToken() throws {
        let temporary = try MotoServer.temporaryCredentials()
        let portal = try CredentialStandIns.ssoPortal(
            accessToken: "sso-access-token", accountID: "123456789012", roleName: "Listener",
            credentials: temporary.credentials, expirationMilliseconds: Int64((Date().timeIntervalSince1970 + 3600) * 1000))
        defer { portal.stop() }
        try writeConfig("""
        [profile music]
        sso_session = corp
        sso_account_id = 123456789012
        sso_role_name = Listener
        [sso-session corp]
        sso_start_url = https://corp.awsapps.com/start
        sso_region = eu-west-1
        """)
        try writeSSOToken(named: "corp", token: "sso-access-token", expiresAt: "2099-01-01T00:00:00Z")
        _ = try readBack(environment(["AWS_ENDPOINT_URL_SSO": portal.endpoint]), profile: "music")
        XCTAssertEqual(portal.requests.count, 1)
    }

    func testLegacySSOProfileKeysTheCacheByStartURLAndAnExpiredTokenSaysToLogIn() throws {
        try writeConfig("""
        [profile old]
        sso_start_url = https://corp.awsapps.com/start
        sso_region = eu-west-1
        sso_account_id = 123456789012
        sso_role_name = Listener
        """)
        try writeSSOToken(named: "https://corp.awsapps.com/start", token: "t", expiresAt: "2001-01-01T00:00:00Z")
        XCTAssertThrowsError(try S3ClientSettings.resolve(environment: environment(), profile: "old",
                                                          transport: SeaweedFS.transport)) { error in
            XCTAssertTrue(String(describing: error).hasPrefix(
                "Could not get AWS credentials from SSO in profile 'old': the SSO token expired at 2001-01-01T00:00:00Z; run `aws sso login --profile old`"),
                "\(error)")
        }
        try FileManager.default.removeItem(at: home.appendingPathComponent(".aws/sso/cache"))
        XCTAssertThrowsError(try S3ClientSettings.resolve(environment: environment(), profile: "old",
                                                          transport: SeaweedFS.transport)) { error in
            XCTAssertTrue(String(describing: error).contains("no cached SSO token"), "\(error)")
            XCTAssertTrue(String(describing: error).contains("run `aws sso login --profile old`"), "\(error)")
        }
    }

    // MARK: Container and instance metadata

    func testContainerFullURIWithAuthorizationTokenFile() throws {
        let temporary = try MotoServer.temporaryCredentials()
        let agent = try CredentialStandIns.container(path: "/v1/credentials", authorization: "pod-identity-token",
                                                     credentials: temporary.credentials, expiration: temporary.expiration)
        defer { agent.stop() }
        let tokenFile = home.appendingPathComponent("eks-token").path
        try "pod-identity-token\n".write(toFile: tokenFile, atomically: true, encoding: .utf8)
        _ = try readBack(environment([
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": agent.endpoint + "/v1/credentials",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": tokenFile,
        ]))
        XCTAssertEqual(agent.requests.count, 1)
    }

    func testContainerFullURIOnAnotherHostOverPlainHTTPIsRefused() throws {
        XCTAssertThrowsError(try S3ClientSettings.resolve(
            environment: environment(["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://192.0.2.10/creds"]),
            transport: SeaweedFS.transport)) { error in
            XCTAssertTrue(String(describing: error).contains("http://192.0.2.10 must be https, loopback or a container agent's address"), "\(error)")
        }
    }

    func testInstanceMetadataV2TokenThenRoleCredentials() throws {
        let temporary = try MotoServer.temporaryCredentials()
        let imds = try CredentialStandIns.instanceMetadata(credentials: temporary.credentials, expiration: temporary.expiration)
        defer { imds.stop() }
        var env = environment(["AWS_EC2_METADATA_SERVICE_ENDPOINT": imds.endpoint])
        env["AWS_EC2_METADATA_DISABLED"] = nil
        _ = try readBack(env)
        XCTAssertEqual(imds.requests.map { "\($0.method) \($0.path)" }, [
            "PUT /latest/api/token", "GET /latest/meta-data/iam/security-credentials/",
            "GET /latest/meta-data/iam/security-credentials/s3play-player",
        ])
    }

    func testNothingConfiguredListsEverySourceTriedInOrder() throws {
        XCTAssertThrowsError(try S3ClientSettings.resolve(environment: environment(), transport: SeaweedFS.transport)) { error in
            XCTAssertEqual(String(describing: error), "No AWS credentials found for profile 'default' (tried in order: "
                + "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (not set); role_arn in profile 'default' (not set); "
                + "AWS_WEB_IDENTITY_TOKEN_FILE/AWS_ROLE_ARN (not set); SSO in profile 'default' (not set); "
                + "\(home.path)/.aws/credentials [default] (no such file); credential_process in profile 'default' (not set); "
                + "\(home.path)/.aws/config [default] (no such file); AWS_CONTAINER_CREDENTIALS_RELATIVE_URI/_FULL_URI (not set); "
                + "EC2 instance metadata (AWS_EC2_METADATA_DISABLED=true)). "
                + "Sign in as with the AWS CLI (an SSO, role or credential_process profile; `aws configure sso`), "
                + "or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or add aws_access_key_id and aws_secret_access_key "
                + "under [default] in \(home.path)/.aws/credentials.")
        }
    }
}

/// botocore names the cached token file by the SHA-1 (hex) of the sso-session name or, for legacy
/// profiles, of the start URL; computed here with coreutils, independently of the code under test.
enum SSOCacheFileName {
    static func forKey(_ key: String) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha1sum")
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try! process.run()
        input.fileHandleForWriting.write(Data(key.utf8))
        try! input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return String(text.prefix(40)) + ".json"
    }
}
