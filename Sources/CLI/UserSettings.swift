import ConfigFile
import Foundation

/// What every command reads before it starts: the environment and the config file.
struct UserSettings {
    let environment: [String: String]
    let configFile: ConfigFile
    let configPath: String

    static func load() throws(CommandFailure) -> UserSettings {
        let environment = ProcessInfo.processInfo.environment
        let path = ConfigFile.defaultPath(environment: environment)
        do {
            return UserSettings(environment: environment, configFile: try ConfigFile.load(path: path), configPath: path)
        } catch {
            throw CommandFailure(error.description)
        }
    }

    /// `$XDG_CACHE_HOME/s3play`, else `~/.cache/s3play`: the catalog and the Discogs cache.
    var cacheDirectory: String {
        if let cacheHome = environment["XDG_CACHE_HOME"], cacheHome.hasPrefix("/") {
            return cacheHome + "/s3play"
        }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.cache/s3play"
    }

    /// `--library`, else `S3PLAY_LIBRARY`, else `library` in the config file.
    func libraryLocation(option: String?) throws(CommandFailure) -> String {
        if let option, !option.isEmpty { return option }
        if let variable = environment["S3PLAY_LIBRARY"], !variable.isEmpty { return variable }
        if let configured = configFile.library, !configured.isEmpty { return configured }
        throw CommandFailure("no library is set: pass --library s3://BUCKET[/PREFIX] or a folder, "
                             + "set S3PLAY_LIBRARY, or put library = \"...\" in \(configPath).")
    }
}
