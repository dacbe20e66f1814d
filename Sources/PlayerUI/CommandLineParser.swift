import Foundation
import Player
import Remote

/// What a `:` command line asks for. Player commands go to `Player.send` like keys do; the
/// rest is the UI's own business (adding files needs the file system, quitting needs the loop).
enum UICommand: Equatable {
    case player(PlayerCommand)
    /// A file, folder, M3U playlist or s3:// URL to append.
    case add(String)
    /// `:rescan`: the library's incremental scan, in the background.
    case rescan
    /// `:load` without a name: the saved playlists, on the message line.
    case listPlaylists
    /// `:messages`: every message of this run, in full.
    case messages
    case quit
    /// One line for the message area, and nothing else happens.
    case message(String)
}

/// Parses `:` command lines (cmus' command mode, a subset): add, save, load, clear, seek, vol,
/// rescan, q.
enum CommandLineParser {
    static func parse(_ line: String) -> UICommand {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        let name = trimmed.prefix { $0 != " " }
        let argument = trimmed.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
        switch name {
        case "": return .message("")
        case "q", "quit": return .quit
        case "clear": return .player(.clearQueue)
        case "add":
            return argument.isEmpty ? .message(":add needs a path or an s3:// URL.") : .add(argument)
        case "save":
            return argument.isEmpty ? .message(":save needs a playlist name.") : .player(.savePlaylist(name: argument))
        case "load":
            return argument.isEmpty ? .listPlaylists : .player(.loadPlaylist(name: argument))
        case "seek":
            return seek(argument).map(UICommand.player) ?? .message(":seek takes SECONDS, M:SS, +N or -N.")
        case "vol", "volume":
            return volume(argument).map(UICommand.player) ?? .message(":vol takes 0-100, +N or -N.")
        case "messages", "msgs": return .messages
        case "rescan", "scan", "update-cache":
            return .rescan
        default:
            return .message("Unknown command :\(name) (try :add, :save, :load, :clear, :seek, :vol, :rescan, :messages, :q).")
        }
    }

    /// 90, 1:30, 1:02:03 (from the start) or +5, -5 (from here): the same forms as
    /// `s3play remote seek`, parsed by the same code.
    static func seek(_ text: String) -> PlayerCommand? {
        guard let target = try? RemoteRequest.seekTarget(text) else { return nil }
        return target.relative ? .seekBy(seconds: target.seconds) : .seek(toSeconds: target.seconds)
    }

    /// 0-100, +N or -N, as `s3play remote vol`.
    static func volume(_ text: String) -> PlayerCommand? {
        guard let change = try? RemoteRequest.volumeChange(text) else { return nil }
        return change.relative ? .adjustVolume(by: change.percent) : .setVolume(percent: change.percent)
    }
}
