import Library
import PlaybackCore
import TerminalUI

/// How artists, albums and songs print: aligned text for people, JSON lines with the stable
/// field names of docs/cli.md for scripts.
enum CatalogLines {
    static func text(_ artists: [Artist]) -> [String] {
        let width = artists.map { DisplayWidth.of($0.name) }.max() ?? 0
        return artists.map { artist in
            DisplayWidth.pad(artist.name, toColumns: width) + "  "
                + plural(artist.albumCount, "album") + ", " + plural(artist.songCount, "song") + ", "
                + ClockText.of(artist.durationSeconds)
        }
    }

    static func text(_ albums: [Album]) -> [String] {
        albums.map { album in
            "\(album.artist) – \(album.title)" + (album.year.map { " (\($0))" } ?? "") + "  "
                + plural(album.songCount, "song") + ", " + ClockText.of(album.durationSeconds)
        }
    }

    static func text(_ songs: [Song]) -> [String] {
        songs.map { song in
            var number = ""
            if let track = song.trackNumber {
                number = (song.discNumber.map { "\($0)-" } ?? "") + (track < 10 ? "0\(track)" : "\(track)") + " "
            }
            let artist = song.artist == song.albumArtist ? song.artist : "\(song.artist) (\(song.albumArtist))"
            return "\(artist) – \(song.album) – \(number)\(song.title)  "
                + (song.durationSeconds.map(ClockText.of) ?? "?:??")
        }
    }

    /// Writes `items` to stdout, one JSON object per line or as aligned text.
    static func write<Item>(_ items: [Item], json: Bool, jsonLine: (Item) -> JSONLine, text: ([Item]) -> [String]) {
        let output = BufferedStandardOutput()
        defer { output.flush() }
        for line in json ? items.map({ jsonLine($0).line }) : text(items) { output.writeLine(line) }
    }

    static func json(_ artist: Artist) -> JSONLine {
        var line = JSONLine()
        line.add("name", artist.name)
        line.add("albums", artist.albumCount)
        line.add("songs", artist.songCount)
        line.add("seconds", artist.durationSeconds, decimals: 3)
        return line
    }

    static func json(_ album: Album) -> JSONLine {
        var line = JSONLine()
        line.add("artist", album.artist)
        line.add("title", album.title)
        line.add("year", album.year)
        line.add("songs", album.songCount)
        line.add("discs", album.discCount)
        line.add("seconds", album.durationSeconds, decimals: 3)
        return line
    }

    static func json(_ song: Song) -> JSONLine {
        var line = JSONLine()
        line.add("id", Int64(song.id.rawValue))
        line.add("title", song.title)
        line.add("artist", song.artist)
        line.add("album_artist", song.albumArtist)
        line.add("album", song.album)
        line.add("disc", song.discNumber)
        line.add("track", song.trackNumber)
        line.add("year", song.year)
        line.add("genre", song.genre)
        line.add("seconds", song.durationSeconds, decimals: 3)
        line.add("key", song.storageKey)
        line.add("location", song.location.description)
        return line
    }

    private static func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}

extension JSONLine {
    mutating func add(_ name: String, _ value: Int?) {
        guard let value else { return addNull(name) }
        add(name, Int64(value))
    }

    mutating func add(_ name: String, strings values: [String]) {
        addRaw(name, "[" + values.map(JSONLine.quoted).joined(separator: ",") + "]")
    }

    mutating func add(_ name: String, objects values: [JSONLine]) {
        addRaw(name, "[" + values.map(\.line).joined(separator: ",") + "]")
    }
}
