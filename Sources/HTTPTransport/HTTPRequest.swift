/// One HTTP request as the storage and metadata clients build it. Headers are sent exactly as
/// given (a signer has already covered them), so the URL must already be percent-encoded.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]?
    /// Overrides the transport's stall timeout for this request (seconds with no bytes at all).
    public var stallTimeout: Double?

    public init(method: String = "GET", url: String, headers: [(name: String, value: String)] = [],
                body: [UInt8]? = nil, stallTimeout: Double? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.stallTimeout = stallTimeout
    }
}

/// Response headers in arrival order, looked up case-insensitively (RFC 9110 §5.1).
public struct HTTPHeaders: Sendable, Equatable {
    public private(set) var fields: [(name: String, value: String)] = []

    public init(_ fields: [(name: String, value: String)] = []) { self.fields = fields }

    public mutating func append(name: String, value: String) { fields.append((name, value)) }

    public subscript(_ name: String) -> String? {
        let wanted = name.lowercased()
        return fields.first { $0.name.lowercased() == wanted }?.value
    }

    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.fields.elementsEqual(rhs.fields) { $0.name == $1.name && $0.value == $1.value }
    }
}

/// The status and headers of the final (non-1xx) response.
public struct HTTPResponseHead: Sendable, Equatable {
    public var status: Int
    public var headers: HTTPHeaders
    /// Connections this request had to open: 0 means it rode a warm pooled connection.
    public var newConnectionCount: Int

    public init(status: Int, headers: HTTPHeaders, newConnectionCount: Int = 0) {
        self.status = status
        self.headers = headers
        self.newConnectionCount = newConnectionCount
    }
}
