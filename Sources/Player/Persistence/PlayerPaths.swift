import Foundation

/// Where the player keeps its files, by the XDG Base Directory specification: a variable that
/// is unset, empty or not an absolute path is ignored (the specification says so) and the
/// default under the home directory is used.
public struct PlayerPaths: Sendable, Equatable {
    /// `$XDG_STATE_HOME/s3play/state.json`, default `~/.local/state/s3play/state.json`.
    public var stateFile: URL
    /// `$XDG_DATA_HOME/s3play/playlists`, default `~/.local/share/s3play/playlists`.
    public var playlistDirectory: URL
    /// `$XDG_STATE_HOME/s3play/errors.log`: the last errors in full (`ErrorLog`).
    public var errorLogFile: URL { stateFile.deletingLastPathComponent().appendingPathComponent("errors.log") }

    public init(stateFile: URL, playlistDirectory: URL) {
        self.stateFile = stateFile
        self.playlistDirectory = playlistDirectory
    }

    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment,
                                       home: String = NSHomeDirectory()) -> PlayerPaths {
        func base(_ variable: String, _ fallback: String) -> URL {
            if let value = environment[variable], value.hasPrefix("/") { return URL(fileURLWithPath: value) }
            return URL(fileURLWithPath: home).appendingPathComponent(fallback)
        }
        let state = base("XDG_STATE_HOME", ".local/state").appendingPathComponent("s3play")
        let data = base("XDG_DATA_HOME", ".local/share").appendingPathComponent("s3play")
        return PlayerPaths(stateFile: state.appendingPathComponent("state.json"),
                           playlistDirectory: data.appendingPathComponent("playlists"))
    }
}
