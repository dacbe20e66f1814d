import DiscogsRateLimiting
import Foundation
import HTTPTransport

/// A Discogs lookup's answer: the body of a 200, or Discogs saying there is no such thing.
public enum DiscogsFetchResult: Sendable, Hashable {
    /// The raw JSON (what the cache stores) and its decoding: each body is decoded once, here, so
    /// the cache never stores a body it cannot serve and the caller does not decode it again.
    case found(bytes: [UInt8], decoded: DiscogsDecoded)
    /// 404: an answer, which the cache keeps as a negative entry.
    case notFound
}

/// The Discogs API client. Every request waits for the rate limiter first and reports every
/// response's rate headers back to it, so the budget is shared by all callers of the process
/// (and, through the limiter's store, by the next run). Callers are threads: methods block.
public final class DiscogsClient: Sendable {
    public let configuration: DiscogsClientConfiguration
    private let transport: any HTTPTransport
    private let limiter: DiscogsRateLimiter
    private let sent = RequestCounter()

    /// The limiter should be built with `configuration.rateLimitConfiguration`.
    public init(configuration: DiscogsClientConfiguration, transport: any HTTPTransport, limiter: DiscogsRateLimiter) {
        self.configuration = configuration
        self.transport = transport
        self.limiter = limiter
    }

    /// Requests sent to Discogs so far (retries included), for tests and `s3play cache stats`.
    public var requestCount: Int { sent.value }

    /// One GET, retried through 429s (waiting as the limiter says) and once after a 5xx.
    /// `onWait` hears, once, that a foreground lookup has to wait for the budget (whole seconds),
    /// before it waits; a wait past `maxForegroundWait` is not waited at all.
    public func fetchDocument(_ resource: DiscogsResource, priority: RequestPriority = .foreground,
                              onWait: (@Sendable (Int) -> Void)? = nil) throws(DiscogsError) -> DiscogsFetchResult {
        guard let answer = try fetch(resource, priority: priority, onWait: onWait) else { return .notFound }
        return .found(bytes: answer.bytes, decoded: answer.decoded)
    }

    // MARK: typed lookups (nil: Discogs has no such id)

    public func artist(id: Int, priority: RequestPriority = .foreground) throws(DiscogsError) -> DiscogsArtist? {
        guard case .artist(let value)? = try fetch(.artist(id: id), priority: priority)?.decoded else { return nil }
        return value
    }

    public func release(id: Int, priority: RequestPriority = .foreground) throws(DiscogsError) -> DiscogsRelease? {
        guard case .release(let value)? = try fetch(.release(id: id), priority: priority)?.decoded else { return nil }
        return value
    }

    public func master(id: Int, priority: RequestPriority = .foreground) throws(DiscogsError) -> DiscogsMaster? {
        guard case .master(let value)? = try fetch(.master(id: id), priority: priority)?.decoded else { return nil }
        return value
    }

    public func artistReleases(id: Int, page: Int = 1, perPage: Int = 50, sort: DiscogsArtistReleasesSort = .year,
                               order: DiscogsSortOrder = .ascending,
                               priority: RequestPriority = .foreground) throws(DiscogsError) -> DiscogsArtistReleasesPage? {
        let resource = DiscogsResource.artistReleases(id: id, page: page, perPage: perPage, sort: sort, order: order)
        guard case .artistReleasesPage(let value)? = try fetch(resource, priority: priority)?.decoded else { return nil }
        return value
    }

    public func masterVersions(id: Int, page: Int = 1, perPage: Int = 50,
                               priority: RequestPriority = .foreground) throws(DiscogsError) -> DiscogsMasterVersionsPage? {
        let resource = DiscogsResource.masterVersions(id: id, page: page, perPage: perPage)
        guard case .masterVersionsPage(let value)? = try fetch(resource, priority: priority)?.decoded else { return nil }
        return value
    }

    /// A search always exists; a 404 here is unexpected.
    public func search(_ query: DiscogsSearchQuery,
                       priority: RequestPriority = .foreground) throws(DiscogsError) -> DiscogsSearchPage {
        guard let answer = try fetch(.search(query), priority: priority) else { throw .unexpectedStatus(404) }
        guard case .searchPage(let value) = answer.decoded else { throw .malformedResponse(reason: "not a search page") }
        return value
    }

    // MARK: the request loop

    /// The body and its decoding, or nil for a 404.
    private func fetch(_ resource: DiscogsResource, priority: RequestPriority,
                       onWait: (@Sendable (Int) -> Void)? = nil) throws(DiscogsError) -> (bytes: [UInt8], decoded: DiscogsDecoded)? {
        // Discogs documents search as "Authentication: required": without a token the answer
        // is a 401 that would read as a refused token, so nothing is sent.
        if case .search = resource, configuration.token == nil { throw .tokenRequired }
        let request = HTTPRequest(url: configuration.baseURL + resource.pathAndQuery,
                                  headers: configuration.requestHeaders, stallTimeout: configuration.requestTimeout)
        // The whole lookup's waiting is bounded (429 after 429, a long Retry-After), not each wait.
        let deadline = priority == .foreground ? limiter.now + configuration.maxForegroundWait : nil
        let announcer = WaitAnnouncer(onWait)
        var rateLimited = 0
        var serverErrors = 0
        while true {
            switch limiter.acquire(priority: priority, deadline: deadline, onWait: announcer.waiting) {
            case .granted: break
            case .cancelled: throw .cancelled
            case .notBefore(let time):
                throw .rateLimitWait(seconds: max(1, Int((time - limiter.now).rounded(.up))))
            }
            sent.increment()
            let (status, body) = try exchange(request)
            switch status {
            case 200..<300:
                return (body, try DiscogsDocument.decode(body, as: resource))
            case 404:
                return nil
            case 429:
                // Counted by `exchange` already; the limiter decides how long the next acquire waits.
                rateLimited += 1
                guard rateLimited <= configuration.maxRateLimitRetries else { throw .rateLimited(attempts: rateLimited) }
            case 500...599:
                // One quick retry covers a passing backend hiccup; more would pile onto an outage,
                // and the cache serves stale data meanwhile.
                serverErrors += 1
                guard serverErrors < 2 else { throw .serverError(status: status, message: Self.message(body)) }
            case 401:
                throw .unauthorized
            case 403:
                throw .forbidden
            default:
                throw .unexpectedStatus(status, message: Self.message(body))
            }
        }
    }

    /// Discogs' error bodies are `{"message": "…"}` ("Query time exceeded. Please try a simpler
    /// query."); the text is shown as Discogs wrote it, cut to one short line.
    static func message(_ body: [UInt8]) -> String? {
        struct ErrorBody: Decodable { var message: String? }
        guard let text = try? JSONDecoder().decode(ErrorBody.self, from: Data(body)).message else { return nil }
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        guard !line.isEmpty else { return nil }
        return line.count > 200 ? String(line.prefix(200)) + "…" : line
    }

    /// Sends once and reads the whole body; the limiter hears every response's rate headers
    /// (and a 429's Retry-After) before anything else happens.
    private func exchange(_ request: HTTPRequest) throws(DiscogsError) -> (status: Int, body: [UInt8]) {
        let response: HTTPResponse
        do {
            response = try transport.send(request)
        } catch {
            throw .unreachable(reason: error.description)
        }
        let headers = response.head.headers
        limiter.observe(DiscogsRateLimitHeaders { headers[$0] })
        if response.status == 429 {
            let now = limiter.now
            limiter.observe429(retryAfter: headers["Retry-After"].flatMap { Self.retryAfterSeconds($0, now: now) })
        }
        // A body that trickles (a byte a second never trips the stall timeout) is cut off at the
        // request's total deadline.
        let deadline: ContinuousClock.Instant? = configuration.requestDeadline.isFinite
            ? ContinuousClock.now + .seconds(configuration.requestDeadline) : nil
        var body: [UInt8] = []
        do {
            while let chunk = try response.nextChunk() {
                body += chunk
                // A Discogs document is kilobytes; megabytes mean something else answered.
                if body.count > 8 << 20 {
                    response.cancel()
                    throw DiscogsError.unreachable(reason: "the answer is larger than 8 MiB")
                }
                if let deadline, ContinuousClock.now > deadline {
                    response.cancel()
                    throw DiscogsError.unreachable(reason: "the answer took longer than \(Int(configuration.requestDeadline)) s")
                }
            }
        } catch let error as DiscogsError {
            throw error
        } catch {
            throw .unreachable(reason: "\(error)")
        }
        return (response.status, body)
    }

    /// `Retry-After` (RFC 9110 §10.2.3) as seconds from `now`: delay-seconds, or an HTTP-date
    /// (IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT"). A negative number or an unreadable value is
    /// nil (the limiter then waits out a window); a date in the past is 0. The limiter caps it.
    public static func retryAfterSeconds(_ text: String, now: Double) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(trimmed) { return seconds >= 0 ? Double(seconds) : nil }
        // A formatter per call: a 429 is rare, and a shared DateFormatter is not safe across threads.
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return max(0, date.timeIntervalSince1970 - now)
    }
}

/// Tells a foreground caller once that its lookup waits for the budget.
private final class WaitAnnouncer: @unchecked Sendable {
    private let onWait: (@Sendable (Int) -> Void)?
    private var announced = false

    init(_ onWait: (@Sendable (Int) -> Void)?) {
        self.onWait = onWait
    }

    /// Called by the limiter (under its lock, on the caller's thread) before each wait.
    func waiting(_ seconds: Double) {
        guard !announced, let onWait, seconds >= 1 else { return }
        announced = true
        onWait(Int(seconds.rounded(.up)))
    }
}

/// `requestCount`'s storage. A lock rather than `Synchronization.Mutex`, which needs macOS 15.
private final class RequestCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    var value: Int {
        lock.lock(); defer { lock.unlock() }
        return count
    }

    func increment() {
        lock.lock(); count += 1; lock.unlock()
    }
}
