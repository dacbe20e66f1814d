import Foundation
import HTTPTransport
import S3
import TestSupport
import XCTest

/// SeaweedFS behind a TLS proxy whose certificate a private CA signed (made by the test): without
/// AWS_CA_BUNDLE the one-line error names the CA-bundle settings; with it, list and read work.
final class S3PrivateCAIntegrationTests: XCTestCase {
    private var proxy: TLSTestProxy!
    private var home: URL!

    override func setUpWithError() throws {
        proxy = try TLSTestProxy()
        home = FileManager.default.temporaryDirectory.appendingPathComponent("s3play-ca-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home.appendingPathComponent(".aws"), withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        // setUp may have stopped before making them (a skipped test: no SeaweedFS in the unit tier).
        proxy?.stop()
        if let home { try? FileManager.default.removeItem(at: home) }
    }

    /// SeaweedFS's keys from the run's environment, HOME and the CA settings from the test.
    private func environment(_ extra: [String: String]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        for name in ["AWS_PROFILE", "AWS_CA_BUNDLE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"] { env[name] = nil }
        env["HOME"] = home.path
        return env.merging(extra) { $1 }
    }

    /// A client as the CLI makes one: the transport gets the bundle the settings name.
    private func client(_ env: [String: String]) throws -> (S3Client, CurlTransport) {
        var configuration = HTTPTransportConfiguration()
        configuration.caBundlePath = try S3ClientSettings.caBundlePath(environment: env, profile: nil)
        let transport = try CurlTransport(configuration: configuration)
        let settings = try S3ClientSettings.resolve(environment: env, endpointURL: proxy.endpoint)
        return (S3Client(settings: settings, transport: transport, sleep: { _ in }), transport)
    }

    private func bucketWithSong() throws -> String {
        let seaweed = try SeaweedFS.client()
        let bucket = try SeaweedFS.makeBucket(seaweed)
        try seaweed.putObject(bucket: bucket, key: "a/song.mp3", body: Array("private CA body".utf8))
        return bucket
    }

    func testUntrustedCertificateNamesTheCABundleSettings() throws {
        let bucket = try bucketWithSong()
        let (client, transport) = try client(environment([:]))
        defer { transport.shutdown() }
        XCTAssertThrowsError(try client.listObjectsPage(bucket: bucket)) { error in
            guard case .untrustedCertificate(_, _, nil) = error as? S3Error else { return XCTFail("\(error)") }
            let line = String(describing: error)
            XCTAssertTrue(line.contains("AWS_CA_BUNDLE") && line.contains("ca_bundle"), line)
            XCTAssertTrue(line.contains("https://127.0.0.1:"), line)
            XCTAssertFalse(line.contains("\n"))
        }
    }

    func testAWSCABundleLetsTheClientListAndRead() throws {
        let bucket = try bucketWithSong()
        let (client, transport) = try client(environment(["AWS_CA_BUNDLE": proxy.caBundle]))
        defer { transport.shutdown() }
        XCTAssertEqual(client.settings.caBundle, proxy.caBundle)
        XCTAssertEqual(try client.listObjectsPage(bucket: bucket).objects.map(\.key), ["a/song.mp3"])
        XCTAssertEqual(try client.getObjectBytes(bucket: bucket, key: "a/song.mp3"), Array("private CA body".utf8))
    }

    func testProfileCABundleIsUsedAndAnotherCAsBundleIsNamedInTheError() throws {
        let bucket = try bucketWithSong()
        try "[default]\nca_bundle = \(proxy.caBundle)\n[profile other]\nca_bundle = \(proxy.unrelatedCABundle)\n"
            .write(to: home.appendingPathComponent(".aws/config"), atomically: true, encoding: .utf8)
        let (good, goodTransport) = try client(environment([:]))
        defer { goodTransport.shutdown() }
        XCTAssertEqual(try good.getObjectBytes(bucket: bucket, key: "a/song.mp3"), Array("private CA body".utf8))

        let (bad, badTransport) = try client(environment(["AWS_PROFILE": "other"]))
        defer { badTransport.shutdown() }
        XCTAssertThrowsError(try bad.listObjectsPage(bucket: bucket)) { error in
            let line = String(describing: error)
            XCTAssertTrue(line.contains("not signed by the CA bundle \(proxy.unrelatedCABundle)"), line)
        }
        // The environment wins over the profile, as in botocore.
        let (both, bothTransport) = try client(environment(["AWS_PROFILE": "other", "AWS_CA_BUNDLE": proxy.caBundle]))
        defer { bothTransport.shutdown() }
        XCTAssertEqual(try both.listObjectsPage(bucket: bucket).objects.count, 1)
    }

    func testAMissingCABundleFileIsRefusedNamingTheSetting() throws {
        XCTAssertThrowsError(try S3ClientSettings.caBundlePath(environment: environment(["AWS_CA_BUNDLE": "/nonexistent/ca.pem"]),
                                                               profile: nil)) { error in
            XCTAssertEqual(String(describing: error),
                           "The CA bundle /nonexistent/ca.pem from AWS_CA_BUNDLE cannot be read (no such file): point it at a PEM file with the CA's certificate, or unset it.")
        }
    }
}
