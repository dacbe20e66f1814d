import Foundation
import SafeText

/// An S3-compatible server's base URL, e.g. http://127.0.0.1:8333.
public struct S3Endpoint: Sendable, Equatable {
    /// "http" or "https".
    public var scheme: String
    /// Lowercased host name or IP; an IPv6 literal keeps its brackets ("[::1]") so it can be
    /// used in a URL and a Host header as is.
    public var host: String
    /// nil → the scheme's default (80/443).
    public var port: Int?

    public init(scheme: String, host: String, port: Int? = nil) {
        self.scheme = scheme
        self.host = host
        self.port = port
    }

    /// Parses "scheme://host[:port][/]". A path, query, fragment or user info is rejected: the
    /// request paths are built from the bucket and key alone, and credentials in a URL would end up
    /// in logs.
    public init(url: String) throws(S3ConfigurationError) {
        self = try Self.parse(url, source: "endpoint URL")
    }

    /// "scheme://host[:port]", the port only when given: names the server in catalog file names.
    public var identity: String { "\(scheme)://\(host)" + (port.map { ":\($0)" } ?? "") }

    static func defaultPort(scheme: String) -> Int { scheme == "https" ? 443 : 80 }

    static func parse(_ text: String, source: String) throws(S3ConfigurationError) -> S3Endpoint {
        func fail(_ reason: String) -> S3ConfigurationError {
            // A query may hold a presigned URL's signature: cut with the user info.
            .malformedEndpointURL(url: URLRedaction.withoutQuery(redactingUserInfo(text)), source: source, reason: reason)
        }
        let url = text.trimmingCharacters(in: .whitespaces)
        guard let separator = url.range(of: "://") else {
            throw fail("it must start with http:// or https://")
        }
        let scheme = url[..<separator.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else {
            throw fail("the scheme must be http or https")
        }
        let rest = url[separator.upperBound...]
        // Checked before splitting off the path: a password may contain "/", "?" or "#".
        guard !rest.contains("@") else {
            throw fail("user info (name:password@) is not supported; put keys in AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or the credentials file")
        }
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard rest[authorityEnd...].isEmpty || rest[authorityEnd...] == "/" else {
            throw fail("a path, query or fragment is not supported; give only scheme://host[:port]")
        }
        var host = Substring(authority)
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw fail("the IPv6 address is missing its closing ']'") }
            host = authority[...close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw fail("unexpected characters after the IPv6 address") }
                portText = after.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        }
        let hostAllowed = host.hasPrefix("[")
            ? host.dropFirst().dropLast().allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
            : host.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" || $0 == "." || $0 == "_" }
        guard !host.isEmpty, host != "[]", hostAllowed else {
            throw fail("the host is empty or has characters not allowed in a host name")
        }
        var port: Int?
        if let portText {
            guard let number = Int(portText), (1...65_535).contains(number), portText.allSatisfy(\.isASCII) else {
                throw fail("the port must be a number from 1 to 65535")
            }
            port = number
        }
        return S3Endpoint(scheme: scheme, host: host.lowercased(), port: port)
    }

    /// "http://user:pass@host" → "http://…@host": error messages must not repeat a password.
    /// Everything up to the last "@" goes, since users write passwords containing "/" unescaped.
    static func redactingUserInfo(_ url: String) -> String {
        guard let at = url.lastIndex(of: "@") else { return url }
        guard let separator = url.range(of: "://"), separator.upperBound <= at else { return "…" + url[at...] }
        return String(url[..<separator.upperBound]) + "…" + String(url[at...])
    }
}
