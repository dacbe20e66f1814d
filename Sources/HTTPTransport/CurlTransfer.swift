import Curl
import Foundation

/// One request's life on the transport thread: it configures the easy handle, turns libcurl's
/// callbacks into a response head and body pieces, and wakes the caller waiting for the head.
final class CurlTransfer: @unchecked Sendable {
    let request: HTTPRequest
    private let configuration: HTTPTransportConfiguration
    var body: ResponseBodyBuffer!
    /// Owned by the transport thread while the transfer is active.
    private(set) var easy: CurlEasy?

    private let headCondition = NSCondition()
    private var headParser = ResponseHeadParser()
    private var head: HTTPResponseHead?
    private var failure: HTTPTransportError?

    // Stall detection, on the transport thread only. libcurl's LOW_SPEED_* options judge an
    // average over several seconds, so a fast transfer that stops dead is noticed late, and they
    // cannot leave out the time a transfer was paused for its reader. So, not counting paused
    // time: no answer within `firstByteTimeout`; no byte at all for `stallTimeout`; fewer than
    // lowSpeedBytesPerSecond * lowSpeedWindow bytes in a window of `lowSpeedWindow` seconds.
    private let stallTimeout: Double
    private let started = CurlTransfer.now()
    private var lastActivity = CurlTransfer.now()
    private var pausedForReader = false
    private var anyByteReceived = false
    private var rateWindowStart = CurlTransfer.now()
    private var rateWindowBytes = 0

    init(request: HTTPRequest, configuration: HTTPTransportConfiguration) {
        self.request = request
        self.configuration = configuration
        self.stallTimeout = request.stallTimeout ?? configuration.stallTimeout
    }

    static func now() -> Double { ProcessInfo.processInfo.systemUptime }

    /// Called when the reader drained the buffer and the transfer resumes.
    func resumedForReader() {
        pausedForReader = false
        lastActivity = Self.now()
        rateWindowStart = lastActivity
        rateWindowBytes = 0
    }

    /// Why the transfer counts as stalled at `now`, or nil while it is alive.
    func stallReason(at now: Double) -> String? {
        guard !pausedForReader else { return nil }
        if !anyByteReceived && now - started > configuration.firstByteTimeout {
            return "no answer within \(configuration.firstByteTimeout) s"
        }
        if now - lastActivity > stallTimeout { return "no data received for \(stallTimeout) s" }
        let window = configuration.lowSpeedWindow
        guard configuration.lowSpeedBytesPerSecond > 0, window > 0, now - rateWindowStart >= window else { return nil }
        if Double(rateWindowBytes) < configuration.lowSpeedBytesPerSecond * window {
            return "\(rateWindowBytes) bytes in \(window) s, below \(Int(configuration.lowSpeedBytesPerSecond)) bytes/s"
        }
        rateWindowStart = now
        rateWindowBytes = 0
        return nil
    }

    private func received(_ count: Int) {
        lastActivity = Self.now()
        anyByteReceived = true
        rateWindowBytes += count
    }

    func makeEasyHandle() throws(CurlError) -> CurlEasy {
        let easy = try CurlEasy()
        try easy.setURL(request.url)
        try easy.setMethod(request.method)
        var lines = request.headers.map { "\($0.name): \($0.value)" }
        if let payload = request.body {
            try easy.setRequestBody(payload)
            // libcurl would otherwise add a form content type and wait a second for
            // "100 Continue" on larger bodies.
            if !request.headers.contains(where: { $0.name.lowercased() == "content-type" }) {
                lines.append("Content-Type:")
            }
            lines.append("Expect:")
        }
        try easy.setHeaderLines(lines)
        try easy.setConnectTimeout(milliseconds: Int(configuration.connectTimeout * 1000))
        try easy.setVerifiesTLS(configuration.verifiesTLS)
        if let bundle = configuration.caBundlePath { try easy.setCABundle(bundle) }
        try easy.setUserAgent(configuration.userAgent)
        if let proxy = configuration.httpProxy, request.url.lowercased().hasPrefix("http://") {
            try easy.setProxy(proxy, except: configuration.noProxy)
        }
        easy.onHeaderLine = { [unowned self, unowned easy] line in
            received(line.count)
            if headParser.consume(line) {
                publishHead(HTTPResponseHead(status: headParser.status ?? 0, headers: headParser.headers,
                                             newConnectionCount: easy.newConnectionCount))
            }
        }
        easy.onBody = { [unowned self] bytes in
            switch body.offer(bytes) {
            case .accepted:
                received(bytes.count)
                return .consumed
            case .full:
                pausedForReader = true
                return .pause
            case .cancelled: return .abort
            }
        }
        self.easy = easy
        return easy
    }

    func complete(_ result: Result<Void, CurlError>) {
        switch result {
        case .success:
            if head == nil {
                // A body-less response can end without a blank header line reaching us.
                publishHead(HTTPResponseHead(status: easy?.responseCode ?? 0, headers: headParser.headers,
                                             newConnectionCount: easy?.newConnectionCount ?? 0))
            }
            body.finish(.success(()))
        case .failure(let error):
            let mapped = HTTPTransportError(error)
            publishFailure(mapped)
            body.finish(.failure(mapped))
        }
        easy = nil
    }

    func cancelled() {
        fail(.cancelled)
    }

    func fail(_ error: HTTPTransportError) {
        publishFailure(error)
        body.finish(.failure(error))
        easy = nil
    }

    func waitForHead() throws(HTTPTransportError) -> HTTPResponseHead {
        headCondition.lock()
        defer { headCondition.unlock() }
        while head == nil && failure == nil { headCondition.wait() }
        if let head { return head }
        throw failure!
    }

    private func publishHead(_ value: HTTPResponseHead) {
        headCondition.lock()
        if head == nil && failure == nil { head = value }
        headCondition.broadcast()
        headCondition.unlock()
    }

    private func publishFailure(_ error: HTTPTransportError) {
        headCondition.lock()
        if failure == nil { failure = error }
        headCondition.broadcast()
        headCondition.unlock()
    }
}

extension HTTPTransportError {
    init(_ error: CurlError) {
        switch error.kind {
        case .couldNotResolveHost: self = .cannotResolveHost(error.message)
        case .couldNotConnect: self = .cannotConnect(error.message)
        case .timedOut: self = .timedOut(error.message)
        case .connectionLost: self = .connectionLost(error.message)
        case .tls: self = .tls(error.message)
        case .untrustedCertificate: self = .untrustedCertificate(error.message)
        case .aborted: self = .cancelled
        case .other: self = .other(error.message)
        }
    }
}
