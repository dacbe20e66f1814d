import TestDoubles
import DiscogsRateLimiting
import XCTest

final class WindowCeilingTests: XCTestCase {
    func testThreeHundredAcquisitionsFromEightThreadsNeverExceedCeilingInAnyWindow() {
        let clock = ManualRateLimiterClock(now: 0)
        let limiter = DiscogsRateLimiter(configuration: .authenticatedExactWindow, clock: clock)
        let log = GrantLog()

        runSimulated(threads: 8, clock: clock) { index in
            // 300 = 6 threads x 37 + 2 threads x 39
            for _ in 0..<(index < 6 ? 37 : 39) { log.append(limiter.acquire(priority: .foreground)) }
        }

        let times = log.times
        XCTAssertEqual(times.count, 300)
        XCTAssertEqual(maxRequestsInAnyWindow(times, length: 60), 55)
        // 55 per window: 5 full windows (275) then 25 more at t = 300, no sooner and no later.
        XCTAssertEqual(times.filter { $0 == 0 }.count, 55)
        XCTAssertEqual(times.filter { $0 == 240 }.count, 55)
        XCTAssertEqual(times.filter { $0 == 300 }.count, 25)
        XCTAssertEqual(times.last, 300)
    }

    func testMovingWindowFreesSlotsOneByOneAsOldRequestsAge() {
        let clock = ManualRateLimiterClock(now: 1000)
        let limiter = DiscogsRateLimiter(configuration: DiscogsRateLimitConfiguration(ceiling: 3), clock: clock)
        for offset in [0.0, 10, 20] {
            clock.advance(to: 1000 + offset)
            XCTAssertEqual(limiter.acquire(), .granted(at: 1000 + offset))
        }
        let fourth = BackgroundAcquire(limiter, priority: .foreground)
        XCTAssertTrue(clock.waitForSleepers { $0 == 1 })
        XCTAssertEqual(clock.sleeperDeadlines, [1060])
        clock.advance(to: 1059.5)
        XCTAssertTrue(clock.waitForSleepers { $0 == 1 })
        XCTAssertNil(fourth.result)
        clock.advance(to: 1060)
        XCTAssertEqual(fourth.wait(), .granted(at: 1060))
        XCTAssertEqual(limiter.requestTimesInWindow, [1010, 1020, 1060])
    }

    func testRestartMidBurstKeepsTheCeilingAcrossTheRestart() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let clock = ManualRateLimiterClock(now: 0)
        let log = GrantLog()

        let first = DiscogsRateLimiter(configuration: .authenticatedExactWindow, clock: clock,
                                       store: FileRequestTimeStore(directory: directory))
        for _ in 0..<40 { log.append(first.acquire()) }
        clock.advance(to: 30)

        // A new process over the same directory, 30 s into the burst.
        let second = DiscogsRateLimiter(configuration: .authenticatedExactWindow, clock: clock,
                                        store: FileRequestTimeStore(directory: directory))
        XCTAssertEqual(second.requestTimesInWindow.count, 40)
        runSimulated(threads: 8, clock: clock) { _ in
            for _ in 0..<10 { log.append(second.acquire()) }
        }

        let times = log.times
        XCTAssertEqual(times.count, 120)
        XCTAssertEqual(maxRequestsInAnyWindow(times, length: 60), 55)
        // 15 left at t=30; 40 more when the first 40 age out at 60; 15 at 90; the last 10 at 120.
        XCTAssertEqual(times.filter { $0 == 30 }.count, 15)
        XCTAssertEqual(times.filter { $0 == 60 }.count, 40)
        XCTAssertEqual(times.filter { $0 == 90 }.count, 15)
        XCTAssertEqual(times.filter { $0 == 120 }.count, 10)
    }
}
