import Foundation
import TOMLKit

/// What `$XDG_CONFIG_HOME/s3play/config.toml` says. Every field is optional: an absent file or
/// key means "use the default", and the command line and environment variables override it.
///
/// ```toml
/// library = "s3://music/lessons"
/// path_patterns = ["{artist}/{album}/{track} {title}", "{artist}/{title}"]
///
/// [discogs]
/// token = "..."                 # DISCOGS_TOKEN wins over this
/// requests_per_minute = 55
///
/// [cache]
/// shared = true                 # also keep artist documents in the music bucket
/// stale_after_hours = 6
///
/// [scan]
/// parallel_reads = 128          # tag reads in flight at most (they start at 32)
///
/// [keys]
/// quit = "x"
///
/// [theme]
/// header = "blue,,bold"
///
/// [mpris]
/// enabled = false               # no media keys / desktop widget control over D-Bus
/// ```
public struct ConfigFile: Sendable, Equatable {
    public var library: String?
    /// How keys are read when tags are missing, tried in order (`PathPattern` syntax).
    public var pathPatterns: [String]?
    public var discogs = DiscogsSection()
    public var cache = CacheSection()
    public var scan = ScanSection()
    /// `[keys]` (action = "key [key…]") and `[theme]` (role = "fg,bg,attr…") of the full-screen
    /// player, as written: `TerminalUI` knows their actions, keys and colours, so it checks them.
    public var keys: [String: String] = [:]
    public var theme: [String: String] = [:]
    public var mpris = MPRISSection()

    public struct DiscogsSection: Sendable, Equatable {
        /// The personal access token; never printed (see `description`).
        public var token: String?
        public var apiURL: String?
        public var requestsPerMinute: Int?
        /// How long the player's cursor rests before the details line asks Discogs.
        public var detailsDelayMilliseconds: Int?
        public init() {}
    }

    public struct CacheSection: Sendable, Equatable {
        public var shared: Bool?
        public var staleAfterHours: Double?
        public var notFoundStaleAfterHours: Double?
        public var refreshLibraryAfterHours: Double?
        public var dropUnviewedAfterDays: Double?
        public var memoryEntries: Int?
        public init() {}
    }

    /// `[mpris]`: the full-screen player on the session D-Bus (media keys, desktop widgets).
    public struct MPRISSection: Sendable, Equatable {
        /// nil: on (when there is a session bus).
        public var enabled: Bool?
        public init() {}
    }

    public struct ScanSection: Sendable, Equatable {
        /// Tag reads in flight at most, the ceiling they grow to from 32 (`scan --parallel` wins).
        public var parallelReads: Int?
        public init() {}
    }

    public init() {}

    /// The file's path: `$XDG_CONFIG_HOME/s3play/config.toml`, else `~/.config/s3play/config.toml`.
    public static func defaultPath(environment: [String: String]) -> String {
        if let configHome = environment["XDG_CONFIG_HOME"], configHome.hasPrefix("/") {
            return configHome + "/s3play/config.toml"
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.config/s3play/config.toml"
    }

    /// Reads the file at `path`; a missing file is an empty configuration, not an error.
    public static func load(path: String) throws(ConfigFileError) -> ConfigFile {
        guard FileManager.default.fileExists(atPath: path) else { return ConfigFile() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigFileError(path: path, line: nil, message: "cannot be read (check its permissions)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigFileError(path: path, line: nil, message: "is not UTF-8 text")
        }
        return try parse(text, path: path)
    }

    public static func parse(_ text: String, path: String = "config.toml") throws(ConfigFileError) -> ConfigFile {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigFileError(path: path, line: error.source.begin.line,
                                  message: error.description.isEmpty ? "is not valid TOML" : error.description)
        } catch {
            throw ConfigFileError(path: path, line: nil, message: "is not valid TOML")
        }
        var reader = ConfigTableReader(path: path)
        return try reader.read(table)
    }
}

extension ConfigFile: CustomStringConvertible {
    /// Shows what is set, with the token redacted.
    public var description: String {
        "ConfigFile(library: \(library ?? "-"), discogs.token: \(discogs.token == nil ? "unset" : "<redacted>"), "
            + "cache.shared: \(cache.shared.map(String.init) ?? "-"))"
    }
}

/// A config file problem, as one line naming the file and, when known, the line.
public struct ConfigFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var line: Int?
    public var message: String

    public var description: String {
        let place = line.map { "\(path):\($0)" } ?? path
        return "config file \(place): \(message)"
    }
}
