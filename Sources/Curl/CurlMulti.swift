import CCurl

/// A libcurl multi handle: drives many easy handles on one thread and keeps one connection
/// pool (and DNS cache) for all of them, so a request to a warm host costs one round trip.
public final class CurlMulti {
    private let handle: UnsafeMutableRawPointer
    private var transfers: [UnsafeMutableRawPointer: CurlEasy] = [:]

    public init(maxConnectionsPerHost: Int = 0, maxPooledConnections: Int = 16) throws(CurlError) {
        _ = CurlGlobal.initialized
        guard let handle = curl_multi_init() else { throw CurlError(code: CURLE_FAILED_INIT) }
        self.handle = handle
        _ = s3play_multi_setopt_long(handle, CURLMOPT_MAX_HOST_CONNECTIONS, maxConnectionsPerHost)
        // The pool default (4x the number of added handles) shrinks to nothing between bursts;
        // a fixed size keeps warm connections for the next request.
        _ = s3play_multi_setopt_long(handle, CURLMOPT_MAXCONNECTS, maxPooledConnections)
    }

    deinit {
        for easy in transfers.values { curl_multi_remove_handle(handle, easy.handle) }
        curl_multi_cleanup(handle)
    }

    public func add(_ easy: CurlEasy) throws(CurlError) {
        let code = curl_multi_add_handle(handle, easy.handle)
        guard code == CURLM_OK else { throw CurlError(multiCode: code) }
        transfers[easy.handle] = easy
    }

    public func remove(_ easy: CurlEasy) {
        guard transfers.removeValue(forKey: easy.handle) != nil else { return }
        curl_multi_remove_handle(handle, easy.handle)
    }

    /// Moves every transfer forward as far as it can go without blocking.
    public func perform() {
        var running: Int32 = 0
        _ = curl_multi_perform(handle, &running)
    }

    /// Sleeps until a socket is ready, `wakeUp()` is called, or the timeout passes.
    public func poll(timeoutMilliseconds: Int32) {
        _ = curl_multi_poll(handle, nil, 0, timeoutMilliseconds, nil)
    }

    /// Interrupts `poll` from any thread (curl_multi_wakeup(3)).
    public func wakeUp() {
        _ = curl_multi_wakeup(handle)
    }

    /// Transfers that have finished since the last call, with their result.
    public func completedTransfers() -> [(CurlEasy, Result<Void, CurlError>)] {
        var finished: [(CurlEasy, Result<Void, CurlError>)] = []
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(handle, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let easyHandle = message.pointee.easy_handle,
                  let easy = transfers[easyHandle] else { continue }
            let code = message.pointee.data.result
            finished.append((easy, code == CURLE_OK ? .success(()) : .failure(easy.error(for: code))))
        }
        return finished
    }
}
