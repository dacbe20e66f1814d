/// A remote command line that does not parse, as one line for the user.
public struct RemoteRequestError: Error, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension RemoteRequest {
    /// The commands `s3play remote` accepts, for help and error text.
    public static let commandSummary = "play, pause, toggle, next, prev, stop, seek SECONDS, vol N, add SOURCE, clear, status"

    /// Parses the words after `s3play remote`: `["seek", "+5"]`, `["vol", "80"]`, `["add", "a.mp3"]`.
    /// A relative local path given to `add` is made absolute against `workingDirectory`, because the
    /// player resolving it runs in another directory.
    public init(words: [String], workingDirectory: String) throws(RemoteRequestError) {
        guard let name = words.first else {
            throw RemoteRequestError("give a command: \(Self.commandSummary).")
        }
        let arguments = Array(words.dropFirst())
        func noArguments(_ request: RemoteRequest) throws(RemoteRequestError) -> RemoteRequest {
            guard arguments.isEmpty else { throw RemoteRequestError("'\(name)' takes no argument.") }
            return request
        }
        func oneArgument(_ usage: String) throws(RemoteRequestError) -> String {
            guard arguments.count == 1 else { throw RemoteRequestError("usage: \(usage).") }
            return arguments[0]
        }
        switch name {
        case "play": self = try noArguments(.play)
        case "pause": self = try noArguments(.pause)
        case "toggle": self = try noArguments(.toggle)
        case "next": self = try noArguments(.next)
        case "prev": self = try noArguments(.prev)
        case "stop": self = try noArguments(.stop)
        case "clear": self = try noArguments(.clear)
        case "status": self = try noArguments(.status)
        case "seek":
            let (seconds, relative) = try Self.seekTarget(oneArgument("seek SECONDS|+SECONDS|-SECONDS|M:SS"))
            self = .seek(seconds: seconds, relative: relative)
        case "vol", "volume":
            let (percent, relative) = try Self.volumeChange(oneArgument("vol N|+N|-N"))
            self = .volume(percent: percent, relative: relative)
        case "add":
            let source = try oneArgument("add SOURCE")
            guard !source.isEmpty else { throw RemoteRequestError("add needs a SOURCE: s3://BUCKET/KEY or a path.") }
            self = .add(source: Self.absoluteSource(source, workingDirectory: workingDirectory))
        default:
            throw RemoteRequestError("unknown remote command '\(name)': use one of \(Self.commandSummary).")
        }
    }

    /// "90", "12.5", "1:30", "1:02:03" (absolute); "+5", "-5", "-1:30" (relative to now).
    public static func seekTarget(_ text: String) throws(RemoteRequestError) -> (seconds: Double, relative: Bool) {
        let invalid = RemoteRequestError("seek takes SECONDS, +SECONDS, -SECONDS or M:SS, not '\(text)'.")
        var body = Substring(text)
        var sign: Double? = nil
        if let first = body.first, first == "+" || first == "-" {
            sign = first == "+" ? 1 : -1
            body = body.dropFirst()
        }
        let parts = body.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count) else { throw invalid }
        var seconds = 0.0
        for (index, part) in parts.enumerated() {
            let isLast = index == parts.count - 1
            // Only digits (and a fraction on the last part): Double("inf"), "1e3" and " 5" are not times.
            guard !part.isEmpty, part.allSatisfy({ $0.isASCII && ($0.isNumber || (isLast && $0 == ".")) }),
                  let value = Double(part) else { throw invalid }
            // Minutes and seconds after a colon are 0–59, as on a clock.
            if index > 0 && value >= 60 { throw invalid }
            seconds = seconds * 60 + value
        }
        guard seconds.isFinite else { throw invalid }
        if let sign { return (sign * seconds, true) }
        return (seconds, false)
    }

    /// "80" (to 80 %), "+5", "-10" (by that many points).
    public static func volumeChange(_ text: String) throws(RemoteRequestError) -> (percent: Int, relative: Bool) {
        var body = Substring(text)
        var sign: Int? = nil
        if let first = body.first, first == "+" || first == "-" {
            sign = first == "+" ? 1 : -1
            body = body.dropFirst()
        }
        guard !body.isEmpty, body.count <= 3, body.allSatisfy({ $0.isASCII && $0.isNumber }),
              let value = Int(body), value <= 100 else {
            throw RemoteRequestError("vol takes N, +N or -N with N from 0 to 100, not '\(text)'.")
        }
        if let sign { return (sign * value, true) }
        return (value, false)
    }

    /// URLs (`s3://…`) and absolute paths pass through; a relative path is joined to `workingDirectory`
    /// without its `.` components. `..` stays: only the kernel knows where it leads through a symlink.
    public static func absoluteSource(_ source: String, workingDirectory: String) -> String {
        if source.hasPrefix("/") || source.contains("://") { return source }
        let components = (workingDirectory + "/" + source).split(separator: "/").filter { $0 != "." }
        return "/" + components.joined(separator: "/")
    }
}
