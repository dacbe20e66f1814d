import Foundation
import S3

/// Stand-ins for the credential endpoints that only exist inside AWS, each answering as the real
/// one is documented to, handing out `credentials` (real ones from moto, so what they hand out
/// can be used against moto's S3).
public enum CredentialStandIns {
    /// `{"AccessKeyId","SecretAccessKey","Token","Expiration"}` as the container agent and IMDS send.
    public static func document(_ credentials: AWSCredentials, expiration: String) -> [UInt8] {
        Array("""
        {"Code":"Success","Type":"AWS-HMAC","AccessKeyId":"\(credentials.accessKeyID)",\
        "SecretAccessKey":"\(credentials.secretAccessKey)","Token":"\(credentials.sessionToken ?? "")",\
        "Expiration":"\(expiration)","RoleArn":"arn:aws:iam::123456789012:role/s3play-player"}
        """.utf8)
    }

    /// IMDSv2: a token from PUT /latest/api/token (with a TTL header), required on the GETs.
    public static func instanceMetadata(role: String = "s3play-player", credentials: AWSCredentials,
                                        expiration: String) throws -> ScriptedHTTPServer {
        let sessionToken = "imds-session-\(UInt32.random(in: 0...UInt32.max))"
        return try ScriptedHTTPServer { request in
            if request.method == "PUT" && request.path == "/latest/api/token" {
                guard request.headers["X-aws-ec2-metadata-token-ttl-seconds"] != nil else { return .init(status: 400) }
                return .ok(Array(sessionToken.utf8))
            }
            guard request.headers["X-aws-ec2-metadata-token"] == sessionToken else { return .init(status: 401) }
            switch request.path {
            case "/latest/meta-data/iam/security-credentials/": return .ok(Array(role.utf8))
            case "/latest/meta-data/iam/security-credentials/\(role)": return .ok(document(credentials, expiration: expiration))
            default: return .init(status: 404)
            }
        }
    }

    /// The ECS/EKS agent: answers `path` when the Authorization header is `authorization`.
    public static func container(path: String, authorization: String?, credentials: AWSCredentials,
                                 expiration: String) throws -> ScriptedHTTPServer {
        try ScriptedHTTPServer { request in
            guard request.path == path else { return .init(status: 404) }
            guard request.headers["Authorization"] == authorization else { return .init(status: 401) }
            return .ok(document(credentials, expiration: expiration))
        }
    }

    /// The SSO portal's GetRoleCredentials for one account, role and bearer token.
    public static func ssoPortal(accessToken: String, accountID: String, roleName: String,
                                 credentials: AWSCredentials, expirationMilliseconds: Int64) throws -> ScriptedHTTPServer {
        try ScriptedHTTPServer { request in
            guard request.path == "/federation/credentials" else { return .init(status: 404) }
            guard request.headers["x-amz-sso_bearer_token"] == accessToken else {
                return .init(status: 401, body: Array(#"{"message":"Session token not found or invalid"}"#.utf8))
            }
            let query = request.formParameters
            guard query["account_id"] == accountID, query["role_name"] == roleName else { return .init(status: 403) }
            return .ok(Array("""
            {"roleCredentials":{"accessKeyId":"\(credentials.accessKeyID)","secretAccessKey":"\(credentials.secretAccessKey)",\
            "sessionToken":"\(credentials.sessionToken ?? "")","expiration":\(expirationMilliseconds)}}
            """.utf8))
        }
    }

    /// STS AssumeRoleWithWebIdentity (moto_server with auth checks on cannot answer unsigned
    /// requests: it fails with HTTP 500 on the missing Authorization header).
    public static func webIdentitySTS(token: String, roleARN: String, credentials: AWSCredentials,
                                      expiration: String) throws -> ScriptedHTTPServer {
        try ScriptedHTTPServer { request in
            let form = request.formParameters
            guard request.method == "POST", form["Action"] == "AssumeRoleWithWebIdentity" else { return .init(status: 400) }
            guard form["WebIdentityToken"] == token, form["RoleArn"] == roleARN else {
                return .init(status: 403, body: Array("""
                <ErrorResponse><Error><Code>AccessDenied</Code><Message>Not authorized to perform sts:AssumeRoleWithWebIdentity</Message></Error></ErrorResponse>
                """.utf8))
            }
            return .ok(Array("""
            <AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleWithWebIdentityResult>\
            <Credentials><AccessKeyId>\(credentials.accessKeyID)</AccessKeyId><SecretAccessKey>\(credentials.secretAccessKey)</SecretAccessKey>\
            <SessionToken>\(credentials.sessionToken ?? "")</SessionToken><Expiration>\(expiration)</Expiration></Credentials>\
            </AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>
            """.utf8))
        }
    }
}
