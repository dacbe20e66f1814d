import Library
import PlaybackCore
import SafeText
import TerminalUI

/// The expanded details (`I`, issue 17): everything the details line has no room for, as lines
/// for a scrollable pane. Pure, so what the pane says is tested without Discogs or a terminal.
enum DetailsPaneText {
    static func lines(artist details: ArtistDetails) -> [String] {
        var lines = [details.displayName]
        if let real = details.realName, !real.isEmpty, real != details.displayName { lines.append("Real name: " + real) }
        if !details.memberDisplayNames.isEmpty {
            lines += ["", "Members:"] + details.memberDisplayNames.map { "  " + $0 }
        }
        if let profile = details.profileText?.plain, !profile.isEmpty {
            lines += [""] + profile.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        return lines + footer(confidence: details.confidence, attribution: details.attribution, link: details.link)
    }

    /// `songs`: the album's songs in the library, to mark the tracks that are there (✓).
    static func lines(album details: AlbumDetails, artist: String, songs: [Song]) -> [String] {
        var lines = [details.title + " – " + artist + (details.year.map { " (\($0))" } ?? "")]
        if !details.labels.isEmpty { lines.append("Label: " + details.labels.map(\.line).joined(separator: ", ")) }
        let kinds = details.genres + details.styles
        if !kinds.isEmpty { lines.append("Genre: " + kinds.joined(separator: ", ")) }
        let inLibrary = Set(songs.compactMap { details.part(forSongTitled: $0.title).map { $0.position + $0.title } })
        if !details.tracklist.isEmpty {
            lines += ["", "Tracklist (✓ in the library: \(inLibrary.count) of \(details.tracklist.flatMap(\.playableParts).count)):"]
            for track in details.tracklist { lines += trackLines(track, inLibrary: inLibrary, indent: "  ") }
        }
        if !details.credits.isEmpty {
            lines += ["", "Credits:"] + details.credits.map { "  \($0.role): " + $0.names.joined(separator: ", ") }
        }
        if let notes = details.notes?.plain, !notes.isEmpty {
            lines += ["", "Notes:"] + notes.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
        }
        return lines + footer(confidence: details.confidence, attribution: details.attribution, link: details.link)
    }

    private static func trackLines(_ track: AlbumDetails.Track, inLibrary: Set<String>, indent: String) -> [String] {
        switch track.kind {
        case .heading: return [indent + track.title]
        case .index:
            return [indent + "  " + track.position + " " + track.title]
                + track.parts.flatMap { trackLines($0, inLibrary: inLibrary, indent: indent + "  ") }
        case .track:
            let mark = inLibrary.contains(track.position + track.title) ? "✓ " : "  "
            let time = track.durationSeconds.map { "  " + ClockText.of(Double($0)) } ?? ""
            let who = track.artists.map { " – " + $0 } ?? ""
            var lines = [indent + mark + DisplayWidth.pad(track.position, toColumns: 4) + track.title + who + time]
            lines += track.credits.map { indent + "      " + $0.role + ": " + $0.names.joined(separator: ", ") }
            return lines
        }
    }

    /// A loose match says so (Discogs' name differs from the library's), then the attribution
    /// and the entry's page, as Discogs' terms ask.
    private static func footer(confidence: Double, attribution: String, link: String?) -> [String] {
        var lines = [""]
        if confidence < 1 { lines.append("Close match: Discogs names it differently; it may be another entry.") }
        lines.append(attribution + (link.map { " – " + $0 } ?? ""))
        return lines
    }
}
