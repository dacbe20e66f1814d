import CCurl

/// A libcurl failure as a Swift value: the numeric code (so callers can classify it) and
/// libcurl's own one-line explanation.
public struct CurlError: Error, Sendable, Equatable, CustomStringConvertible {
    public let code: Int
    public let message: String

    public init(code: CURLcode, detail: String? = nil) {
        self.code = Int(code.rawValue)
        let base = String(cString: curl_easy_strerror(code))
        if let detail, !detail.isEmpty { message = detail } else { message = base }
    }

    public init(multiCode: CURLMcode) {
        code = Int(multiCode.rawValue)
        message = String(cString: curl_multi_strerror(multiCode))
    }

    public var description: String { message }

    /// The ways a transfer can fail that the HTTP layer tells apart (curl.h's CURLcode values).
    public enum Kind: Sendable, Equatable {
        case couldNotResolveHost, couldNotConnect, timedOut, connectionLost, tls, untrustedCertificate, aborted, other
    }

    public var kind: Kind {
        switch code {
        case Int(CURLE_COULDNT_RESOLVE_HOST.rawValue), Int(CURLE_COULDNT_RESOLVE_PROXY.rawValue):
            return .couldNotResolveHost
        case Int(CURLE_COULDNT_CONNECT.rawValue):
            return .couldNotConnect
        case Int(CURLE_OPERATION_TIMEDOUT.rawValue):
            return .timedOut
        case Int(CURLE_RECV_ERROR.rawValue), Int(CURLE_SEND_ERROR.rawValue),
             Int(CURLE_GOT_NOTHING.rawValue), Int(CURLE_PARTIAL_FILE.rawValue),
             Int(CURLE_HTTP2.rawValue), Int(CURLE_HTTP2_STREAM.rawValue):
            return .connectionLost
        // The peer's certificate chain does not end at a trusted CA (or names another host).
        case Int(CURLE_PEER_FAILED_VERIFICATION.rawValue):
            return .untrustedCertificate
        case Int(CURLE_SSL_CONNECT_ERROR.rawValue),
             Int(CURLE_SSL_CERTPROBLEM.rawValue), Int(CURLE_SSL_CACERT_BADFILE.rawValue):
            return .tls
        case Int(CURLE_ABORTED_BY_CALLBACK.rawValue), Int(CURLE_WRITE_ERROR.rawValue):
            return .aborted
        default:
            return .other
        }
    }
}

@inline(__always)
func check(_ code: CURLcode) throws(CurlError) {
    if code != CURLE_OK { throw CurlError(code: code) }
}
