import ArgumentParser
import Foundation
import HTTPTransport
import S3

/// Options every command that talks to S3 shares.
struct StorageOptions: ParsableArguments {
    @Option(name: .customLong("endpoint-url"),
            help: "S3-compatible endpoint, e.g. http://127.0.0.1:8333 (overrides AWS_ENDPOINT_URL_S3).")
    var endpointURL: String?

    @Option(help: "AWS profile to use (overrides AWS_PROFILE).")
    var profile: String?

    @Option(name: .customLong("request-payer"),
            help: ArgumentHelp("Pay for reading a requester-pays bucket: the only value is requester.",
                               discussion: "Sends x-amz-request-payer: requester (overrides request_payer in the AWS profile)."))
    var requestPayer: String?

    /// A client over the process's one transport (`ProcessTransport`): the library's client and
    /// playback's share its warm connections.
    func makeClient() throws(CommandFailure) -> S3Client {
        if let payer = requestPayer, payer != "requester" {
            throw CommandFailure("--request-payer takes only requester (for requester-pays buckets), not '\(payer)'.")
        }
        let transport = try ProcessTransport.shared(profile: profile)
        do {
            // The same transport fetches role, SSO, container and instance credentials.
            var settings = try S3ClientSettings.resolve(environment: ProcessInfo.processInfo.environment,
                                                        endpointURL: endpointURL, profile: profile, transport: transport)
            if let requestPayer { settings.requestPayer = requestPayer }
            return S3Client(settings: settings, transport: transport)
        } catch {
            throw CommandFailure(String(describing: error))
        }
    }
}

/// A failure already phrased for the user: printed as one line on stderr, exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

extension ParsableCommand {
    /// Runs `body`, turning any failure into one line on stderr and exit status 1 (never a
    /// stack dump, never a secret: the errors' descriptions are written to leave them out).
    func reportingFailures(_ body: () throws -> Void) throws {
        try reportingFailuresOutsideCommand(body)
    }
}

/// `reportingFailures` for code shared by several commands.
func reportingFailuresOutsideCommand(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        StandardError.writeLine("s3play: \(error)")
        throw ExitCode(1)
    }
}

extension HTTPTransportConfiguration {
    /// S3PLAY_LOW_SPEED_LIMIT (bytes per second, 0 = off) and S3PLAY_LOW_SPEED_TIME (seconds):
    /// the minimum transfer rate below which an S3 transfer counts as stalled (docs/configuration.md).
    mutating func applyLowSpeedSettings(_ environment: [String: String]) throws(CommandFailure) {
        if let text = environment["S3PLAY_LOW_SPEED_LIMIT"] {
            guard let value = Double(text), value >= 0, value.isFinite else {
                throw CommandFailure("S3PLAY_LOW_SPEED_LIMIT must be a number of bytes per second (0 turns the check off), not '\(text)'.")
            }
            lowSpeedBytesPerSecond = value
        }
        if let text = environment["S3PLAY_LOW_SPEED_TIME"] {
            guard let value = Double(text), value > 0, value.isFinite else {
                throw CommandFailure("S3PLAY_LOW_SPEED_TIME must be a number of seconds above 0, not '\(text)'.")
            }
            lowSpeedWindow = value
        }
    }
}
