// EC2 instance metadata, IMDSv2 (EC2 user guide, "Use the Instance Metadata Service"):
//   PUT /latest/api/token  with X-aws-ec2-metadata-token-ttl-seconds: 21600  → a session token
//   GET /latest/meta-data/iam/security-credentials/        → the role's name
//   GET /latest/meta-data/iam/security-credentials/ROLE    → {"Code":"Success","AccessKeyId",…}
// both GETs with X-aws-ec2-metadata-token. botocore's defaults keep a laptop from waiting:
// 1 s timeout (AWS_METADATA_SERVICE_TIMEOUT), 1 attempt (AWS_METADATA_SERVICE_NUM_ATTEMPTS).

import Foundation
import HTTPTransport

struct InstanceMetadataProvider: AWSCredentialProvider {
    /// "http://169.254.169.254" or AWS_EC2_METADATA_SERVICE_ENDPOINT / ec2_metadata_service_endpoint.
    let endpoint: String
    let timeout: Double
    let attempts: Int
    let transport: HTTPTransport

    static let defaultEndpoint = "http://169.254.169.254"

    var sourceDescription: String { "EC2 instance metadata at \(endpoint)" }

    func fetch() throws(AWSCredentialError) -> AWSExpiringCredentials {
        var lastError = AWSCredentialError(source: sourceDescription, reason: "not tried")
        for _ in 0..<max(attempts, 1) {
            do {
                return try fetchOnce()
            } catch {
                lastError = error
            }
        }
        throw lastError
    }

    private func fetchOnce() throws(AWSCredentialError) -> AWSExpiringCredentials {
        let tokenAnswer = try get("/latest/api/token", method: "PUT",
                                  headers: [("X-aws-ec2-metadata-token-ttl-seconds", "21600")])
        guard tokenAnswer.status == 200, !tokenAnswer.body.isEmpty else {
            throw fail("the token request (PUT /latest/api/token) answered HTTP \(tokenAnswer.status)")
        }
        let token = String(decoding: tokenAnswer.body, as: UTF8.self)
        let tokenHeader = [(name: "X-aws-ec2-metadata-token", value: token)]
        let roleAnswer = try get("/latest/meta-data/iam/security-credentials/", headers: tokenHeader)
        let role = String(decoding: roleAnswer.body, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        guard roleAnswer.status == 200, !role.isEmpty else {
            throw fail("this instance has no IAM role (HTTP \(roleAnswer.status))")
        }
        let credentialsAnswer = try get("/latest/meta-data/iam/security-credentials/" + S3URIEncoding.encode(role, keepingSlashes: false),
                                        headers: tokenHeader)
        guard credentialsAnswer.status == 200 else {
            throw fail("the role's credentials answered HTTP \(credentialsAnswer.status)")
        }
        return try AWSCredentialDocument.parse(credentialsAnswer.body, source: sourceDescription)
    }

    private func get(_ path: String, method: String = "GET",
                     headers: [(name: String, value: String)]) throws(AWSCredentialError) -> (status: Int, body: [UInt8]) {
        let request = HTTPRequest(method: method, url: endpoint + path, headers: headers,
                                  body: method == "PUT" ? [] : nil, stallTimeout: timeout)
        return try fetchCredentialAnswer(request, transport: transport, source: sourceDescription)
    }

    private func fail(_ reason: String) -> AWSCredentialError {
        AWSCredentialError(source: sourceDescription, reason: reason)
    }
}
