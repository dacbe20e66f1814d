import DiscogsRateLimiting
import Foundation
import HTTPTransport

/// A Discogs lookup's answer: the body of a 200, or Discogs saying there is no such thing.
public enum DiscogsFetchResult: Sendable, Hashable {
    /// The raw JSON, already decoded once (so the cache never stores a body it cannot serve).
    case found(bytes: [UInt8])
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
    public func fetchDocument(_ resource: DiscogsResource,
                              priority: RequestPriority = .foreground) throws(DiscogsError) -> DiscogsFetchResult {
        guard let answer = try fetch(resource, priority: priority) else { return .notFound }
        return .found(bytes: answer.bytes)
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
    private func fetch(_ resource: DiscogsResource,
                       priority: RequestPriority) throws(DiscogsError) -> (bytes: [UInt8], decoded: DiscogsDecoded)? {
        let request = HTTPRequest(url: configuration.baseURL + resource.pathAndQuery,
                                  headers: configuration.requestHeaders, stallTimeout: configuration.requestTimeout)
        var rateLimited = 0
        var serverErrors = 0
        while true {
            guard case .granted = limiter.acquire(priority: priority) else { throw .cancelled }
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
                guard serverErrors < 2 else { throw .serverError(status: status) }
            case 401:
                throw .unauthorized
            case 403:
                throw .forbidden
            default:
                throw .unexpectedStatus(status)
            }
        }
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
        limiter.observe(DiscogsRateLimitHeaders(
            limit: headers["X-Discogs-Ratelimit"].flatMap(Self.integer),
            used: headers["X-Discogs-Ratelimit-Used"].flatMap(Self.integer),
            remaining: headers["X-Discogs-Ratelimit-Remaining"].flatMap(Self.integer)))
        if response.status == 429 {
            limiter.observe429(retryAfter: headers["Retry-After"].flatMap(Self.retryAfterSeconds))
        }
        do {
            // A Discogs document is kilobytes; megabytes mean something else answered.
            return (response.status, try response.readAll(limit: 8 << 20))
        } catch {
            throw .unreachable(reason: error.description)
        }
    }

    private static func integer(_ text: String) -> Int? {
        Int(text.trimmingCharacters(in: .whitespaces)).flatMap { $0 >= 0 ? $0 : nil }
    }

    /// `Retry-After` in delay-seconds (RFC 9110 §10.2.3). The HTTP-date form is not used by Discogs
    /// and counts as absent, so the limiter waits out a full window instead.
    static func retryAfterSeconds(_ text: String) -> Double? {
        integer(text).map(Double.init)
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
