// STS AssumeRole (SigV4-signed with the source credentials) and AssumeRoleWithWebIdentity
// (unsigned: the OIDC token is the proof), Query API version 2011-06-15, form-encoded POST.
// Responses: <AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>…<SecretAccessKey>…
// <SessionToken>…<Expiration>2026-12-06T01:00:00Z</Expiration>; errors arrive as
// <ErrorResponse><Error><Code>…<Message>…, whose code and message are quoted (they hold no secret).

import Foundation
import HTTPTransport

struct STSRequestSender: Sendable {
    let endpoint: AWSServiceEndpoint
    let region: String
    let transport: HTTPTransport
    let now: @Sendable () -> Date

    /// Returns the <Credentials> element's contents.
    func send(_ parameters: [(name: String, value: String)], signingWith credentials: AWSCredentials?,
              source: String) throws(AWSCredentialError) -> AWSExpiringCredentials {
        let body = Array(parameters.map {
            S3URIEncoding.encode($0.name, keepingSlashes: false) + "=" + S3URIEncoding.encode($0.value, keepingSlashes: false)
        }.joined(separator: "&").utf8)
        var headers: [(name: String, value: String)] = [
            ("host", endpoint.hostHeader), ("content-type", "application/x-www-form-urlencoded; charset=utf-8"),
        ]
        if let credentials {
            let signer = SigV4Signer(credentials: credentials, region: region, service: "sts",
                                     pathEncoding: .standard(normalize: true), addsContentSHA256Header: false)
            headers += signer.sign(SigV4Request(method: "POST", path: "/", headers: headers),
                                   payloadHash: SigV4Signer.payloadHash(body), date: now())
        }
        let request = HTTPRequest(method: "POST", url: endpoint.baseURL + "/", headers: headers, body: body)
        let answer = try fetchCredentialAnswer(request, transport: transport, source: source)
        guard answer.status == 200 else {
            let detail = Self.errorDetail(answer.body)
            throw AWSCredentialError(source: source,
                                     reason: "STS at \(endpoint.baseURL) answered HTTP \(answer.status)" + (detail.isEmpty ? "" : " (\(detail))"))
        }
        guard let xml = try? S3XMLScanner(answer.body),
              let node = xml.element(at: "AssumeRoleResponse", "AssumeRoleResult", "Credentials")
                ?? xml.element(at: "AssumeRoleWithWebIdentityResponse", "AssumeRoleWithWebIdentityResult", "Credentials"),
              let id = xml.text(ofChild: "AccessKeyId", in: node), let secret = xml.text(ofChild: "SecretAccessKey", in: node)
        else {
            throw AWSCredentialError(source: source, reason: "STS at \(endpoint.baseURL) sent no credentials")
        }
        let expiration = xml.text(ofChild: "Expiration", in: node).flatMap(AWSTimestamp.parse)
        return AWSExpiringCredentials(
            credentials: AWSCredentials(accessKeyID: id, secretAccessKey: secret,
                                        sessionToken: xml.text(ofChild: "SessionToken", in: node)),
            expiration: expiration)
    }
}

extension STSRequestSender {
    /// "Code: Message" of <ErrorResponse><Error> (AWS) or <ErrorResponse><Errors><Error> (moto).
    static func errorDetail(_ body: [UInt8]) -> String {
        guard let xml = try? S3XMLScanner(body),
              let error = xml.element(at: "ErrorResponse", "Error") ?? xml.element(at: "ErrorResponse", "Errors", "Error")
        else { return "" }
        return [xml.text(ofChild: "Code", in: error), xml.text(ofChild: "Message", in: error)]
            .compactMap { $0 }.joined(separator: ": ")
    }
}

/// `role_arn` with `source_profile` or `credential_source`. The source's credentials come from
/// their own cache, so a chain of role profiles refreshes each link only when it nears expiry.
struct AssumeRoleProvider: AWSCredentialProvider {
    let profile: String
    let roleARN: String
    let sessionName: String
    let externalID: String?
    let durationSeconds: Int?
    let sourceCredentials: AWSCredentialCache
    let sts: STSRequestSender

    var sourceDescription: String { "role_arn \(roleARN) in profile '\(profile)'" }

    func fetch() throws(AWSCredentialError) -> AWSExpiringCredentials {
        let signing: AWSCredentials
        do {
            signing = try sourceCredentials.credentials()
        } catch {
            throw AWSCredentialError(source: sourceDescription, reason: "its source failed: \(error.description)")
        }
        var parameters: [(name: String, value: String)] = [
            ("Action", "AssumeRole"), ("Version", "2011-06-15"), ("RoleArn", roleARN), ("RoleSessionName", sessionName),
        ]
        if let externalID { parameters.append(("ExternalId", externalID)) }
        if let durationSeconds { parameters.append(("DurationSeconds", String(durationSeconds))) }
        return try sts.send(parameters, signingWith: signing, source: sourceDescription)
    }
}

/// `web_identity_token_file` + `role_arn` in a profile, or AWS_WEB_IDENTITY_TOKEN_FILE +
/// AWS_ROLE_ARN (+ AWS_ROLE_SESSION_NAME) in the environment (EKS IRSA). The file is read on
/// every fetch: the platform rotates it.
struct WebIdentityProvider: AWSCredentialProvider {
    let origin: String
    let tokenFile: String
    let roleARN: String
    let sessionName: String
    let sts: STSRequestSender

    var sourceDescription: String { "web identity (\(origin))" }

    func fetch() throws(AWSCredentialError) -> AWSExpiringCredentials {
        guard let data = FileManager.default.contents(atPath: tokenFile),
              let token = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines),
              !token.isEmpty else {
            throw AWSCredentialError(source: sourceDescription, reason: "cannot read the token file \(tokenFile)")
        }
        return try sts.send([
            ("Action", "AssumeRoleWithWebIdentity"), ("Version", "2011-06-15"), ("RoleArn", roleARN),
            ("RoleSessionName", sessionName), ("WebIdentityToken", token),
        ], signingWith: nil, source: sourceDescription)
    }
}
