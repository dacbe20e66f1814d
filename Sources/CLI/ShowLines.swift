import Library
import TerminalUI

/// The output of `s3play show`: catalog first, then Discogs' details with their attribution.
enum ShowLines {
    static func text(_ artist: Artist, albums: [Album], details: DetailsAnswer<ArtistDetails>) -> [String] {
        var lines = CatalogLines.text([artist]) + [""] + CatalogLines.text(albums).map { "  " + $0 }
        if let details = details.details {
            lines.append("")
            if let realName = details.realName, !realName.isEmpty { lines.append("Real name: \(realName)") }
            if !details.members.isEmpty { lines.append("Members: " + details.members.joined(separator: ", ")) }
            if let profile = details.profile, !profile.isEmpty {
                lines += profile.split(whereSeparator: \.isNewline).map(String.init)
            }
            lines.append(footer(details.attribution, details.link, details.confidence))
        }
        return lines
    }

    static func text(_ album: Album, songs: [Song], details: DetailsAnswer<AlbumDetails>) -> [String] {
        var lines = CatalogLines.text([album]) + [""] + CatalogLines.text(songs).map { "  " + $0 }
        if let details = details.details {
            lines.append("")
            if let year = details.year { lines.append("Year: \(year)") }
            if !details.labels.isEmpty { lines.append("Label: " + details.labels.joined(separator: ", ")) }
            if !details.genres.isEmpty { lines.append("Genres: " + details.genres.joined(separator: ", ")) }
            if !details.styles.isEmpty { lines.append("Styles: " + details.styles.joined(separator: ", ")) }
            if !details.tracklist.isEmpty {
                lines.append("Discogs tracklist:")
                lines += details.tracklist.map { track in
                    "  \(track.position)  \(track.title)" + (track.durationSeconds.map { "  " + ClockText.of(Double($0)) } ?? "")
                }
            }
            lines.append(footer(details.attribution, details.link, details.confidence))
        }
        return lines
    }

    static func json(_ artist: Artist, albums: [Album], details: DetailsAnswer<ArtistDetails>) -> String {
        var line = JSONLine()
        line.add("type", "artist")
        line.add("name", artist.name)
        line.add("albums", objects: albums.map(CatalogLines.json))
        line.add("songs", artist.songCount)
        line.add("seconds", artist.durationSeconds, decimals: 3)
        if let details = details.details {
            var discogs = JSONLine()
            discogs.add("name", details.name)
            discogs.add("real_name", details.realName)
            discogs.add("profile", details.profile)
            discogs.add("members", strings: details.members)
            finish(&discogs, details.attribution, details.link, details.confidence, details.isStale)
            line.add("discogs", discogs)
        } else {
            line.addNull("discogs")
        }
        return line.line
    }

    static func json(_ album: Album, songs: [Song], details: DetailsAnswer<AlbumDetails>) -> String {
        var line = JSONLine()
        line.add("type", "album")
        line.add("artist", album.artist)
        line.add("title", album.title)
        line.add("year", album.year)
        line.add("songs", objects: songs.map(CatalogLines.json))
        line.add("seconds", album.durationSeconds, decimals: 3)
        if let details = details.details {
            var discogs = JSONLine()
            discogs.add("title", details.title)
            discogs.add("year", details.year)
            discogs.add("labels", strings: details.labels)
            discogs.add("genres", strings: details.genres)
            discogs.add("styles", strings: details.styles)
            discogs.add("tracklist", objects: details.tracklist.map { track in
                var item = JSONLine()
                item.add("position", track.position)
                item.add("title", track.title)
                item.add("seconds", track.durationSeconds)
                return item
            })
            finish(&discogs, details.attribution, details.link, details.confidence, details.isStale)
            line.add("discogs", discogs)
        } else {
            line.addNull("discogs")
        }
        return line.line
    }

    private static func finish(_ line: inout JSONLine, _ attribution: String, _ link: String?, _ confidence: Double, _ stale: Bool) {
        line.add("uri", link)
        line.add("attribution", attribution)
        line.add("confidence", confidence, decimals: 2)
        line.add("stale", stale)
    }

    private static func footer(_ attribution: String, _ link: String?, _ confidence: Double) -> String {
        attribution + (link.map { ": \($0)" } ?? ".") + (confidence < 1 ? " (close match)" : "")
    }
}
