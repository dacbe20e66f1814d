import Foundation
import Glibc

/// A loopback HTTP/1.1 server whose answers come from a closure, for the small AWS endpoints the
/// credential tests stand in for (instance metadata, the container agent, the SSO portal, STS
/// web identity, a bucket in another region). Every request is recorded with its headers and body.
public final class ScriptedHTTPServer: Sendable {
    public struct Request: Sendable {
        public var method: String
        /// Path and query, as sent.
        public var target: String
        public var headers: HTTPHeaderFields
        public var body: [UInt8]

        public var path: Substring { target.prefix { $0 != "?" } }
        public var bodyText: String { String(decoding: body, as: UTF8.self) }

        /// A form-encoded body's (or the query's) parameters, decoded.
        public var formParameters: [String: String] {
            var result: [String: String] = [:]
            let text = method == "GET" ? String(target.drop { $0 != "?" }.dropFirst()) : bodyText
            for pair in text.split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let decode = { (s: Substring) in (String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding) ?? String(s) }
                result[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
            }
            return result
        }
    }

    public let port: Int
    public var endpoint: String { "http://127.0.0.1:\(port)" }
    private let listener: LoopbackListener
    private let journal: LockedBox<[Request]>

    public init(answer: @escaping @Sendable (Request) -> TinyHTTPServer.Response) throws {
        let journal = LockedBox<[Request]>([])
        listener = try LoopbackListener(port: 0) { fd, wake in
            HTTPRequestLoop.serve(fd: fd, wake: wake) { exchange in
                let head = exchange.head
                var body: [UInt8] = []
                try exchange.input.forwardBody(try HTTPBodyFraming.forRequest(head)) { body += $0 }
                let request = Request(method: head.method, target: head.target, headers: head.headers, body: body)
                journal.mutate { $0.append(request) }
                try exchange.send(TinyHTTPServer.encode(answer(request), for: head))
                return true
            }
        }
        self.journal = journal
        port = listener.port
    }

    public var requests: [Request] { journal.value }

    public func stop() { listener.stop() }
}
