import Foundation
import HTTPTransport
import TestSupport
import XCTest

/// libcurl ignores an uppercase HTTP_PROXY for http:// URLs; the AWS CLI honours it, so s3play does.
final class UppercaseProxyTests: XCTestCase {
    func testUppercaseHTTPProxyCarriesHTTPRequestsWhenTheLowercaseOneIsUnset() throws {
        let proxy = try ScriptedHTTPServer { _ in .ok(Array("via proxy".utf8)) }
        defer { proxy.stop() }
        var configuration = HTTPTransportConfiguration()
        configuration.applyUppercaseProxy(environment: ["HTTP_PROXY": proxy.endpoint])
        XCTAssertEqual(configuration.httpProxy, proxy.endpoint)
        let transport = try CurlTransport(configuration: configuration)
        defer { transport.shutdown() }
        // Port 9 (discard) on loopback: nothing answers there, so the bytes can only come from the proxy.
        let response = try transport.send(HTTPRequest(url: "http://127.0.0.1:9/bucket/key"))
        XCTAssertEqual(try response.readAll(limit: 1024), Array("via proxy".utf8))
        XCTAssertEqual(proxy.requests.map(\.target), ["http://127.0.0.1:9/bucket/key"], "absolute-form: a proxy request")
    }

    func testLowercaseProxyIsLeftToLibcurlAndNoProxyIsKept() {
        var lowercase = HTTPTransportConfiguration()
        lowercase.applyUppercaseProxy(environment: ["http_proxy": "http://a:1", "HTTP_PROXY": "http://b:2"])
        XCTAssertNil(lowercase.httpProxy)
        var upper = HTTPTransportConfiguration()
        upper.applyUppercaseProxy(environment: ["HTTP_PROXY": "http://b:2", "NO_PROXY": "127.0.0.1,localhost"])
        XCTAssertEqual(upper.noProxy, "127.0.0.1,localhost")
    }

    func testNoProxyHostsBypassTheUppercaseProxy() throws {
        let proxy = try ScriptedHTTPServer { _ in .ok(Array("via proxy".utf8)) }
        let origin = try ScriptedHTTPServer { _ in .ok(Array("direct".utf8)) }
        defer { proxy.stop(); origin.stop() }
        var configuration = HTTPTransportConfiguration()
        configuration.applyUppercaseProxy(environment: ["HTTP_PROXY": proxy.endpoint, "NO_PROXY": "127.0.0.1"])
        let transport = try CurlTransport(configuration: configuration)
        defer { transport.shutdown() }
        let response = try transport.send(HTTPRequest(url: origin.endpoint + "/k"))
        XCTAssertEqual(try response.readAll(limit: 1024), Array("direct".utf8))
        XCTAssertEqual(proxy.requests.count, 0)
    }
}
