import Foundation

/// The line protocol on the socket: one JSON object per line each way, UTF-8, `\n`-terminated.
///
///     → {"command":"seek","relative":true,"seconds":5,"version":1}
///     ← {"ok":true,"version":1}
///     → {"command":"status","version":1}
///     ← {"ok":true,"status":{…},"version":1}
///     ← {"error":"unknown command 'dance'","ok":false,"version":1}
///
/// Keys are sorted, so a line is the same bytes every time. The version changes when a field
/// changes meaning; a player answers a request of another version with an error, never a guess.
public enum RemoteWire {
    public static let protocolVersion = 1
    /// The longest request line accepted, newline excluded. The longest real request is `add`
    /// with a path or key (PATH_MAX is 4096, an S3 key at most 1024 bytes), far below this.
    public static let maximumRequestBytes = 64 * 1024

    private struct RequestFields: Codable {
        var version: Int?
        var command: String?
        var seconds: Double?
        var percent: Int?
        var relative: Bool?
        var source: String?
    }

    private struct ResponseFields: Codable {
        var ok: Bool
        var version: Int
        var status: RemoteStatus?
        var error: String?
    }

    private static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    // MARK: requests

    /// The request as one line, without the newline.
    public static func line(for request: RemoteRequest) -> Data {
        var fields = RequestFields(version: protocolVersion, command: request.command)
        switch request {
        case .seek(let seconds, let relative):
            fields.seconds = seconds
            fields.relative = relative
        case .volume(let percent, let relative):
            fields.percent = percent
            fields.relative = relative
        case .add(let source):
            fields.source = source
        case .play, .pause, .toggle, .next, .prev, .stop, .clear, .status:
            break
        }
        // Encoding plain strings, numbers and booleans cannot fail.
        return (try? encoder().encode(fields)) ?? Data()
    }

    /// The request a line carries, or the one-line error to answer it with.
    public static func request(from line: Data) -> Result<RemoteRequest, RemoteRequestError> {
        guard let fields = try? JSONDecoder().decode(RequestFields.self, from: line) else {
            return .failure(RemoteRequestError("malformed request: expected one JSON object per line"))
        }
        guard let version = fields.version else {
            return .failure(RemoteRequestError("request has no protocol version"))
        }
        guard version == protocolVersion else {
            return .failure(RemoteRequestError("protocol version \(version) is not supported (this player speaks \(protocolVersion))"))
        }
        guard let command = fields.command else {
            return .failure(RemoteRequestError("request has no command"))
        }
        func missing(_ field: String) -> Result<RemoteRequest, RemoteRequestError> {
            .failure(RemoteRequestError("'\(command)' needs \(field)"))
        }
        switch command {
        case "play": return .success(.play)
        case "pause": return .success(.pause)
        case "toggle": return .success(.toggle)
        case "next": return .success(.next)
        case "prev": return .success(.prev)
        case "stop": return .success(.stop)
        case "clear": return .success(.clear)
        case "status": return .success(.status)
        case "seek":
            guard let seconds = fields.seconds, seconds.isFinite else { return missing("a finite 'seconds'") }
            return .success(.seek(seconds: seconds, relative: fields.relative ?? false))
        case "vol":
            let relative = fields.relative ?? false
            guard let percent = fields.percent, (relative ? -100...100 : 0...100).contains(percent) else {
                return missing("'percent' from 0 to 100 (-100 to 100 when relative)")
            }
            return .success(.volume(percent: percent, relative: relative))
        case "add":
            guard let source = fields.source, !source.isEmpty else { return missing("'source'") }
            return .success(.add(source: source))
        default:
            return .failure(RemoteRequestError("unknown command '\(command)'"))
        }
    }

    // MARK: responses

    public static func line(for response: RemoteResponse) -> Data {
        let fields: ResponseFields
        switch response {
        case .done: fields = ResponseFields(ok: true, version: protocolVersion)
        case .status(let status): fields = ResponseFields(ok: true, version: protocolVersion, status: status)
        case .failure(let message): fields = ResponseFields(ok: false, version: protocolVersion, error: message)
        }
        return (try? encoder().encode(fields)) ?? Data()
    }

    /// The response a line carries, or nil when it is not one.
    public static func response(from line: Data) -> RemoteResponse? {
        guard let fields = try? JSONDecoder().decode(ResponseFields.self, from: line) else { return nil }
        if !fields.ok { return .failure(fields.error ?? "the player refused without saying why") }
        if let status = fields.status { return .status(status) }
        return .done
    }
}
