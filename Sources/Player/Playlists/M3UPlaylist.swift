import Foundation
import Storage

/// Extended M3U, as players have written it since Winamp: `#EXTM3U`, then for each entry
/// `#EXTINF:SECONDS,Artist - Title` and its location. Written locations are URLs (`s3://bucket/key`
/// with the key percent-encoded, `file:///path` likewise) so any name survives a line-based
/// format; read locations may also be plain or relative paths, as other programs write them.
public enum M3UPlaylist {
    /// The playlist's text, CRLF-free and UTF-8.
    public static func render(_ items: [QueueItem]) -> String {
        var lines = ["#EXTM3U"]
        for item in items {
            let seconds = item.durationSeconds.map { Int($0.rounded()) } ?? -1
            // A line break in a title would end the #EXTINF line early.
            let name = item.displayName.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
            lines.append("#EXTINF:\(seconds),\(name)")
            lines.append(encodedLocation(item.location.storage))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Reads a playlist written by anyone. Lines that cannot be played are listed in
    /// `unresolved`, not thrown: one bad line should not lose the other hundred.
    public static func parse(_ data: Data, relativeTo folder: URL,
                             fileExists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }) -> M3UContents {
        var contents = M3UContents()
        var pending: (seconds: Double?, name: String)?
        for (offset, rawLine) in lines(of: data).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                if line.hasPrefix("#EXTINF:") { pending = extinf(line) }
                continue
            }
            defer { pending = nil }
            switch resolve(line, relativeTo: folder, fileExists: fileExists) {
            case .success(let location):
                contents.items.append(item(location: location, info: pending))
            case .failure(let reason):
                contents.unresolved.append(M3UContents.Unresolved(line: offset + 1, text: line, reason: reason.text))
            }
        }
        return contents
    }

    // MARK: locations

    private static let pathCharacters: CharacterSet = {
        var allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/")
        allowed.insert(charactersIn: "!$&'()*+,;=:@")
        return allowed
    }()

    /// A relative path (which only a hand-made location can be) is written as it is; any text
    /// form passes `SecretFreeLocation` first, should a URL ever be one.
    static func encodedLocation(_ location: StorageLocation) -> String {
        switch location {
        case .s3(let bucket, let key):
            let path = "/" + key
            return "s3://" + bucket + (path.addingPercentEncoding(withAllowedCharacters: pathCharacters) ?? path)
        case .file(let path) where path.hasPrefix("/"):
            return "file://" + (path.addingPercentEncoding(withAllowedCharacters: pathCharacters) ?? path)
        case .file(let path):
            return SecretFreeLocation.clean(path)
        }
    }

    private struct Unplayable: Error { var text: String }

    private static func resolve(_ line: String, relativeTo folder: URL,
                                fileExists: (String) -> Bool) -> Result<StorageLocation, Unplayable> {
        let lowered = line.lowercased()
        if lowered.hasPrefix("s3://") {
            let rest = line.dropFirst(5)
            guard let slash = rest.firstIndex(of: "/"), slash != rest.startIndex,
                  rest.index(after: slash) != rest.endIndex else { return .failure(Unplayable(text: "an s3:// location needs a bucket and a key")) }
            let key = String(rest[rest.index(after: slash)...])
            return .success(.s3(bucket: String(rest[..<slash]), key: key.removingPercentEncoding ?? key))
        }
        let path: String
        if lowered.hasPrefix("file://") {
            var rest = String(line.dropFirst(7))
            if rest.lowercased().hasPrefix("localhost/") { rest = String(rest.dropFirst(9)) }
            guard rest.hasPrefix("/") else { return .failure(Unplayable(text: "a file:// URL on another host")) }
            path = rest.removingPercentEncoding ?? rest
        } else if line.range(of: "^[A-Za-z][A-Za-z0-9+.-]*://", options: .regularExpression) != nil {
            return .failure(Unplayable(text: "only s3:// and file:// locations and paths can be played"))
        } else {
            // Playlists from Windows separate folders with backslashes.
            let slashed = line.contains("/") ? line : line.replacingOccurrences(of: "\\", with: "/")
            path = slashed.hasPrefix("/") ? slashed : folder.appendingPathComponent(slashed).standardizedFileURL.path
        }
        guard fileExists(path) else { return .failure(Unplayable(text: "no such file: \(path)")) }
        return .success(.file(path: path))
    }

    // MARK: lines

    /// UTF-8 with or without a byte-order mark; anything else is read as Latin-1, the
    /// encoding of plain `.m3u` before `.m3u8`. Lines end in LF, CRLF or CR.
    private static func lines(of data: Data) -> [Substring] {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        // Every byte is a Latin-1 character (U+0000-U+00FF), so this decoding cannot fail.
        let text = String(data: bytes, encoding: .utf8)
            ?? String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
        return text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
    }

    private static func extinf(_ line: String) -> (seconds: Double?, name: String)? {
        let body = line.dropFirst("#EXTINF:".count)
        guard let comma = body.firstIndex(of: ",") else { return nil }
        // Attributes (`tvg-id="…"`) may follow the seconds, separated by spaces.
        let secondsText = body[..<comma].split(separator: " ").first.map(String.init) ?? ""
        let seconds = Double(secondsText).flatMap { $0 >= 0 ? $0 : nil }
        return (seconds, String(body[body.index(after: comma)...]).trimmingCharacters(in: .whitespaces))
    }

    private static func item(location storage: StorageLocation, info: (seconds: Double?, name: String)?) -> QueueItem {
        let location = TrackLocation(storage)
        let fileName = (storage.description as NSString).lastPathComponent
        let fallbackTitle = (fileName as NSString).deletingPathExtension
        guard let info, !info.name.isEmpty else { return QueueItem(title: fallbackTitle, location: location) }
        if let dash = info.name.range(of: " - ") {
            return QueueItem(title: String(info.name[dash.upperBound...]), artist: String(info.name[..<dash.lowerBound]),
                             location: location, durationSeconds: info.seconds)
        }
        return QueueItem(title: info.name, location: location, durationSeconds: info.seconds)
    }
}

/// What a playlist file held: the entries that can be played, and the lines that cannot.
public struct M3UContents: Sendable, Equatable {
    public struct Unresolved: Sendable, Equatable {
        /// 1-based, as an editor shows it.
        public var line: Int
        public var text: String
        public var reason: String
    }

    public var items: [QueueItem] = []
    public var unresolved: [Unresolved] = []

    public init(items: [QueueItem] = [], unresolved: [Unresolved] = []) {
        self.items = items
        self.unresolved = unresolved
    }
}
