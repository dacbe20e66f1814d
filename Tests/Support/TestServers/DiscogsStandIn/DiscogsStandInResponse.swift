import Foundation

/// One HTTP response of the stand-in, and its bytes on the wire.
struct DiscogsStandInResponse {
    var status: Int
    var headers: [(name: String, value: String)] = []
    var body: [UInt8] = []
    /// When set, the body goes out one byte per interval after the head.
    var trickleInterval: Duration?

    /// Discogs answers JSON with this type (v2 media type, default `discogs` markup).
    static let jsonType = "application/json"

    static func json(_ status: Int, _ value: Any, headers: [(name: String, value: String)] = []) -> Self {
        // Sorted keys so a body is byte-for-byte stable across runs; slashes unescaped as Discogs sends.
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
        return Self(status: status, headers: headers + [("Content-Type", jsonType)], body: Array(data))
    }

    /// The first half of the body: an object that never closes, so every JSON parser rejects it.
    func truncated() -> Self {
        var copy = self
        copy.body = Array(body.prefix(max(1, body.count / 2)))
        return copy
    }

    func encoded(method: String, closing: Bool) -> [UInt8] {
        encodedHead(closing: closing) + (method == "HEAD" ? [] : body)
    }

    func encodedHead(closing: Bool) -> [UInt8] {
        var head = "HTTP/1.1 \(status) \(Self.reason(status))\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(body.count)\r\n"
        if closing { head += "Connection: close\r\n" }
        head += "\r\n"
        return Array(head.utf8)
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        default: "Status"
        }
    }
}
