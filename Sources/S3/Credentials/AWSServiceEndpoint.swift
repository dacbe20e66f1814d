// Where STS and the SSO portal are reached: a configured endpoint (AWS_ENDPOINT_URL_STS,
// AWS_ENDPOINT_URL, the profile's services section), else the regional AWS host, as the SDKs
// do ("Service-specific endpoints", AWS SDKs reference guide). Tests point both at loopback.

import Foundation
import HTTPTransport

struct AWSServiceEndpoint: Sendable, Equatable {
    var scheme: String
    var host: String
    var port: Int?

    init(_ endpoint: S3Endpoint) {
        scheme = endpoint.scheme
        host = endpoint.host
        port = endpoint.port
    }

    init(awsHost: String) {
        scheme = "https"
        host = awsHost
        port = nil
    }

    /// The Host header value: ":port" only when not the scheme's default.
    var hostHeader: String {
        guard let port, port != S3Endpoint.defaultPort(scheme: scheme) else { return host }
        return "\(host):\(port)"
    }

    var baseURL: String { "\(scheme)://\(hostHeader)" }

    /// Regional hosts: the China partition lives under amazonaws.com.cn.
    static func regionalHost(_ prefix: String, region: String) -> String {
        "\(prefix).\(region).amazonaws.com" + (region.hasPrefix("cn-") ? ".cn" : "")
    }
}

/// Sends one request for a credential source and returns status and body (at most 1 MiB: no
/// credential answer is larger). Transport errors become the source's error.
func fetchCredentialAnswer(_ request: HTTPRequest, transport: HTTPTransport,
                           source: String) throws(AWSCredentialError) -> (status: Int, body: [UInt8]) {
    do {
        let response = try transport.send(request)
        let body = try response.readAll(limit: 1 << 20)
        return (response.status, body)
    } catch {
        throw AWSCredentialError(source: source, reason: "\(request.url.prefix { $0 != "?" }): \(error.description)")
    }
}
