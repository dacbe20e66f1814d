import Discogs
import DiscogsRateLimiting
import Foundation
import HTTPTransport
import Metadata
import MetadataCache
import TestSupport
import XCTest

let standInToken = "metadata-token-7d1e"

let sharedTransport: CurlTransport = {
    do { return try CurlTransport() } catch { fatalError("no curl transport: \(error)") }
}()

/// Wall time that moves only when a test says so (for the cache's freshness rules); the limiter
/// keeps real time, which is fine: these tests make a handful of requests.
final class TestClock: Sendable {
    private let time = LockedBox<Double>(1_800_000_000)
    var now: Double { time.value }
    func advance(by seconds: Double) { time.mutate { $0 += seconds } }
    var function: @Sendable () -> Double { { [time] in time.value } }
}

/// Collects notices so a test can count them.
final class NoticeLog: Sendable {
    private let lines = LockedBox<[String]>([])
    var all: [String] { lines.value }
    var sink: @Sendable (String) -> Void { { [lines] line in lines.mutate { $0.append(line) } } }
}

/// Everything one "run of s3play" holds: a cache directory, a limiter on its request store,
/// a client of the stand-in and the source on top.
struct MetadataRig {
    let source: DiscogsMetadataSource
    let cache: MetadataCache
    let client: DiscogsClient
    let notices: NoticeLog
}

extension XCTestCase {
    func makeStandIn(_ adjust: (inout DiscogsStandInConfiguration) -> Void = { _ in }) throws -> DiscogsStandIn {
        var configuration = DiscogsStandInConfiguration(token: standInToken)
        adjust(&configuration)
        let standIn = try DiscogsStandIn(configuration)
        addTeardownBlock { standIn.stop() }
        return standIn
    }

    func makeCacheDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("s3play-metadata-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        return directory
    }

    func makeRig(baseURL: String, directory: URL, clock: TestClock, sharedTier: (any SharedMetadataTier)? = nil,
                 requestTimeout: Double = 5) throws -> MetadataRig {
        let notices = NoticeLog()
        let cache = try MetadataCache.open(configuration: MetadataCacheConfiguration(directory: directory),
                                           clock: clock.function, onNotice: notices.sink)
        var configuration = DiscogsClientConfiguration(baseURL: baseURL, token: standInToken)
        configuration.requestTimeout = requestTimeout
        let limiter = DiscogsRateLimiter(configuration: configuration.rateLimitConfiguration,
                                         store: cache.requestTimeStore, onNotice: notices.sink)
        let client = DiscogsClient(configuration: configuration, transport: sharedTransport, limiter: limiter)
        let source = DiscogsMetadataSource(client: client, limiter: limiter, cache: cache, sharedTier: sharedTier,
                                           clock: clock.function, onNotice: notices.sink)
        return MetadataRig(source: source, cache: cache, client: client, notices: notices)
    }
}

/// A shared tier in memory, for the tier logic; S3SharedMetadataTierTests uses SeaweedFS.
final class InMemorySharedTier: SharedMetadataTier {
    private let documents = LockedBox<[String: SharedMetadataDocument]>([:])
    private let clock: TestClock
    let reads = LockedBox(0)

    init(clock: TestClock) { self.clock = clock }

    func read(key: String) throws -> SharedMetadataDocument? {
        reads.mutate { $0 += 1 }
        return documents.value[key]
    }

    func write(key: String, body: [UInt8]) throws {
        let now = clock.now
        documents.mutate { $0[key] = SharedMetadataDocument(body: body, fetchedAt: now) }
    }

    var keys: [String] { documents.value.keys.sorted() }
}

extension DiscogsLookup {
    var artistName: String? {
        if case .artist(let artist)? = decoded { return artist.name }
        return nil
    }
}
