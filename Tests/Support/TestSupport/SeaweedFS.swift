import Foundation
import HTTPTransport
import S3

/// The SeaweedFS server `scripts/test` starts once per run, reached through the environment it
/// exports. Without it the integration tests skip when run alone (`swift test`) and fail under
/// scripts/test and CI (`TestRequirement`): CI must not pass without talking to a real S3 server.
public enum SeaweedFS {
    static var environment: [String: String] { ProcessInfo.processInfo.environment }

    public static func endpoint() throws -> String {
        try TestRequirement.requireVariable("S3PLAY_TEST_S3_ENDPOINT", what: "SeaweedFS",
                                            fix: "run the tests with scripts/test, which starts SeaweedFS")
    }

    /// The port of the S3 gateway, for proxies placed in front of it.
    public static func port() throws -> Int {
        guard let port = Int(try endpoint().split(separator: ":").last ?? "") else {
            throw TestSupportError("S3PLAY_TEST_S3_ENDPOINT has no port")
        }
        return port
    }

    public static func settings(endpoint override: String? = nil, secret: String? = nil) throws -> S3ClientSettings {
        var env = environment
        env["AWS_PROFILE"] = nil
        // A stand-in or a refused port (an override) checks no signature: any key pair will do
        // when the run has none (the unit tier, a bare `swift test`).
        if override != nil, env["AWS_ACCESS_KEY_ID"] == nil {
            env["AWS_ACCESS_KEY_ID"] = "standin-key"
            env["AWS_SECRET_ACCESS_KEY"] = "standin-secret"
        }
        if let secret { env["AWS_SECRET_ACCESS_KEY"] = secret }
        return try S3ClientSettings.resolve(environment: env, endpointURL: override ?? endpoint())
    }

    /// One transport for the whole test run, as the program has one.
    public static let transport: CurlTransport = try! CurlTransport()

    public static func client(endpoint override: String? = nil, secret: String? = nil,
                       retryPolicy: S3RetryPolicy = S3RetryPolicy(random: { 0 })) throws -> S3Client {
        S3Client(settings: try settings(endpoint: override, secret: secret), transport: transport,
                 retryPolicy: retryPolicy, sleep: { _ in })
    }

    /// A new bucket per test, so tests never see each other's keys.
    public static func makeBucket(_ client: S3Client, name: String = #function) throws -> String {
        let cleaned = name.lowercased().filter { $0.isLetter || $0.isNumber }.prefix(40)
        let bucket = "t-\(cleaned)-\(UInt32.random(in: 0...UInt32.max))"
        try client.createBucket(bucket)
        return bucket
    }

    /// Uploads many small objects on a few threads (sequential PUTs would dominate the suite).
    public static func putObjects(_ client: S3Client, bucket: String, keys: [String],
                           body: (String) -> [UInt8] = { Array($0.utf8) }) throws {
        let bodies = keys.map(body)
        let failures = LockedBox<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for index in stride(from: worker, to: keys.count, by: 8) {
                do { try client.putObject(bucket: bucket, key: keys[index], body: bodies[index]) }
                catch { failures.mutate { $0.append("\(keys[index]): \(error)") } }
            }
        }
        if let first = failures.value.first { throw TestSupportError(first) }
    }
}
