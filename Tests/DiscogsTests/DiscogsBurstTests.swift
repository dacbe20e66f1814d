import Discogs
import DiscogsRateLimiting
import Foundation
import TestSupport
import XCTest

/// The required behaviour: bursts of lookups against the stand-in's 60-a-minute window,
/// in virtual time (the limiter and the stand-in read one clock), checked on the stand-in's log.
final class DiscogsBurstTests: XCTestCase {
    /// Every lookup answered as the fixtures say: found, or 404 for the unknown id.
    private func assertAnswered(_ results: [Result<DiscogsFetchResult, DiscogsError>?], offset: Int = 0,
                                file: StaticString = #filePath, line: UInt = #line) {
        for (index, result) in results.enumerated() {
            let resource = burstResource(index + offset)
            switch result {
            case .success(.notFound)?:
                XCTAssertEqual(resource, .artist(id: 999), "lookup \(index)", file: file, line: line)
            case .success(.found)?:
                XCTAssertNotEqual(resource, .artist(id: 999), "lookup \(index)", file: file, line: line)
            case .failure(let error)?:
                XCTFail("lookup \(index) of \(resource.summary): \(error)", file: file, line: line)
            case nil:
                XCTFail("lookup \(index) never returned", file: file, line: line)
            }
        }
    }

    private func burst(_ count: Int, offset: Int = 0, threads: Int, client: DiscogsClient,
                       time: VirtualTime) -> [Result<DiscogsFetchResult, DiscogsError>?] {
        let results = ResultSlots<Result<DiscogsFetchResult, DiscogsError>>(count: count)
        let perThread = (count + threads - 1) / threads
        runSimulated(threads: threads, time: time) { thread in
            for index in (thread * perThread)..<min(count, (thread + 1) * perThread) {
                do throws(DiscogsError) {
                    results[index] = .success(try client.fetchDocument(burstResource(index + offset)))
                } catch {
                    results[index] = .failure(error)
                }
            }
        }
        return results.all
    }

    func testThreeHundredLookupsAtOnceAreAllAnsweredWithoutA429OrAnOverfullWindow() throws {
        let time = VirtualTime()
        let standIn = try makeStandIn(time: time)
        let client = makeClient(standIn, time: time, unboundedWait)

        assertAnswered(burst(300, threads: 300, client: client, time: time))

        let log = standIn.requestLog
        XCTAssertEqual(log.count, 300)
        XCTAssertEqual(client.requestCount, 300)
        XCTAssertEqual(log.count { $0.status == 429 }, 0)
        XCTAssertEqual(log.count { $0.status == 404 }, 300 / burstResources.count)
        XCTAssertEqual(maxRequestsInAnyWindow(log.map(\.seconds), length: 60), 55, "the limiter's ceiling, 5 below Discogs' 60")
        // 55 a window: 5 full windows and 25 more at 300 s.
        XCTAssertEqual(log.map(\.seconds).max(), 300)
        XCTAssertEqual(log.count { $0.seconds == 300 }, 25)
    }

    func testARestartInTheMiddleOfABurstContinuesTheWindowFromDisk() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let time = VirtualTime()
        let standIn = try makeStandIn(time: time)
        let first = makeClient(standIn, time: time, store: FileRequestTimeStore(directory: directory), unboundedWait)
        assertAnswered(burst(100, threads: 100, client: first, time: time))
        XCTAssertEqual(standIn.requestLog.count { $0.seconds == 60 }, 45, "55 at 0 s, 45 at 60 s")

        // A new process: new limiter and client, the same request-time file.
        let second = makeClient(standIn, time: time, store: FileRequestTimeStore(directory: directory), unboundedWait)
        assertAnswered(burst(200, offset: 100, threads: 100, client: second, time: time), offset: 100)

        let log = standIn.requestLog
        XCTAssertEqual(log.count, 300)
        XCTAssertEqual(second.requestCount, 200)
        XCTAssertEqual(log.count { $0.status == 429 }, 0)
        XCTAssertEqual(log.count { $0.seconds == 60 }, 55, "the second run only filled the window up to 55")
        XCTAssertEqual(maxRequestsInAnyWindow(log.map(\.seconds), length: 60), 55)
    }

    /// One thread: requests already in flight when the server lowers its limit cannot learn of it,
    /// so only a sequential client can promise a single 429.
    func testTheClientFollowsALimitTheServerLowersMidRun() throws {
        let time = VirtualTime()
        let standIn = try makeStandIn(time: time)
        let client = makeClient(standIn, time: time, unboundedWait)
        assertAnswered(burst(30, threads: 1, client: client, time: time))

        standIn.setLimit(20)  // below the 30 already in the window: the next request gets the 429
        assertAnswered(burst(60, offset: 30, threads: 1, client: client, time: time), offset: 30)

        let log = standIn.requestLog
        XCTAssertEqual(log.map(\.status).filter { $0 == 429 }.count, 1)
        XCTAssertEqual(log[30].status, 429)
        XCTAssertEqual(log.count, 91)
        let afterward = log.dropFirst(31)
        XCTAssertEqual(afterward.first?.seconds, 60, "after a 429 without Retry-After: a quiet window")
        // The new limit 20 less the 5 of headroom: 15 a window, at 60, 120, 180 and 240 s.
        XCTAssertEqual(maxRequestsInAnyWindow(afterward.map(\.seconds), length: 60), 15)
        XCTAssertEqual(afterward.map(\.seconds).max(), 240)
    }

    func testA429WithRetryAfterIsWaitedOutAndRetriedNotSurfaced() throws {
        let time = VirtualTime()
        // The server's window is longer than the client believes (120 s against 60), so only
        // Retry-After can tell the client how long to wait.
        let standIn = try makeStandIn(time: time) {
            $0.authenticatedLimit = 3
            $0.window = .seconds(120)
            $0.sendsRetryAfter = true
        }
        // No headroom, so both limiters take the server's 3 at face value and the sequence is exact.
        let limits = DiscogsRateLimitConfiguration(ceiling: 55, serverHeadroom: 0)
        // Another program on the same IP spends the whole budget at 0 s.
        let other = makeClient(standIn, time: time, limits: limits, unboundedWait)
        runSimulated(threads: 1, time: time) { _ in
            for id in 1001...1003 { _ = try? other.artist(id: id) }
        }
        time.limiterClock.advance(by: 10)

        let client = makeClient(standIn, time: time, limits: limits, unboundedWait)
        let artist = ResultSlots<Result<DiscogsArtist?, DiscogsError>>(count: 1)
        runSimulated(threads: 1, time: time) { _ in
            do throws(DiscogsError) { artist[0] = .success(try client.artist(id: 1004)) } catch { artist[0] = .failure(error) }
        }

        XCTAssertEqual(try artist[0]?.get()?.name, "فرقة النخيل")
        XCTAssertEqual(client.requestCount, 2)
        let log = standIn.requestLog
        XCTAssertEqual(log.map(\.status), [200, 200, 200, 429, 200])
        // Retry-After: 110 (the 0 s requests leave the server's window at 120 s). Without it the
        // limiter would have retried at 70 s (a quiet window of its own) and met another 429.
        XCTAssertEqual(log.map(\.seconds), [0, 0, 0, 10, 120])
    }

    func testPersistent429sGiveUpAfterTheConfiguredRetriesAsRateLimited() throws {
        let time = VirtualTime()
        let standIn = try makeStandIn(time: time) { $0.authenticatedLimit = 0 }
        let client = makeClient(standIn, time: time) { $0.maxRateLimitRetries = 3; $0.maxForegroundWait = .infinity }
        let outcome = ResultSlots<Result<DiscogsFetchResult, DiscogsError>>(count: 1)
        runSimulated(threads: 1, time: time) { _ in
            do throws(DiscogsError) { outcome[0] = .success(try client.fetchDocument(.release(id: 3001))) } catch {
                outcome[0] = .failure(error)
            }
        }
        guard case .failure(let error)? = outcome[0] else { return XCTFail("expected an error, got \(String(describing: outcome[0]))") }
        XCTAssertEqual(error, .rateLimited(attempts: 4))
        XCTAssertTrue(error.isServiceUnavailable)
        XCTAssertEqual(standIn.requestLog.map(\.status), [429, 429, 429, 429])
        XCTAssertEqual(standIn.requestLog.map(\.seconds), [0, 60, 120, 180], "each retry after a quiet window")
    }
}

/// Bursts are many foreground lookups at once, each waiting its turn for minutes of virtual time:
/// what is tested here is the limiter's pacing, not the bound on one lookup's wait
/// (DiscogsHostileTests), which would otherwise stop them.
private func unboundedWait(_ configuration: inout DiscogsClientConfiguration) { configuration.maxForegroundWait = .infinity }
