import Library
import PlaybackCore

/// The output of `s3play show`: catalog first, then Discogs' details with their attribution.
enum ShowLines {
    static func text(_ artist: Artist, albums: [Album], details: DetailsAnswer<ArtistDetails>) -> [String] {
        var lines = CatalogLines.text([artist]) + [""] + CatalogLines.text(albums).map { "  " + $0 }
        if let details = details.details {
            lines.append("")
            if let realName = details.realName, !realName.isEmpty { lines.append("Real name: \(realName)") }
            if !details.members.isEmpty { lines.append("Members: " + details.memberDisplayNames.joined(separator: ", ")) }
            if let profile = details.profileText { lines += DiscogsLines.paragraphs(profile.plain).dropFirst() }
            lines.append(footer(details.attribution, details.link, details.confidence))
        }
        return lines
    }

    /// Each song names the Discogs track (or sub-track) it matched: "  … 04 Malagueña  4:12  [B1]".
    static func text(_ album: Album, songs: [Song], details: DetailsAnswer<AlbumDetails>) -> [String] {
        let matched = details.details
        var lines = CatalogLines.text([album]) + [""] + zip(songs, CatalogLines.text(songs)).map { song, line in
            "  " + line + (matched?.part(forSongTitled: song.title).map { "  [\($0.position)]" } ?? "")
        }
        if let details = details.details {
            lines.append("")
            if let year = details.year { lines.append("Year: \(year)") }
            if !details.labels.isEmpty {
                lines.append((details.labels.count == 1 ? "Label: " : "Labels: ") + details.labels.map(\.line).joined(separator: ", "))
            }
            if !details.genres.isEmpty { lines.append("Genres: " + details.genres.joined(separator: ", ")) }
            if !details.styles.isEmpty { lines.append("Styles: " + details.styles.joined(separator: ", ")) }
            if !details.credits.isEmpty {
                lines.append("Credits:")
                lines += details.credits.map { "  \($0.role): " + $0.names.joined(separator: ", ") }
            }
            if !details.tracklist.isEmpty {
                lines.append("Discogs tracklist:")
                // Rows under a heading (a disc, a side) are indented beneath it.
                var underHeading = false
                for track in details.tracklist {
                    if track.kind == .heading { underHeading = true }
                    lines += trackLines(track, depth: track.kind == .heading || !underHeading ? 1 : 2)
                }
            }
            if let notes = details.notes { lines += ["Notes:"] + DiscogsLines.paragraphs(notes.plain).dropFirst() }
            lines.append(footer(details.attribution, details.link, details.confidence))
        }
        return lines
    }

    private static func trackLines(_ track: AlbumDetails.Track, depth: Int) -> [String] {
        let indent = String(repeating: "  ", count: depth)
        if track.kind == .heading { return [indent + track.title] }
        var lines = ["\(indent)\(track.position)  " + (track.artists.map { "\($0) – " } ?? "") + track.title
                     + (track.durationSeconds.map { "  " + ClockText.of(Double($0)) } ?? "")]
        lines += track.credits.map { "\(indent)    \($0.role): " + $0.names.joined(separator: ", ") }
        return lines + track.parts.flatMap { trackLines($0, depth: depth + 1) }
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
            discogs.add("profile_text", details.profileText?.plain)
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
        line.add("songs", objects: songs.map { song in
            var item = CatalogLines.json(song)
            item.add("discogs_position", details.details?.part(forSongTitled: song.title)?.position)
            return item
        })
        line.add("seconds", album.durationSeconds, decimals: 3)
        if let details = details.details {
            var discogs = JSONLine()
            discogs.add("title", details.title)
            discogs.add("year", details.year)
            discogs.add("labels", objects: details.labels.map { label in
                var item = JSONLine()
                item.add("name", label.name)
                item.add("catno", label.catalogNumber)
                return item
            })
            discogs.add("genres", strings: details.genres)
            discogs.add("styles", strings: details.styles)
            discogs.add("credits", objects: details.credits.map(json))
            discogs.add("tracklist", objects: details.tracklist.map(json))
            discogs.add("notes_text", details.notes?.plain)
            finish(&discogs, details.attribution, details.link, details.confidence, details.isStale)
            line.add("discogs", discogs)
        } else {
            line.addNull("discogs")
        }
        return line.line
    }

    /// A row: `kind` "track", "index" (with `sub_tracks`) or "heading".
    private static func json(_ track: AlbumDetails.Track) -> JSONLine {
        var item = JSONLine()
        item.add("kind", track.kind.rawValue)
        item.add("position", track.position)
        item.add("title", track.title)
        item.add("seconds", track.durationSeconds)
        item.add("artists", track.artists)
        if !track.credits.isEmpty { item.add("credits", objects: track.credits.map(json)) }
        if track.kind == .index { item.add("sub_tracks", objects: track.parts.map(json)) }
        return item
    }

    private static func json(_ group: CreditGroup) -> JSONLine {
        var item = JSONLine()
        item.add("role", group.role)
        item.add("names", strings: group.names)
        return item
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
