// The body S3 sends with a failed request (S3 API reference, "Error responses"):
//   <Error><Code>NoSuchKey</Code><Message>…</Message><RequestId>…</RequestId><HostId>…</HostId></Error>
// Some codes add fields we act on: <Region> (AuthorizationHeaderMalformed), <StorageClass>
// (InvalidObjectState), <ServerTime> (RequestTimeTooSkewed). SignatureDoesNotMatch also echoes
// <StringToSign> and <CanonicalRequest>; those are deliberately not kept, so they cannot leak into
// messages or logs.

/// The fields of an S3 `<Error>` document that the client acts on or shows.
public struct S3ErrorDocument: Sendable, Equatable {
    public var code: String
    public var message: String?
    public var requestID: String?
    public var region: String?
    public var storageClass: String?
    public var serverTime: String?

    public init(code: String, message: String? = nil, requestID: String? = nil, region: String? = nil,
                storageClass: String? = nil, serverTime: String? = nil) {
        self.code = code
        self.message = message
        self.requestID = requestID
        self.region = region
        self.storageClass = storageClass
        self.serverTime = serverTime
    }

    /// Parses `<Error><Code>…</Code>…</Error>`; nil for an empty body, a non-XML body (an HTML page
    /// from a proxy) or an `<Error>` without a non-empty `<Code>`. The `<ErrorResponse><Error>`
    /// wrapping used by some S3-compatible servers (and by STS) is accepted too.
    public static func parse(_ body: [UInt8]) -> S3ErrorDocument? {
        guard !body.isEmpty, let xml = try? S3XMLScanner(body) else { return nil }
        guard let error = xml.element(at: "Error") ?? xml.element(at: "ErrorResponse", "Error"),
              let code = xml.text(ofChild: "Code", in: error).map(trimmed), !code.isEmpty else {
            return nil
        }
        func field(_ name: StaticString) -> String? {
            xml.text(ofChild: name, in: error).map(trimmed).flatMap { $0.isEmpty ? nil : $0 }
        }
        return S3ErrorDocument(code: code, message: field("Message"), requestID: field("RequestId"),
                               region: field("Region"), storageClass: field("StorageClass"),
                               serverTime: field("ServerTime"))
    }
}

private func trimmed(_ s: String) -> String {
    String(s.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
}
