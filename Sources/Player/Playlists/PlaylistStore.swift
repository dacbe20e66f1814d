import Foundation

/// The user's saved playlists: `NAME.m3u` in one directory (`PlayerPaths.playlistDirectory`),
/// written atomically like the state file.
public struct PlaylistStore: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// The file a name maps to, after checking the name.
    public func fileURL(for name: String) throws(PlaylistError) -> URL {
        try PlaylistError.check(name)
        return directory.appendingPathComponent(name + ".m3u")
    }

    public func save(_ items: [QueueItem], as name: String) throws(PlaylistError) {
        let url = try fileURL(for: name)
        do {
            try AtomicFile.write(Data(M3UPlaylist.render(items).utf8), to: url)
        } catch {
            throw .cannotWrite(name, reason: error.description)
        }
    }

    public func load(_ name: String) throws(PlaylistError) -> M3UContents {
        let url = try fileURL(for: name)
        guard FileManager.default.fileExists(atPath: url.path) else { throw .notFound(name) }
        return try Self.read(url)
    }

    /// The saved playlists' names, sorted.
    public func names() -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".m3u") && !$0.hasPrefix(".") }.map { String($0.dropLast(4)) }.sorted()
    }

    /// Reads any M3U file; relative paths resolve against its own folder.
    public static func read(_ url: URL) throws(PlaylistError) -> M3UContents {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw .unreadable(url.path) }
        return M3UPlaylist.parse(data, relativeTo: url.deletingLastPathComponent())
    }
}

public enum PlaylistError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidName(String, reason: String)
    case notFound(String)
    case unreadable(String)
    case cannotWrite(String, reason: String)

    public var description: String {
        switch self {
        case .invalidName(let name, let reason): "“\(name)” cannot be a playlist name: \(reason)."
        case .notFound(let name): "There is no playlist “\(name)”."
        case .unreadable(let path): "Cannot read the playlist \(path)."
        case .cannotWrite(let name, let reason): "Cannot save the playlist “\(name)”: \(reason)."
        }
    }

    /// A name becomes a file name, so it may not leave the directory or hide in it.
    static func check(_ name: String) throws(PlaylistError) {
        if name.trimmingCharacters(in: .whitespaces).isEmpty { throw .invalidName(name, reason: "it is empty") }
        if name.contains("/") { throw .invalidName(name, reason: "it contains “/”") }
        if name.contains("\0") { throw .invalidName(name, reason: "it contains a NUL character") }
        if name.hasPrefix(".") { throw .invalidName(name, reason: "it starts with “.”") }
        // NAME_MAX is 255 bytes on Linux file systems, and ".m3u" takes 4 of them.
        if name.utf8.count > 251 { throw .invalidName(name, reason: "it is longer than 251 bytes") }
    }
}
