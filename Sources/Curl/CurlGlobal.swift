import CCurl

/// `curl_global_init` must run once before any handle is made. It is thread-safe only since
/// 7.84 (Debian 12 ships 7.88, but a static `let` makes the once-only guarantee ours, not curl's).
enum CurlGlobal {
    static let initialized: Bool = {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
    }()
}

/// The libcurl version string, e.g. "7.88.1".
public var curlVersion: String {
    String(cString: s3play_curl_version_info().pointee.version)
}
