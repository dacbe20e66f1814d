import TestDoubles
import Discogs
import DiscogsRateLimiting
import Foundation
import HTTPTransport
import TestSupport
import XCTest

/// The token the stand-ins of these tests accept.
let standInToken = "test-token-5f3a"

/// One libcurl transport for the whole suite, as the app has one for the process.
let sharedTransport: CurlTransport = {
    do { return try CurlTransport() } catch { fatalError("no curl transport: \(error)") }
}()

/// One virtual time for both sides: the limiter waits on `limiterClock`, and the stand-in reads
/// the same clock through `standInClock`, so its log times and its window are the limiter's times.
/// Limiter times look like real ones (seconds since 1970); the stand-in counts from `origin`.
final class VirtualTime: Sendable {
    let origin: Double = 1_700_000_000
    let limiterClock: ManualRateLimiterClock
    let standInClock: LimiterClockAdapter

    init() {
        limiterClock = ManualRateLimiterClock(now: origin)
        standInClock = LimiterClockAdapter(clock: limiterClock, origin: origin)
    }
}

/// The stand-in's clock protocol over the limiter's manual clock.
final class LimiterClockAdapter: DiscogsStandInClock {
    let clock: ManualRateLimiterClock
    let origin: Double

    init(clock: ManualRateLimiterClock, origin: Double) {
        self.clock = clock
        self.origin = origin
    }

    func now() -> Duration { .seconds(clock.now - origin) }
}

/// Wraps the real transport and keeps every request as the client built it, so a test can check
/// the exact headers and URL sent; the stand-in still answers.
final class RecordingTransport: HTTPTransport, @unchecked Sendable {
    private let inner: any HTTPTransport
    private let lock = NSLock()
    private var recorded: [HTTPRequest] = []

    init(_ inner: any HTTPTransport = sharedTransport) { self.inner = inner }

    var requests: [HTTPRequest] {
        lock.lock(); defer { lock.unlock() }
        return recorded
    }

    func send(_ request: HTTPRequest) throws(HTTPTransportError) -> HTTPResponse {
        lock.lock(); recorded.append(request); lock.unlock()
        return try inner.send(request)
    }
}

extension XCTestCase {
    /// A stand-in accepting `standInToken`, stopped when the test ends. Without `time` its clock
    /// stands still (nothing ever leaves its window), which suits tests of fewer than 60 requests.
    func makeStandIn(time: VirtualTime? = nil,
                     _ adjust: (inout DiscogsStandInConfiguration) -> Void = { _ in }) throws -> DiscogsStandIn {
        var configuration = DiscogsStandInConfiguration(token: standInToken)
        configuration.clock = time?.standInClock ?? ManualClock()
        adjust(&configuration)
        let standIn = try DiscogsStandIn(configuration)
        addTeardownBlock { standIn.stop() }
        return standIn
    }

    /// A client of `standIn` with its own limiter (virtual time when given, else real time; the
    /// budget for the token unless `limits` is given).
    func makeClient(_ standIn: DiscogsStandIn, time: VirtualTime? = nil, token: String? = standInToken,
                    store: any RequestTimeStore = InMemoryRequestTimeStore(),
                    transport: any HTTPTransport = sharedTransport, limits: DiscogsRateLimitConfiguration? = nil,
                    _ adjust: (inout DiscogsClientConfiguration) -> Void = { _ in }) -> DiscogsClient {
        var configuration = DiscogsClientConfiguration(baseURL: standIn.baseURL, token: token)
        adjust(&configuration)
        let clock: any RateLimiterClock = time?.limiterClock ?? SystemRateLimiterClock()
        var budget = limits ?? configuration.rateLimitConfiguration
        // In virtual time a request reaches the stand-in at the instant it is granted, so the
        // window is checked exactly (arrival slack is for real networks; ArrivalSlackTests).
        if time != nil { budget.arrivalSlack = 0 }
        let limiter = DiscogsRateLimiter(configuration: budget, clock: clock, store: store)
        return DiscogsClient(configuration: configuration, transport: transport, limiter: limiter)
    }
}

/// Runs `threads` threads over virtual time (`ManualRateLimiterClock.runSimulation`). Time never
/// moves while a request is in flight, so the stand-in logs each request at exactly the time the
/// limiter granted it.
func runSimulated(threads: Int, time: VirtualTime, file: StaticString = #filePath, line: UInt = #line,
                  _ body: @escaping @Sendable (Int) -> Void) {
    if let stall = time.limiterClock.runSimulation(threads: threads, body) { XCTFail(stall, file: file, line: line) }
}


/// Results written by index from many threads.
final class ResultSlots<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Value?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    subscript(index: Int) -> Value? {
        get { lock.lock(); defer { lock.unlock() }; return slots[index] }
        set { lock.lock(); slots[index] = newValue; lock.unlock() }
    }

    var all: [Value?] {
        lock.lock(); defer { lock.unlock() }
        return slots
    }
}

extension DiscogsLoggedRequest {
    var seconds: Double { time / .seconds(1) }
}

/// The most requests any `length`-second window holds: a window starting at each request covers
/// [t, t + length), which is every window that matters.
func maxRequestsInAnyWindow(_ times: [Double], length: Double) -> Int {
    let sorted = times.sorted()
    var best = 0
    var end = 0
    for start in sorted.indices {
        while end < sorted.count && sorted[end] < sorted[start] + length { end += 1 }
        best = max(best, end - start)
    }
    return best
}

func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("DiscogsTests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A lookup per index over every fixture id and one unknown id, so a burst mixes endpoints and 404s.
let burstResources: [DiscogsResource] = (1001...1007).map { .artist(id: $0) } + (2001...2006).map { .master(id: $0) }
    + (3001...3008).map { .release(id: $0) } + [.artist(id: 999)]

func burstResource(_ index: Int) -> DiscogsResource { burstResources[index % burstResources.count] }
