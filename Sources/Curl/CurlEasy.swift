import CCurl

/// One libcurl easy handle: a single transfer's options and callbacks, as typed Swift calls.
/// Not thread-safe, as libcurl's handles are not: the owner uses it from one thread at a time.
public final class CurlEasy {
    /// What the body callback tells libcurl to do with the bytes it was handed.
    public enum BodyDisposition { case consumed, pause, abort }

    let handle: UnsafeMutableRawPointer
    private var headerList: CurlHeaderList?
    private var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)

    /// Called with each raw response header line, including the status line and the blank line
    /// that ends a header block.
    public var onHeaderLine: ((UnsafeRawBufferPointer) -> Void)?
    /// Called with each piece of the response body. Returning `.pause` hands the same bytes back
    /// to libcurl, which delivers them again after `resume()`.
    public var onBody: ((UnsafeRawBufferPointer) -> BodyDisposition)?

    public init() throws(CurlError) {
        _ = CurlGlobal.initialized
        guard let handle = curl_easy_init() else { throw CurlError(code: CURLE_FAILED_INIT) }
        self.handle = handle
        let me = Unmanaged.passUnretained(self).toOpaque()
        try errorBuffer.withUnsafeMutableBufferPointer { buffer throws(CurlError) in
            try check(s3play_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, buffer.baseAddress))
        }
        try check(s3play_easy_setopt_data_callback(handle, CURLOPT_WRITEFUNCTION, curlWriteCallback))
        try check(s3play_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, me))
        try check(s3play_easy_setopt_data_callback(handle, CURLOPT_HEADERFUNCTION, curlHeaderCallback))
        try check(s3play_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, me))
        // Signals are the caller's business; libcurl must not raise SIGALRM/SIGPIPE in a
        // multi-threaded program (libcurl-thread(3)).
        try check(s3play_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1))
    }

    deinit { curl_easy_cleanup(handle) }

    /// The URL is sent as given: PATH_AS_IS stops libcurl from squashing "/../" and "/./",
    /// which are legal inside S3 keys and covered by the request's signature.
    public func setURL(_ url: String) throws(CurlError) {
        try check(s3play_easy_setopt_string(handle, CURLOPT_URL, url))
        try check(s3play_easy_setopt_long(handle, CURLOPT_PATH_AS_IS, 1))
    }

    /// Any method; HEAD also tells libcurl not to wait for a body.
    public func setMethod(_ method: String) throws(CurlError) {
        switch method {
        case "GET": try check(s3play_easy_setopt_long(handle, CURLOPT_HTTPGET, 1))
        case "HEAD": try check(s3play_easy_setopt_long(handle, CURLOPT_NOBODY, 1))
        default: try check(s3play_easy_setopt_string(handle, CURLOPT_CUSTOMREQUEST, method))
        }
    }

    /// A request body, copied by libcurl (CURLOPT_COPYPOSTFIELDS), so the array need not outlive the call.
    public func setRequestBody(_ body: [UInt8]) throws(CurlError) {
        try check(s3play_easy_setopt_off(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)))
        // An empty array may have no storage; give libcurl one byte it will not read.
        let bytes = body.isEmpty ? [0] : body
        try bytes.withUnsafeBufferPointer { buffer throws(CurlError) in
            try check(s3play_easy_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: buffer.baseAddress)))
        }
    }

    /// Header lines "Name: value". "Name:" removes a header libcurl would add on its own.
    public func setHeaderLines(_ lines: [String]) throws(CurlError) {
        let list = CurlHeaderList(lines)
        try check(s3play_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, list.pointer))
        headerList = list
    }

    public func setConnectTimeout(milliseconds: Int) throws(CurlError) {
        try check(s3play_easy_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, milliseconds))
    }

    public func setVerifiesTLS(_ verify: Bool) throws(CurlError) {
        try check(s3play_easy_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, verify ? 1 : 0))
        try check(s3play_easy_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, verify ? 2 : 0))
    }

    /// CURLOPT_PROXY and CURLOPT_NOPROXY ("host,host" or "*"). The no-proxy list is always set
    /// (nil → ""), so the caller's list is the one used, not libcurl's own read of no_proxy.
    public func setProxy(_ proxy: String, except noProxy: String?) throws(CurlError) {
        try check(s3play_easy_setopt_string(handle, CURLOPT_PROXY, proxy))
        try check(s3play_easy_setopt_string(handle, CURLOPT_NOPROXY, noProxy ?? ""))
    }

    /// CURLOPT_CAINFO: the PEM file of CAs to trust instead of the system's (AWS_CA_BUNDLE).
    public func setCABundle(_ path: String) throws(CurlError) {
        try check(s3play_easy_setopt_string(handle, CURLOPT_CAINFO, path))
    }

    public func setUserAgent(_ agent: String) throws(CurlError) {
        try check(s3play_easy_setopt_string(handle, CURLOPT_USERAGENT, agent))
    }

    public func setLong(_ option: CURLoption, _ value: Int) throws(CurlError) {
        try check(s3play_easy_setopt_long(handle, option, value))
    }

    /// Resume a transfer paused by `.pause`; libcurl may deliver the held bytes from inside this call.
    public func resume() throws(CurlError) {
        try check(curl_easy_pause(handle, s3play_curl_pause_cont()))
    }

    public var responseCode: Int {
        var code = 0
        _ = s3play_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &code)
        return code
    }

    /// How many new connections this transfer had to open (0 when it reused a pooled one).
    public var newConnectionCount: Int {
        var count = 0
        _ = s3play_easy_getinfo_long(handle, CURLINFO_NUM_CONNECTS, &count)
        return count
    }

    /// libcurl's detailed message for the last failure, if it wrote one.
    public var lastErrorDetail: String {
        errorBuffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    func error(for code: CURLcode) -> CurlError {
        CurlError(code: code, detail: lastErrorDetail)
    }
}

private let curlWriteCallback: s3play_curl_data_callback = { pointer, size, count, userdata in
    let length = size * count
    guard let userdata else { return 0 }
    let easy = Unmanaged<CurlEasy>.fromOpaque(userdata).takeUnretainedValue()
    guard let onBody = easy.onBody else { return length }
    switch onBody(UnsafeRawBufferPointer(start: pointer, count: length)) {
    case .consumed: return length
    case .pause: return s3play_curl_writefunc_pause()
    case .abort: return 0
    }
}

private let curlHeaderCallback: s3play_curl_data_callback = { pointer, size, count, userdata in
    let length = size * count
    guard let userdata else { return 0 }
    let easy = Unmanaged<CurlEasy>.fromOpaque(userdata).takeUnretainedValue()
    easy.onHeaderLine?(UnsafeRawBufferPointer(start: pointer, count: length))
    return length
}
