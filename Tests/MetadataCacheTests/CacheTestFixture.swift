import Foundation
import GRDB
import XCTest
@testable import MetadataCache

/// A clock the test moves by hand (seconds since 1970).
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Double

    init(_ now: Double = 1_700_000_000) { current = now }

    var now: Double { lock.withLock { current } }
    func advance(by seconds: Double) { lock.withLock { current += seconds } }
    var function: @Sendable () -> Double { { self.now } }
}

/// Notices a cache sent, in order.
final class NoticeLog: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    var all: [String] { lock.withLock { lines } }
    func append(_ line: String) { lock.withLock { lines.append(line) } }
}

/// A fresh temporary cache directory per test, removed afterwards.
class CacheTestCase: XCTestCase {
    var root: URL!
    var directory: URL { root.appendingPathComponent("cache") }
    var databasePath: String { directory.appendingPathComponent(MetadataCacheConfiguration.fileName).path }
    let clock = TestClock()
    let notices = NoticeLog()

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("MetadataCacheTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    func configuration(memoryEntryLimit: Int = 512) -> MetadataCacheConfiguration {
        MetadataCacheConfiguration(directory: directory, memoryEntryLimit: memoryEntryLimit)
    }

    func openCache(_ configuration: MetadataCacheConfiguration? = nil) throws -> MetadataCache {
        let log = notices
        return try MetadataCache.open(configuration: configuration ?? self.configuration(), clock: clock.function) {
            log.append($0)
        }
    }

    /// Files in the cache directory, sorted.
    func directoryListing() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    func mode(_ path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
    }

    /// `PRAGMA integrity_check` through a separate connection.
    func integrityCheck(_ path: String) throws -> [String] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
    }
}
