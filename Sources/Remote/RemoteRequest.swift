/// One thing a remote asks the running player to do, as `cmus-remote` asks cmus. The player
/// maps these onto its own commands; this module never sees the player.
public enum RemoteRequest: Sendable, Equatable {
    case play
    case pause
    case toggle
    case next
    case prev
    case stop
    /// To `seconds` from the start, or by `seconds` (negative: back) when `relative`.
    case seek(seconds: Double, relative: Bool)
    /// To `percent` (0–100), or by `percent` (negative: down) when `relative`.
    case volume(percent: Int, relative: Bool)
    /// An `s3://BUCKET/KEY` or an absolute local path, appended to the queue.
    case add(source: String)
    case clear
    case status

    /// The command's name on the wire and on the command line.
    public var command: String {
        switch self {
        case .play: "play"
        case .pause: "pause"
        case .toggle: "toggle"
        case .next: "next"
        case .prev: "prev"
        case .stop: "stop"
        case .seek: "seek"
        case .volume: "vol"
        case .add: "add"
        case .clear: "clear"
        case .status: "status"
        }
    }
}

/// What the player answers.
public enum RemoteResponse: Sendable, Equatable {
    /// Done; nothing to report.
    case done
    /// The answer to `.status`.
    case status(RemoteStatus)
    /// Not done, with one line saying why ("nothing to seek in", "unknown command 'x'").
    case failure(String)
}
