import Foundation
import HTTPTransport
import S3

/// The moto_server `scripts/test` starts once per run (scripts/lib/moto.sh): STS and S3 with
/// moto's IAM auth checks on. Like SeaweedFS, its absence skips the tests run alone and fails them
/// under scripts/test (`TestRequirement`).
public enum MotoServer {
    static var environment: [String: String] { ProcessInfo.processInfo.environment }

    private static func variable(_ name: String) throws -> String {
        try TestRequirement.requireVariable(name, what: "moto_server", fix: "run the tests with scripts/test, which starts it")
    }

    public static func endpoint() throws -> String { try variable("S3PLAY_TEST_MOTO_ENDPOINT") }
    public static func roleARN() throws -> String { try variable("S3PLAY_TEST_MOTO_ROLE_ARN") }

    /// The IAM user's long-lived key pair that moto issued.
    public static func userCredentials() throws -> AWSCredentials {
        AWSCredentials(accessKeyID: try variable("S3PLAY_TEST_MOTO_ACCESS_KEY_ID"),
                       secretAccessKey: try variable("S3PLAY_TEST_MOTO_SECRET_ACCESS_KEY"))
    }

    /// A client signing with `credentials` (plain keys by default) against moto's S3.
    public static func client(_ credentials: AWSCredentials? = nil) throws -> S3Client {
        S3Client(settings: S3ClientSettings(credentials: try credentials ?? userCredentials(),
                                            endpoint: try S3Endpoint(url: endpoint())),
                 transport: SeaweedFS.transport, sleep: { _ in })
    }

    /// A bucket holding one object `key` with `body`, made with the user's keys.
    public static func bucket(withObject key: String, body: [UInt8], name: String = #function) throws -> String {
        let client = try client()
        let bucket = try SeaweedFS.makeBucket(client, name: name)
        try client.putObject(bucket: bucket, key: key, body: body)
        return bucket
    }

    /// Real temporary credentials from moto's STS (AssumeRole signed with the user's keys), for
    /// the stand-ins of the container agent, instance metadata and the SSO portal to hand out.
    public static func temporaryCredentials() throws -> (credentials: AWSCredentials, expiration: String) {
        let endpoint = try S3Endpoint(url: endpoint())
        let host = "\(endpoint.host):\(endpoint.port ?? 80)"
        let body = Array("Action=AssumeRole&Version=2011-06-15&RoleArn=\(S3URIEncoding.encode(try roleARN(), keepingSlashes: false))&RoleSessionName=standin".utf8)
        let signer = SigV4Signer(credentials: try userCredentials(), region: "us-east-1", service: "sts",
                                 pathEncoding: .standard(normalize: true), addsContentSHA256Header: false)
        var headers: [(name: String, value: String)] = [("host", host), ("content-type", "application/x-www-form-urlencoded")]
        headers += signer.sign(SigV4Request(method: "POST", path: "/", headers: headers),
                               payloadHash: SigV4Signer.payloadHash(body), date: Date())
        let response = try SeaweedFS.transport.send(HTTPRequest(method: "POST", url: "http://\(host)/", headers: headers, body: body))
        let text = String(decoding: try response.readAll(limit: 1 << 20), as: UTF8.self)
        func field(_ name: String) throws -> String {
            guard let start = text.range(of: "<\(name)>"), let end = text.range(of: "</\(name)>", range: start.upperBound..<text.endIndex) else {
                throw TestSupportError("moto's AssumeRole answer (HTTP \(response.status)) has no \(name)")
            }
            return String(text[start.upperBound..<end.lowerBound])
        }
        return (AWSCredentials(accessKeyID: try field("AccessKeyId"), secretAccessKey: try field("SecretAccessKey"),
                               sessionToken: try field("SessionToken")), try field("Expiration"))
    }
}
