import Foundation
import HTTPTransport
import S3

/// The one HTTP transport of an `s3play` process (issue #13): the library's listing and scan,
/// playback's ranged reads and Discogs share its libcurl pool, so a song played after browsing
/// reuses the warm connection instead of paying a new TCP (and TLS) handshake. Made on first use
/// with the environment's settings (S3PLAY_LOW_SPEED_*, HTTP_PROXY, AWS_CA_BUNDLE or the profile's
/// ca_bundle); `S3PlayCommand.main` shuts it down when the command ends.
enum ProcessTransport {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var transport: CurlTransport?

    /// `profile` is the AWS profile (`--profile`) whose `ca_bundle` the transport trusts; a
    /// process names at most one, and the first caller makes the transport (the library's client
    /// comes before Discogs in every command that has both). nil: AWS_PROFILE or the default.
    static func shared(profile: String? = nil) throws(CommandFailure) -> CurlTransport {
        lock.lock()
        defer { lock.unlock() }
        if let transport { return transport }
        let environment = ProcessInfo.processInfo.environment
        var configuration = HTTPTransportConfiguration()
        // Discogs requests name their own User-Agent (its terms ask for one per application);
        // this one is S3's and the credential endpoints'.
        configuration.userAgent = "s3play/\(S3PlayCommand.version)"
        // A scan keeps up to 128 tag reads and 6 listing ranges in flight: their connections
        // stay warm for the next read instead of being reopened (per host: no limit).
        configuration.maxPooledConnections = 160
        configuration.applyUppercaseProxy(environment: environment)
        try configuration.applyLowSpeedSettings(environment)
        do {
            // AWS_CA_BUNDLE / ca_bundle: the transport checks every certificate against it.
            configuration.caBundlePath = try S3ClientSettings.caBundlePath(environment: environment, profile: profile)
        } catch {
            throw CommandFailure(String(describing: error))
        }
        let made: CurlTransport
        do {
            made = try CurlTransport(configuration: configuration)
        } catch {
            throw CommandFailure(error.description)
        }
        transport = made
        return made
    }

    /// Cancels what is still in flight and stops the transport's thread: the end of the command.
    static func shutdown() {
        lock.lock()
        let transport = self.transport
        self.transport = nil
        lock.unlock()
        transport?.shutdown()
    }
}
