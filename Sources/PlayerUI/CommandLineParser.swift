import Foundation
import Player

/// What a `:` command line asks for. Player commands go to `Player.send` like keys do; the
/// rest is the UI's own business (adding files needs the file system, quitting needs the loop).
enum UICommand: Equatable {
    case player(PlayerCommand)
    /// A file, folder, M3U playlist or s3:// URL to append.
    case add(String)
    case quit
    /// One line for the message area, and nothing else happens.
    case message(String)
}

/// Parses `:` command lines (cmus' command mode, a subset): add, save, load, clear, seek, vol, q.
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
            return argument.isEmpty ? .message(":load needs a playlist name.") : .player(.loadPlaylist(name: argument))
        case "seek":
            return seek(argument).map(UICommand.player) ?? .message(":seek takes SECONDS, M:SS, +N or -N.")
        case "vol", "volume":
            return volume(argument).map(UICommand.player) ?? .message(":vol takes 0-100, +N or -N.")
        case "rescan", "scan":
            return .message("Rescanning from the player is not there yet: run `s3play scan`.")
        default:
            return .message("Unknown command :\(name) (try :add, :save, :load, :clear, :seek, :vol, :q).")
        }
    }

    /// 90, 1:30, 1:02:03 (from the start) or +5, -5 (from here).
    static func seek(_ text: String) -> PlayerCommand? {
        if let sign = text.first, sign == "+" || sign == "-" {
            guard let seconds = clockSeconds(String(text.dropFirst())) else { return nil }
            return .seekBy(seconds: sign == "-" ? -seconds : seconds)
        }
        return clockSeconds(text).map { .seek(toSeconds: $0) }
    }

    static func volume(_ text: String) -> PlayerCommand? {
        if let sign = text.first, sign == "+" || sign == "-" {
            guard let step = Int(text.dropFirst()) else { return nil }
            return .adjustVolume(by: sign == "-" ? -step : step)
        }
        guard let percent = Int(text), (0...100).contains(percent) else { return nil }
        return .setVolume(percent: percent)
    }

    private static func clockSeconds(_ text: String) -> Double? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count) else { return nil }
        var total = 0.0
        for (index, part) in parts.enumerated() {
            guard let value = Double(part), value >= 0, value.isFinite else { return nil }
            // Minutes and seconds after the first field stay below 60, as a clock writes them.
            if index > 0 && value >= 60 { return nil }
            total = total * 60 + value
        }
        return total
    }
}
