// IAM Identity Center (SSO) profiles. `aws sso login` caches an access token in
// ~/.aws/sso/cache/<sha1 hex>.json, keyed by the sso-session's name (profiles with `sso_session`)
// or by the start URL (legacy profiles with `sso_start_url`) — botocore's SSOTokenLoader. The
// token buys role credentials from the portal: GET /federation/credentials?role_name=…&account_id=…
// with header x-amz-sso_bearer_token, answered by
// {"roleCredentials":{"accessKeyId","secretAccessKey","sessionToken","expiration": epoch ms}}.
// s3play never logs in itself: a missing or expired token means `aws sso login`.

import Crypto
import Foundation
import HTTPTransport

struct SSOCredentialProvider: AWSCredentialProvider {
    let profile: String
    /// The sso-session name, or nil for a legacy profile (then the start URL keys the cache).
    let sessionName: String?
    let startURL: String
    let accountID: String
    let roleName: String
    let cacheDirectory: String
    let portal: AWSServiceEndpoint
    let transport: HTTPTransport
    let now: @Sendable () -> Date

    var sourceDescription: String { "SSO in profile '\(profile)'" }

    private var loginAdvice: String { "run `aws sso login --profile \(profile)`" }

    /// botocore: sha1 of the session name, or of the start URL for legacy profiles, in hex.
    static func cacheFileName(sessionName: String?, startURL: String) -> String {
        let key = sessionName ?? startURL
        return Insecure.SHA1.hash(data: Array(key.utf8)).map { String(format: "%02x", $0) }.joined() + ".json"
    }

    func fetch() throws(AWSCredentialError) -> AWSExpiringCredentials {
        let path = cacheDirectory + "/" + Self.cacheFileName(sessionName: sessionName, startURL: startURL)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw fail("no cached SSO token (\(path)); \(loginAdvice)")
        }
        guard let cached = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let token = cached["accessToken"] as? String, !token.isEmpty,
              let expiresText = cached["expiresAt"] as? String, let expires = AWSTimestamp.parse(expiresText) else {
            throw fail("the cached SSO token in \(path) cannot be read; \(loginAdvice)")
        }
        guard expires > now() else { throw fail("the SSO token expired at \(expiresText); \(loginAdvice)") }

        let query = "account_id=\(S3URIEncoding.encode(accountID, keepingSlashes: false))"
            + "&role_name=\(S3URIEncoding.encode(roleName, keepingSlashes: false))"
        let request = HTTPRequest(method: "GET", url: portal.baseURL + "/federation/credentials?" + query,
                                  headers: [("x-amz-sso_bearer_token", token)])
        let answer = try fetchCredentialAnswer(request, transport: transport, source: sourceDescription)
        switch answer.status {
        case 200: break
        case 401, 403:
            throw fail("the SSO portal refused the cached token (HTTP \(answer.status)); \(loginAdvice)")
        default:
            throw fail("the SSO portal at \(portal.baseURL) answered HTTP \(answer.status)")
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any],
              let role = object["roleCredentials"] as? [String: Any],
              let id = role["accessKeyId"] as? String, let secret = role["secretAccessKey"] as? String else {
            throw fail("the SSO portal sent no role credentials")
        }
        let expiration = (role["expiration"] as? NSNumber).map { Date(timeIntervalSince1970: $0.doubleValue / 1000) }
        return AWSExpiringCredentials(
            credentials: AWSCredentials(accessKeyID: id, secretAccessKey: secret, sessionToken: role["sessionToken"] as? String),
            expiration: expiration)
    }

    private func fail(_ reason: String) -> AWSCredentialError {
        AWSCredentialError(source: sourceDescription, reason: reason)
    }
}
