import TestDoubles
import DiscogsRateLimiting
import XCTest

final class FileRequestTimeStoreTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = try temporaryDirectory().appendingPathComponent("state")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory.deletingLastPathComponent())
    }

    func testSavedTimesLoadBackWithVersionAndMode0600() throws {
        let store = FileRequestTimeStore(directory: directory)
        try store.saveRequestTimes([1.5, 2, 3])
        XCTAssertEqual(store.loadRequestTimes(), StoredRequestTimes(times: [1.5, 2, 3]))
        let text = try String(contentsOf: store.fileURL, encoding: .utf8)
        XCTAssertEqual(text, #"{"requestTimes":[1.5,2,3],"version":1}"#)
        let attributes = try FileManager.default.attributesOfItem(atPath: store.fileURL.path)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        // No temporary file left behind.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), [FileRequestTimeStore.fileName])
    }

    func testMissingFileIsAnEmptyWindowWithoutNotice() {
        XCTAssertEqual(FileRequestTimeStore(directory: directory).loadRequestTimes(), StoredRequestTimes(times: []))
    }

    func testCorruptFileGivesOneNoticeAndAnEmptyWindow() throws {
        let store = FileRequestTimeStore(directory: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data("{\"version\":1,\"requestTi".utf8).write(to: store.fileURL)
        let notices = NoticeLog()
        let limiter = DiscogsRateLimiter(clock: ManualRateLimiterClock(now: 100), store: store,
                                         onNotice: { notices.append($0) })
        XCTAssertEqual(notices.lines.count, 1)
        XCTAssertTrue(notices.lines[0].hasPrefix("Ignored unreadable Discogs request times"))
        XCTAssertFalse(notices.lines[0].contains("\n"))
        XCTAssertEqual(limiter.requestTimesInWindow, [])
        // The next request overwrites the corrupt file with a good one.
        limiter.acquire()
        XCTAssertEqual(store.loadRequestTimes(), StoredRequestTimes(times: [100]))
    }

    func testUnknownFormatVersionIsIgnoredWithNotice() throws {
        let store = FileRequestTimeStore(directory: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(#"{"version":2,"requestTimes":[1]}"#.utf8).write(to: store.fileURL)
        let loaded = store.loadRequestTimes()
        XCTAssertEqual(loaded.times, [])
        XCTAssertEqual(loaded.notice, "Ignored Discogs request times in \(store.fileURL.path): format version 2, expected 1.")
    }

    func testLoadingDropsTimesOlderThanTheWindow() throws {
        let store = FileRequestTimeStore(directory: directory)
        try store.saveRequestTimes([100, 139.9, 140.5, 170])
        let limiter = DiscogsRateLimiter(configuration: .authenticatedExactWindow, clock: ManualRateLimiterClock(now: 200), store: store)
        XCTAssertEqual(limiter.requestTimesInWindow, [140.5, 170])
    }

    func testUnwritableDirectoryIsANoticeNotAFailure() throws {
        let blocker = directory.deletingLastPathComponent().appendingPathComponent("file")
        try Data().write(to: blocker)
        let notices = NoticeLog()
        let limiter = DiscogsRateLimiter(clock: ManualRateLimiterClock(now: 0),
                                         store: FileRequestTimeStore(directory: blocker.appendingPathComponent("sub")),
                                         onNotice: { notices.append($0) })
        XCTAssertEqual(limiter.acquire(), .granted(at: 0))
        XCTAssertEqual(notices.lines.count, 1)
        XCTAssertTrue(notices.lines[0].hasPrefix("Could not save Discogs request times"))
    }
}

final class NoticeLog: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String] = []

    func append(_ line: String) {
        lock.lock(); storage.append(line); lock.unlock()
    }

    var lines: [String] {
        lock.lock(); defer { lock.unlock() }
        return storage
    }
}
