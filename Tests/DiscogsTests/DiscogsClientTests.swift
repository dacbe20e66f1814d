import Discogs
import DiscogsRateLimiting
import Foundation
import HTTPTransport
import TestSupport
import XCTest

/// Requests, headers, statuses and failures against the stand-in over the real curl transport.
final class DiscogsClientTests: XCTestCase {
    func testRequestsCarryUserAgentAcceptAndTheTokenOnlyAsAHeader() throws {
        let standIn = try makeStandIn()
        let recorder = RecordingTransport()
        let client = makeClient(standIn, transport: recorder)
        // Search needs the token at the stand-in, as at Discogs.
        let page = try client.search(DiscogsSearchQuery(q: "Ветер", type: .artist))
        XCTAssertEqual(page.results.map(\.id), [1003, 1005])

        let request = try XCTUnwrap(recorder.requests.first)
        XCTAssertEqual(recorder.requests.count, 1)
        XCTAssertEqual(request.url, standIn.baseURL + "/database/search?q=%D0%92%D0%B5%D1%82%D0%B5%D1%80&type=artist&page=1&per_page=50")
        XCTAssertEqual(request.headers.map(\.name), ["User-Agent", "Accept", "Authorization"])
        XCTAssertEqual(request.headers.map(\.value), [
            "s3play/\(DiscogsClientConfiguration.s3playVersion) +https://github.com/s3play/s3play",
            "application/vnd.discogs.v2.discogs+json", "Discogs token=\(standInToken)",
        ])
        XCTAssertEqual(standIn.requestLog.map(\.target), ["/database/search?q=%D0%92%D0%B5%D1%82%D0%B5%D1%80&type=artist&page=1&per_page=50"])
        XCTAssertFalse(standIn.requestLog.contains { $0.target.contains(standInToken) })
    }

    func testWithoutATokenNoAuthorizationIsSentAndTheLowerBudgetApplies() throws {
        let standIn = try makeStandIn()
        let recorder = RecordingTransport()
        let client = makeClient(standIn, token: nil, transport: recorder)
        XCTAssertEqual(try client.release(id: 3001)?.title, "Canción del Café")
        XCTAssertEqual(recorder.requests.first?.headers.map(\.name), ["User-Agent", "Accept"])
        XCTAssertEqual(client.configuration.rateLimitConfiguration, .unauthenticated)
        XCTAssertThrowsError(try client.search(DiscogsSearchQuery(q: "Ветер"))) { error in
            XCTAssertEqual(error as? DiscogsError, .tokenRequired, "Discogs' search needs authentication")
        }
        XCTAssertEqual(standIn.requestLog.count, 1, "the search was not sent")
    }

    func testAWrongTokenIsUnauthorizedAndTheMessageNeverShowsIt() throws {
        let standIn = try makeStandIn()
        let secret = "wrong-secret-token-81c2"
        let client = makeClient(standIn, token: secret)
        XCTAssertThrowsError(try client.artist(id: 1001)) { error in
            let discogsError = error as? DiscogsError
            XCTAssertEqual(discogsError, .unauthorized)
            let text = "\(error) \(String(describing: discogsError)) \(client.configuration)"
            XCTAssertFalse(text.contains(secret), text)
            XCTAssertEqual(discogsError?.description,
                           "Discogs refused the token: check DISCOGS_TOKEN or discogs.token in the config file.")
            XCTAssertEqual(discogsError?.isServiceUnavailable, false)
        }
        XCTAssertEqual(standIn.requestLog.map(\.status), [401], "no retry of a refused token")
    }

    func testAnEmptyUserAgentIsForbiddenAndNotRetried() throws {
        let standIn = try makeStandIn()
        let client = makeClient(standIn) { $0.userAgent = "" }
        XCTAssertThrowsError(try client.artist(id: 1001)) { error in
            XCTAssertEqual(error as? DiscogsError, .forbidden)
        }
        XCTAssertEqual(standIn.requestLog.map(\.status), [403])
    }

    func testAnUnknownIdIsNotFoundNotAnError() throws {
        let standIn = try makeStandIn()
        let client = makeClient(standIn)
        XCTAssertEqual(try client.fetchDocument(.artist(id: 999)), .notFound)
        XCTAssertNil(try client.master(id: 2999))
        XCTAssertNil(try client.masterVersions(id: 2999))
        XCTAssertEqual(standIn.requestLog.map(\.status), [404, 404, 404])
        XCTAssertEqual(client.requestCount, 3)
    }

    func testFoundBytesAreTheBodyAndDecodeLater() throws {
        let standIn = try makeStandIn()
        let client = makeClient(standIn)
        guard case .found(let bytes, _) = try client.fetchDocument(.master(id: 2006)) else { return XCTFail("not found") }
        guard case .master(let master) = try DiscogsDocument.decode(bytes, as: .master(id: 2006)) else {
            return XCTFail("not a master")
        }
        XCTAssertEqual(master.title, "Полярная Ночь")
        XCTAssertThrowsError(try DiscogsDocument.decode(bytes, as: .search(DiscogsSearchQuery(q: "x")))) { error in
            XCTAssertEqual(error as? DiscogsError, .malformedResponse(reason: "no \"results\""))
        }
    }

    func testOne500IsRetriedOnceAndSucceeds() throws {
        let standIn = try makeStandIn()
        standIn.setFailureMode(.serverError, count: 1)
        let client = makeClient(standIn)
        XCTAssertEqual(try client.artist(id: 1002)?.name, "月光の楽団")
        XCTAssertEqual(standIn.requestLog.map(\.status), [500, 200])
    }

    func testPersistent500sFailAfterOneRetryWithAOneLineMessage() throws {
        let standIn = try makeStandIn()
        standIn.setFailureMode(.serverError)
        let client = makeClient(standIn)
        XCTAssertThrowsError(try client.release(id: 3004)) { error in
            let discogsError = error as? DiscogsError
            XCTAssertEqual(discogsError, .serverError(status: 500, message: "An internal server error occurred."))
            // Discogs' own message, as its body gave it.
            XCTAssertEqual(discogsError?.description,
                           "Discogs is having trouble (HTTP 500: An internal server error occurred.): try again later.")
            XCTAssertEqual(discogsError?.isServiceUnavailable, true)
        }
        XCTAssertEqual(standIn.requestLog.map(\.status), [500, 500])
    }

    func testASlowAnswerTimesOutAsUnreachable() throws {
        let standIn = try makeStandIn()
        standIn.setFailureMode(.slow(.seconds(10)), count: 1)
        let client = makeClient(standIn) { $0.requestTimeout = 0.5 }
        let started = Date()
        XCTAssertThrowsError(try client.artist(id: 1001)) { error in
            guard case .unreachable(let reason)? = error as? DiscogsError else { return XCTFail("\(error)") }
            XCTAssertEqual(reason, "timed out: no data received for 0.5 s")
            XCTAssertEqual((error as? DiscogsError)?.description,
                           "Cannot reach Discogs (timed out: no data received for 0.5 s): check the network connection or DISCOGS_API_URL.")
            XCTAssertEqual((error as? DiscogsError)?.isServiceUnavailable, true)
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 5, "the timeout, not the stand-in's 10 s")
        XCTAssertEqual(client.requestCount, 1)
    }

    func testATruncatedBodyIsAMalformedResponse() throws {
        let standIn = try makeStandIn()
        standIn.setFailureMode(.malformed, count: 1)
        let client = makeClient(standIn)
        XCTAssertThrowsError(try client.master(id: 2001)) { error in
            let discogsError = error as? DiscogsError
            XCTAssertEqual(discogsError, .malformedResponse(reason: "not JSON"))
            XCTAssertEqual(discogsError?.description, "Discogs sent an answer s3play cannot read (not JSON): try again later.")
            XCTAssertEqual(discogsError?.isServiceUnavailable, true)
        }
        XCTAssertEqual(standIn.requestLog.map(\.status), [200])
        XCTAssertEqual(try client.master(id: 2001)?.id, 2001, "the next answer is fine again")
    }

    func testNothingListeningIsUnreachable() throws {
        let standIn = try makeStandIn()
        let client = makeClient(standIn)
        standIn.stop()
        XCTAssertThrowsError(try client.artist(id: 1001)) { error in
            guard case .unreachable? = error as? DiscogsError else { return XCTFail("\(error)") }
            XCTAssertFalse((error as? DiscogsError)?.description.contains("\n") ?? true)
        }
    }

    func testACancelledPrefetchIsNeverSent() throws {
        let standIn = try makeStandIn()
        let time = VirtualTime()
        // A ceiling below the prefetch reserve: a prefetch can only wait.
        let limiter = DiscogsRateLimiter(configuration: DiscogsRateLimitConfiguration(ceiling: 5, prefetchReservedSlots: 10),
                                         clock: time.limiterClock)
        let client = DiscogsClient(configuration: DiscogsClientConfiguration(baseURL: standIn.baseURL, token: standInToken),
                                   transport: sharedTransport, limiter: limiter)
        let outcome = ResultSlots<DiscogsError>(count: 1)
        let done = DispatchSemaphore(value: 0)
        Thread {
            do throws(DiscogsError) { _ = try client.fetchDocument(.artist(id: 1001), priority: .prefetch) } catch {
                outcome[0] = error
            }
            done.signal()
        }.start()
        XCTAssertTrue(time.limiterClock.waitForSleepers { $0 == 1 })
        limiter.cancelPrefetch()
        XCTAssertEqual(done.wait(timeout: .now() + 10), .success)
        XCTAssertEqual(outcome[0], .cancelled)
        XCTAssertEqual(client.requestCount, 0)
        XCTAssertEqual(standIn.requestLog.count, 0)
    }
}
