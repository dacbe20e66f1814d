// s3play-discogs-standin: runs DiscogsStandIn on 127.0.0.1 for the demo and scripts, since the real
// api.discogs.com is not reachable from the build machines. Arguments are parsed by hand, as in
// s3play-testproxy: TestSupport must not pull swift-argument-parser in, and the flags are few.
import Glibc
import TestServers

let usage = """
    usage: s3play-discogs-standin [--port 0] [--token T] [--limit 60] [--unauthenticated-limit 25]
                                  [--window-seconds 60] [--retry-after] [--log FILE]
                                  [--fail 500|slow|malformed|429|trickle [--fail-count N] [--slow-ms 3000]
                                   [--fail-retry-after VALUE]]
    Serves invented Discogs data on 127.0.0.1, prints "listening 127.0.0.1:PORT", runs until
    SIGTERM or SIGINT. --token: the one token accepted (others get 401; requests without a token
    get the unauthenticated limit). --log: one line per request: seconds, method, target, status.
    --fail 429 answers every request 429, with --fail-retry-after's value as Retry-After (sent as
    given: "999999", an HTTP-date, "-5"); --fail trickle sends each body a byte per --slow-ms.
    """

struct UsageError: Error { let message: String }

func parseArguments(_ arguments: [String]) throws(UsageError) -> DiscogsStandInConfiguration {
    var configuration = DiscogsStandInConfiguration()
    var failure: String?
    var slowMilliseconds = 3000
    var failRetryAfter: String?
    let integerFlags: Set = ["--port", "--limit", "--unauthenticated-limit", "--window-seconds", "--fail-count", "--slow-ms"]
    var index = 0
    while index < arguments.count {
        let flag = arguments[index]
        if flag == "--retry-after" {
            configuration.sendsRetryAfter = true
            index += 1
            continue
        }
        guard index + 1 < arguments.count else { throw UsageError(message: "\(flag) needs a value") }
        let value = arguments[index + 1]
        index += 2
        if integerFlags.contains(flag) {
            guard let number = Int(value), number >= 0 else {
                throw UsageError(message: "\(flag) needs a non-negative integer, got '\(value)'")
            }
            switch flag {
            case "--port":
                guard number <= 65535 else { throw UsageError(message: "--port must be 0-65535") }
                configuration.port = number
            case "--limit": configuration.authenticatedLimit = number
            case "--unauthenticated-limit": configuration.unauthenticatedLimit = number
            case "--window-seconds":
                guard number > 0 else { throw UsageError(message: "--window-seconds must be at least 1") }
                configuration.window = .seconds(number)
            case "--fail-count": configuration.failureCount = number
            default: slowMilliseconds = number
            }
            continue
        }
        switch flag {
        case "--token":
            guard !value.isEmpty else { throw UsageError(message: "--token must not be empty") }
            configuration.token = value
        case "--log": configuration.logPath = value
        case "--fail": failure = value
        case "--fail-retry-after": failRetryAfter = value
        default: throw UsageError(message: "unknown option '\(flag)'")
        }
    }
    switch failure {
    case nil: break
    case "500": configuration.failureMode = .serverError
    case "slow": configuration.failureMode = .slow(.milliseconds(slowMilliseconds))
    case "malformed": configuration.failureMode = .malformed
    case "429": configuration.failureMode = .tooManyRequests(retryAfter: failRetryAfter)
    case "trickle": configuration.failureMode = .trickle(.milliseconds(slowMilliseconds))
    case let other?: throw UsageError(message: "--fail must be 500, slow, malformed, 429 or trickle, got '\(other)'")
    }
    return configuration
}

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.contains("--help") || arguments.contains("-h") {
    ToolProcess.writeLine(usage, to: STDOUT_FILENO)
    exit(0)
}
let configuration: DiscogsStandInConfiguration
do {
    configuration = try parseArguments(arguments)
} catch {
    ToolProcess.writeLine("s3play-discogs-standin: \(error.message) (see --help)", to: STDERR_FILENO)
    exit(2)
}

let stopSignals = ToolProcess.blockStopSignals()

let standIn: DiscogsStandIn
do {
    standIn = try DiscogsStandIn(configuration)
} catch {
    ToolProcess.writeLine("s3play-discogs-standin: \(error)", to: STDERR_FILENO)
    exit(1)
}
ToolProcess.writeLine("listening 127.0.0.1:\(standIn.port)", to: STDOUT_FILENO)

ToolProcess.waitForStopSignal(stopSignals)
standIn.stop()
exit(0)
