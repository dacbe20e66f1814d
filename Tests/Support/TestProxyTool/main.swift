// s3play-testproxy: runs HTTPFaultProxy in front of a local S3 server for benchmarks and demos.
// Arguments are parsed by hand: this target must not pull swift-argument-parser into TestSupport's
// dependency graph, and the flags are few.
import Glibc
import TestServers

let usage = """
    usage: s3play-testproxy --upstream-port P [--port 0] [--latency-ms N]
                            [--fail-first N [--fail-status 503] [--fail-code SlowDown]]
                            [--reset-after BYTES [--reset-times K]]
                            [--stall-after BYTES --stall-ms MS [--stall-times K]]
                            [--bandwidth BYTES_PER_SEC] [--max-concurrent N]
    Listens on 127.0.0.1, prints "listening 127.0.0.1:PORT", runs until SIGTERM or SIGINT,
    then prints a one-line summary of the traffic on stderr.
    """

struct UsageError: Error { let message: String }

func parseArguments(_ arguments: [String]) throws(UsageError) -> (upstreamPort: Int, port: Int, plan: ProxyFaultPlan) {
    var values: [String: Int] = [:]
    var failCode = "SlowDown"
    let integerFlags: Set = ["--upstream-port", "--port", "--latency-ms", "--fail-first", "--fail-status",
                             "--reset-after", "--reset-times", "--stall-after", "--stall-ms", "--stall-times",
                             "--bandwidth", "--max-concurrent"]
    var index = 0
    while index < arguments.count {
        let flag = arguments[index]
        guard index + 1 < arguments.count else { throw UsageError(message: "\(flag) needs a value") }
        let value = arguments[index + 1]
        if flag == "--fail-code" {
            guard !value.isEmpty, value.allSatisfy({ $0.isLetter || $0.isNumber }) else {
                throw UsageError(message: "--fail-code must be letters and digits, like SlowDown")
            }
            failCode = value
        } else if integerFlags.contains(flag) {
            guard let number = Int(value), number >= 0 else {
                throw UsageError(message: "\(flag) needs a non-negative integer, got '\(value)'")
            }
            values[flag] = number
        } else {
            throw UsageError(message: "unknown option '\(flag)'")
        }
        index += 2
    }
    guard let upstreamPort = values["--upstream-port"], (1...65535).contains(upstreamPort) else {
        throw UsageError(message: "--upstream-port P (1-65535) is required")
    }
    let port = values["--port"] ?? 0
    guard port <= 65535 else { throw UsageError(message: "--port must be 0-65535") }

    var plan = ProxyFaultPlan()
    if let latency = values["--latency-ms"] { plan = plan.withAddedLatency(.milliseconds(latency)) }
    if let limit = values["--max-concurrent"] {
        guard limit >= 1 else { throw UsageError(message: "--max-concurrent must be at least 1") }
        plan = plan.slowingDownAbove(concurrentRequests: limit)
    }
    if let count = values["--fail-first"] {
        let status = values["--fail-status"] ?? 503
        guard (400...599).contains(status) else { throw UsageError(message: "--fail-status must be 400-599") }
        plan = plan.respondWithStatus(status: status, code: failCode, count: count)
    } else if values["--fail-status"] != nil {
        throw UsageError(message: "--fail-status needs --fail-first N")
    }
    if let bytes = values["--reset-after"] {
        plan = plan.resetAfterResponseBytes(bytes, times: values["--reset-times"] ?? 1)
    }
    if let bytes = values["--stall-after"] {
        guard let milliseconds = values["--stall-ms"] else { throw UsageError(message: "--stall-after needs --stall-ms MS") }
        plan = plan.stallAfterResponseBytes(bytes, for: .milliseconds(milliseconds), times: values["--stall-times"] ?? 1)
    }
    if let rate = values["--bandwidth"] {
        guard rate > 0 else { throw UsageError(message: "--bandwidth must be at least 1 byte per second") }
        plan = plan.withBandwidthLimit(bytesPerSecond: rate)
    }
    return (upstreamPort, port, plan)
}

func summary(_ traffic: ProxyTrafficSnapshot) -> String {
    let methods = traffic.requestsByMethod.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
    let faults = traffic.exchanges.flatMap(\.faults)
    return "s3play-testproxy: \(traffic.requestCount) requests (\(methods.joined(separator: ", "))), "
        + "\(faults.count { $0 == .injectedStatus }) injected, \(faults.count { $0 == .reset }) resets, "
        + "\(faults.count { $0 == .stall }) stalls, \(traffic.totalResponseBytes) response bytes, "
        + "\(traffic.connectionsAccepted) connections"
}

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.contains("--help") || arguments.contains("-h") {
    ToolProcess.writeLine(usage, to: STDOUT_FILENO)
    exit(0)
}
let options: (upstreamPort: Int, port: Int, plan: ProxyFaultPlan)
do {
    options = try parseArguments(arguments)
} catch {
    ToolProcess.writeLine("s3play-testproxy: \(error.message) (see --help)", to: STDERR_FILENO)
    exit(2)
}

let stopSignals = ToolProcess.blockStopSignals()

let proxy: HTTPFaultProxy
do {
    proxy = try HTTPFaultProxy(upstreamPort: options.upstreamPort, plan: options.plan, listenPort: options.port)
} catch {
    ToolProcess.writeLine("s3play-testproxy: cannot listen on 127.0.0.1:\(options.port): \(error)", to: STDERR_FILENO)
    exit(1)
}
ToolProcess.writeLine("listening 127.0.0.1:\(proxy.port)", to: STDOUT_FILENO)

ToolProcess.waitForStopSignal(stopSignals)
proxy.stop()
ToolProcess.writeLine(summary(proxy.log.snapshot()), to: STDERR_FILENO)
exit(0)
