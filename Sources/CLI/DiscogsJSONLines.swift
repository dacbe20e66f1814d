import Discogs
import Metadata

/// Discogs entries as one JSON object each (field names in docs/cli.md). Names are Discogs' own,
/// " (2)" suffix included; text with markup comes raw and rendered (`profile`/`profile_text`,
/// `notes`/`notes_text`); every tracklist row says its kind.
enum DiscogsJSONLines {
    static func json(_ decoded: DiscogsDecoded, provenance: DiscogsProvenance?,
                     render: (String) -> String = { DiscogsMarkup.render($0).plain }) -> [String] {
        switch decoded {
        case .searchPage(let page):
            return page.results.map { result in
                var line = JSONLine()
                line.add("type", result.type)
                line.add("id", result.id)
                line.add("title", result.title)
                line.add("year", result.year)
                line.add("uri", result.uri)
                line.add("attribution", DiscogsLines.attribution)
                return line.line
            }
        case .artist(let artist):
            var line = JSONLine()
            line.add("type", "artist")
            line.add("id", artist.id)
            line.add("name", artist.name)
            line.add("real_name", artist.realName)
            line.add("profile", artist.profile)
            line.add("profile_text", artist.profile.map(render))
            line.add("members", strings: artist.members.map(\.name))
            line.add("name_variations", strings: artist.nameVariations)
            line.add("urls", strings: artist.urls)
            return [finish(&line, uri: artist.uri, provenance: provenance)]
        case .release(let release):
            var line = JSONLine()
            line.add("type", "release")
            line.add("id", release.id)
            line.add("title", release.title)
            line.add("artists", strings: release.artists.map(\.name))
            line.add("artist_credits", objects: release.artists.map(credit))
            line.add("year", release.year)
            line.add("labels", objects: release.labels.map { label in
                var item = JSONLine()
                item.add("id", label.id)
                item.add("name", label.name)
                item.add("catno", label.catalogNumber)
                return item
            })
            line.add("genres", strings: release.genres)
            line.add("styles", strings: release.styles)
            line.add("master_id", release.masterID)
            line.add("credits", objects: release.credits.map(credit))
            line.add("tracklist", objects: release.tracklist.map(track))
            line.add("notes", release.notes)
            line.add("notes_text", release.notes.map(render))
            return [finish(&line, uri: release.uri, provenance: provenance)]
        case .master(let master):
            var line = JSONLine()
            line.add("type", "master")
            line.add("id", master.id)
            line.add("title", master.title)
            line.add("artists", strings: master.artists.map(\.name))
            line.add("artist_credits", objects: master.artists.map(credit))
            line.add("year", master.year)
            line.add("genres", strings: master.genres)
            line.add("styles", strings: master.styles)
            line.add("main_release_id", master.mainReleaseID)
            line.add("tracklist", objects: master.tracklist.map(track))
            line.add("notes", master.notes)
            line.add("notes_text", master.notes.map(render))
            return [finish(&line, uri: master.uri, provenance: provenance)]
        case .artistReleasesPage, .masterVersionsPage:
            return DiscogsLines.text(decoded, render: render)
        }
    }

    /// A row: `kind` "track", "index" (with `sub_tracks`) or "heading".
    private static func track(_ track: DiscogsTrack) -> JSONLine {
        var line = JSONLine()
        let kind: String = switch track.kind {
        case .track: "track"
        case .index: "index"
        case .heading: "heading"
        case .other(let text): text
        }
        line.add("kind", kind)
        line.add("position", track.position)
        line.add("title", track.title)
        line.add("duration", track.durationText)
        line.add("seconds", track.durationSeconds)
        if !track.artists.isEmpty { line.add("artists", objects: track.artists.map(credit)) }
        if !track.credits.isEmpty { line.add("credits", objects: track.credits.map(credit)) }
        if case .index = track.kind { line.add("sub_tracks", objects: track.subTracks.map(self.track)) }
        return line
    }

    /// An `artists[]` or `extraartists[]` entry as Discogs has it.
    private static func credit(_ credit: DiscogsArtistCredit) -> JSONLine {
        var line = JSONLine()
        line.add("id", credit.id)
        line.add("name", credit.name)
        line.add("anv", credit.anv)
        line.add("join", credit.join)
        line.add("role", credit.role)
        line.add("tracks", credit.tracks)
        return line
    }

    private static func finish(_ line: inout JSONLine, uri: String?, provenance: DiscogsProvenance?) -> String {
        line.add("uri", uri)
        line.add("attribution", DiscogsLines.attribution)
        line.add("source", provenance?.origin.rawValue)
        line.add("stale", provenance?.isStale ?? false)
        return line.line
    }
}
