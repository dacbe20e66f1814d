import Foundation
import HTTPTransport
import S3
import XCTest

/// The SeaweedFS server `scripts/test` starts once per run, reached through the environment it
/// exports. A plain `swift test` skips these tests; under scripts/test
/// (S3PLAY_REQUIRE_INTEGRATION=1) a missing server fails them, so CI can never pass without
/// talking to a real S3 server.
enum SeaweedFS {
    static var environment: [String: String] { ProcessInfo.processInfo.environment }

    static func endpoint() throws -> String {
        guard let endpoint = environment["S3PLAY_TEST_S3_ENDPOINT"], !endpoint.isEmpty else {
            if environment["S3PLAY_REQUIRE_INTEGRATION"] == "1" {
                throw CommandError("S3PLAY_TEST_S3_ENDPOINT is not set although scripts/test requires the SeaweedFS server")
            }
            throw XCTSkip("S3PLAY_TEST_S3_ENDPOINT is not set: run the integration tests through scripts/test, which starts SeaweedFS")
        }
        return endpoint
    }

    static func settings(endpoint override: String? = nil, secret: String? = nil) throws -> S3ClientSettings {
        var env = environment
        env["AWS_PROFILE"] = nil
        if let secret { env["AWS_SECRET_ACCESS_KEY"] = secret }
        return try S3ClientSettings.resolve(environment: env, endpointURL: override ?? endpoint())
    }

    /// One transport for the whole test run, as the program has one.
    static let transport: CurlTransport = try! CurlTransport()

    static func client(endpoint override: String? = nil, secret: String? = nil,
                       retryPolicy: S3RetryPolicy = S3RetryPolicy(random: { 0 })) throws -> S3Client {
        S3Client(settings: try settings(endpoint: override, secret: secret), transport: transport,
                 retryPolicy: retryPolicy, sleep: { _ in })
    }

    /// A new bucket per test, so tests never see each other's keys.
    static func makeBucket(_ client: S3Client, name: String = #function) throws -> String {
        let cleaned = name.lowercased().filter { $0.isLetter || $0.isNumber }.prefix(40)
        let bucket = "t-\(cleaned)-\(UInt32.random(in: 0...UInt32.max))"
        try client.createBucket(bucket)
        return bucket
    }

    /// Uploads many small objects on a few threads (sequential PUTs would dominate the suite).
    static func putObjects(_ client: S3Client, bucket: String, keys: [String],
                           body: (String) -> [UInt8] = { Array($0.utf8) }) throws {
        let bodies = keys.map(body)
        let failures = LockedBox<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for index in stride(from: worker, to: keys.count, by: 8) {
                do { try client.putObject(bucket: bucket, key: keys[index], body: bodies[index]) }
                catch { failures.mutate { $0.append("\(keys[index]): \(error)") } }
            }
        }
        if let first = failures.value.first { throw CommandError(first) }
    }
}

struct CommandError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

final class LockedBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value { lock.lock(); defer { lock.unlock() }; return stored }
    func mutate(_ change: (inout Value) -> Void) { lock.lock(); change(&stored); lock.unlock() }
}
