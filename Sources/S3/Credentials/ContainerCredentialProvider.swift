// ECS/EKS Pod Identity credentials (botocore's ContainerProvider): GET
// http://169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI, or $AWS_CONTAINER_CREDENTIALS_FULL_URI
// with an Authorization header from AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (read on every fetch:
// EKS rotates it) or AWS_CONTAINER_AUTHORIZATION_TOKEN. Plain http is allowed only to loopback and
// the container agents' link-local addresses, as botocore does. Answer:
// {"AccessKeyId","SecretAccessKey","Token","Expiration"}.

import Foundation
import HTTPTransport

struct ContainerCredentialProvider: AWSCredentialProvider {
    let url: String
    let origin: String
    let tokenFile: String?
    let token: String?
    let transport: HTTPTransport
    /// Seconds (botocore: 2 s, AWS_METADATA_SERVICE_TIMEOUT does not apply here).
    let timeout: Double

    var sourceDescription: String { "container credentials (\(origin))" }

    static let relativeURIHost = "http://169.254.170.2"
    private static let allowedHTTPHosts: Set<String> = ["127.0.0.1", "localhost", "[::1]", "169.254.170.2", "169.254.170.23", "[fd00:ec2::23]"]

    /// Whether botocore would fetch from this full URI.
    static func isAllowed(fullURI: String) -> Bool {
        guard let endpoint = try? S3Endpoint.parse(Self.origin(of: fullURI), source: "AWS_CONTAINER_CREDENTIALS_FULL_URI") else {
            return false
        }
        return endpoint.scheme == "https" || allowedHTTPHosts.contains(endpoint.host) || endpoint.host.hasPrefix("127.")
    }

    /// "scheme://host:port" of a URL with a path.
    static func origin(of url: String) -> String {
        guard let separator = url.range(of: "://") else { return url }
        let rest = url[separator.upperBound...]
        return String(url[..<separator.upperBound] + rest.prefix { $0 != "/" && $0 != "?" })
    }

    func fetch() throws(AWSCredentialError) -> AWSExpiringCredentials {
        var headers: [(name: String, value: String)] = [("Accept", "application/json")]
        if let tokenFile {
            guard let data = FileManager.default.contents(atPath: tokenFile),
                  let value = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines) else {
                throw AWSCredentialError(source: sourceDescription, reason: "cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE \(tokenFile)")
            }
            headers.append(("Authorization", value))
        } else if let token {
            headers.append(("Authorization", token))
        }
        let request = HTTPRequest(method: "GET", url: url, headers: headers, stallTimeout: timeout)
        let answer = try fetchCredentialAnswer(request, transport: transport, source: sourceDescription)
        guard answer.status == 200 else {
            throw AWSCredentialError(source: sourceDescription, reason: "\(Self.origin(of: url)) answered HTTP \(answer.status)")
        }
        return try AWSCredentialDocument.parse(answer.body, source: sourceDescription)
    }
}
