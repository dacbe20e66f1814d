import Foundation
import Remote
import TestSupport
import XCTest

/// One HTTP transport per process (issue #13): in the player, a song played after the library
/// used the network reuses the library's warm connection. A proxy in front of SeaweedFS counts
/// the TCP connections the player opens.
final class WarmConnectionTests: XCTestCase {
    private var home: PlayerHome!
    private var proxy: HTTPFaultProxy?

    override func setUpWithError() throws {
        home = try PlayerHome()
    }

    override func tearDown() {
        home?.close()
        proxy?.stop()
    }

    func testASongPlayedAfterARescanReusesTheLibrarysConnection() throws {
        let proxy = try HTTPFaultProxy(upstreamPort: SeaweedFS.port())
        self.proxy = proxy
        home.s3Endpoint = "http://127.0.0.1:\(proxy.port)"
        // Scanned through the proxy too: the catalog belongs to the library as addressed.
        try home.scan()
        let session = try home.startPlayer()
        try session.waitFor("the artists") { $0.first?.hasPrefix("Artists (") == true }

        // The library goes to the bucket: a rescan lists it through the process's transport.
        try session.sendKeys(":")
        try session.sendText("rescan")
        try session.sendKeys("Enter")
        try session.waitFor("the rescan's summary") { $0.last?.hasPrefix("Rescan done:") == true }
        let browsed = proxy.log.snapshot()
        XCTAssertGreaterThan(browsed.requestsByMethod["GET", default: 0], 0, "the rescan listed the bucket through the proxy")
        XCTAssertGreaterThan(browsed.connectionsAccepted, 0)

        // Then a song plays: its ranged reads go out on a connection the rescan left warm.
        let key = try XCTUnwrap(SampleLibrary.keys().first)
        try home.s3play(["remote", "add", "\(home.library)/\(key)"])
        let remote = RemoteClient(location: RemoteSocketLocation(environment: try home.environment), timeoutSeconds: 5)
        XCTAssertEqual(try remote.send(.play), .done)
        try waitUntil("the song's first ranged read") {
            proxy.log.snapshot().exchanges.contains { $0.range != nil && $0.status == 206 }
        }
        let played = proxy.log.snapshot()
        XCTAssertEqual(played.connectionsAccepted, browsed.connectionsAccepted,
                       "playback opened new connections: \(played.exchanges.dropFirst(browsed.requestCount).map(\.target))")
        try home.quit(session)
    }
}
