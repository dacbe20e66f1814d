import Discogs
import DiscogsRateLimiting
import XCTest

/// Request targets, cache keys, configuration and durations: pure values, no server.
final class DiscogsResourceTests: XCTestCase {
    func testPathsAndQueriesAreEncodedInAFixedOrder() {
        XCTAssertEqual(DiscogsResource.artist(id: 1005).pathAndQuery, "/artists/1005")
        XCTAssertEqual(DiscogsResource.release(id: 3001).pathAndQuery, "/releases/3001")
        XCTAssertEqual(DiscogsResource.master(id: 2001).pathAndQuery, "/masters/2001")
        XCTAssertEqual(DiscogsResource.artistReleases(id: 1001).pathAndQuery,
                       "/artists/1001/releases?sort=year&sort_order=asc&page=1&per_page=50")
        XCTAssertEqual(DiscogsResource.artistReleases(id: 1001, page: 0, perPage: 500, sort: .format, order: .descending).pathAndQuery,
                       "/artists/1001/releases?sort=format&sort_order=desc&page=1&per_page=100", "clamped to Discogs' range")
        XCTAssertEqual(DiscogsResource.masterVersions(id: 2001, page: 3, perPage: 10).pathAndQuery,
                       "/masters/2001/versions?page=3&per_page=10")
        let query = DiscogsSearchQuery(q: "Zoë & Co/op?", type: .release, artist: "", releaseTitle: "100% Café Crème",
                                       track: "a+b", page: 2, perPage: 25)
        XCTAssertEqual(DiscogsResource.search(query).pathAndQuery,
                       "/database/search?q=Zo%C3%AB%20%26%20Co%2Fop%3F&type=release&release_title=100%25%20Caf%C3%A9%20Cr%C3%A8me"
                           + "&track=a%2Bb&page=2&per_page=25")
    }

    func testCacheKeysAreThePathAndEqualForEqualRequests() {
        let a = DiscogsResource.search(DiscogsSearchQuery(q: "x", artist: ""))
        let b = DiscogsResource.search(DiscogsSearchQuery(q: "x"))
        XCTAssertEqual(a, b, "an empty filter is no filter")
        XCTAssertEqual(a.cacheKey, "/database/search?q=x&page=1&per_page=50")
        XCTAssertEqual(DiscogsResource.artist(id: 1).cacheKey, DiscogsResource.artist(id: 1).pathAndQuery)
        XCTAssertNotEqual(DiscogsResource.artist(id: 1).cacheKey, DiscogsResource.master(id: 1).cacheKey)
    }

    func testConfigurationFromEnvironment() {
        let plain = DiscogsClientConfiguration.fromEnvironment([:])
        XCTAssertEqual(plain.baseURL, "https://api.discogs.com")
        XCTAssertNil(plain.token)
        XCTAssertEqual(plain.rateLimitConfiguration, .unauthenticated)
        XCTAssertEqual(plain.userAgent, "s3play/0.1.0 +https://github.com/s3play/s3play")
        XCTAssertEqual(plain.maxRateLimitRetries, 20)

        let set = DiscogsClientConfiguration.fromEnvironment(["DISCOGS_API_URL": "http://127.0.0.1:8080/",
                                                              "DISCOGS_TOKEN": "abc123secret"])
        XCTAssertEqual(set.baseURL, "http://127.0.0.1:8080")
        XCTAssertEqual(set.token, "abc123secret")
        XCTAssertEqual(set.rateLimitConfiguration, .authenticated)
        XCTAssertEqual(DiscogsClientConfiguration.fromEnvironment(["DISCOGS_TOKEN": ""]).token, nil,
                       "an empty variable is no token")
    }

    func testTheConfigurationsDescriptionRedactsTheToken() {
        let configuration = DiscogsClientConfiguration(baseURL: "https://api.discogs.com", token: "abc123secret")
        XCTAssertEqual(configuration.description, "Discogs at https://api.discogs.com, token set (redacted), "
            + "User-Agent \"s3play/0.1.0 +https://github.com/s3play/s3play\", up to 20 rate-limit retries, timeout 20.0 s, at most 30.0 s a request")
        XCTAssertFalse("\(configuration)".contains("abc123secret"))
        XCTAssertFalse(String(reflecting: configuration).contains("abc123secret"))
    }

    func testDurations() {
        XCTAssertEqual(DiscogsDuration.seconds("0:12"), 12)
        XCTAssertEqual(DiscogsDuration.seconds("12:05"), 725)
        XCTAssertEqual(DiscogsDuration.seconds("1:02:15"), 3735)
        XCTAssertEqual(DiscogsDuration.seconds(" 3:30 "), 210)
        for unreadable in ["", "3", "3:75", "a:bc", "1:2:3:4", "-1:00", "3:", "½:30"] {
            XCTAssertNil(DiscogsDuration.seconds(unreadable), unreadable)
        }
    }

    func testEveryErrorDescriptionIsOneLine() {
        let errors: [DiscogsError] = [.unauthorized, .forbidden, .rateLimited(attempts: 21), .serverError(status: 502),
                                      .unreachable(reason: "a\nb"), .malformedResponse(reason: "x"),
                                      .unexpectedStatus(400), .cancelled]
        for error in errors {
            XCTAssertFalse(error.description.contains("\n"), error.description)
            XCTAssertTrue(error.description.hasSuffix("."), error.description)
        }
        XCTAssertEqual(errors.map(\.isServiceUnavailable), [false, false, true, true, true, true, false, false])
    }
}
