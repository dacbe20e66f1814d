import Discogs
import Metadata

/// How Discogs entries print. Every entry carries the attribution Discogs' API terms ask for:
/// "Data provided by Discogs" and the entry's discogs.com link.
enum DiscogsLines {
    static let attribution = "Data provided by Discogs"

    // MARK: text

    static func text(_ decoded: DiscogsDecoded) -> [String] {
        switch decoded {
        case .artist(let artist): return text(artist)
        case .release(let release): return text(release)
        case .master(let master): return text(master)
        case .searchPage(let page): return text(page)
        case .artistReleasesPage(let page):
            return page.releases.map { "\($0.kind.rawValue) \($0.id)  \($0.title)" + ($0.year.map { " (\($0))" } ?? "") }
        case .masterVersionsPage(let page):
            return page.versions.map { "release \($0.id)  \($0.title)" + ($0.released.map { " (\($0))" } ?? "") }
        }
    }

    static func text(_ artist: DiscogsArtist) -> [String] {
        var lines = ["\(artist.name)  (Discogs artist \(artist.id))"]
        if let realName = artist.realName, !realName.isEmpty { lines.append("Real name: \(realName)") }
        if !artist.members.isEmpty { lines.append("Members: " + artist.members.map(\.name).joined(separator: ", ")) }
        if let profile = artist.profile, !profile.isEmpty { lines.append(""); lines += profile.split(whereSeparator: \.isNewline).map(String.init) }
        return lines + footer(artist.uri)
    }

    static func text(_ release: DiscogsRelease) -> [String] {
        var lines = [credit(release.artists) + " – " + release.title + (release.year.map { " (\($0))" } ?? "")
                     + "  (Discogs release \(release.id))"]
        lines += facts(labels: release.labels, genres: release.genres, styles: release.styles)
        return lines + tracklist(release.tracklist) + footer(release.uri)
    }

    static func text(_ master: DiscogsMaster) -> [String] {
        var lines = [credit(master.artists) + " – " + master.title + (master.year.map { " (\($0))" } ?? "")
                     + "  (Discogs master \(master.id))"]
        lines += facts(labels: [], genres: master.genres, styles: master.styles)
        return lines + tracklist(master.tracklist) + footer(master.uri)
    }

    static func text(_ page: DiscogsSearchPage) -> [String] {
        var lines = page.results.map { result in
            "\(result.type) \(result.id)  \(result.title)" + (result.year.map { " (\($0))" } ?? "")
        }
        let pagination = page.pagination
        lines.append("Page \(pagination.page) of \(pagination.pages), \(pagination.items) results. \(attribution).")
        return lines
    }

    private static func credit(_ artists: [DiscogsArtistCredit]) -> String {
        artists.map { ($0.anv ?? $0.name) + ($0.join.map { $0.isEmpty || $0 == "," ? ($0 + " ") : " \($0) " } ?? " ") }
            .joined().trimmingCharacters(in: .whitespaces)
    }

    private static func facts(labels: [DiscogsLabelCredit], genres: [String], styles: [String]) -> [String] {
        var lines: [String] = []
        if !labels.isEmpty {
            lines.append("Label: " + labels.map { $0.name + ($0.catalogNumber.map { " (\($0))" } ?? "") }.joined(separator: ", "))
        }
        if !genres.isEmpty { lines.append("Genres: " + genres.joined(separator: ", ")) }
        if !styles.isEmpty { lines.append("Styles: " + styles.joined(separator: ", ")) }
        return lines
    }

    private static func tracklist(_ tracks: [DiscogsTrack]) -> [String] {
        guard !tracks.isEmpty else { return [] }
        let width = tracks.map { $0.position.count }.max() ?? 0
        return [""] + tracks.map { track in
            if case .heading = track.kind { return track.title }
            let position = track.position + String(repeating: " ", count: max(0, width - track.position.count))
            return "  \(position)  \(track.title)" + (track.durationText.isEmpty ? "" : "  \(track.durationText)")
        }
    }

    private static func footer(_ uri: String?) -> [String] {
        ["", uri.map { "\(attribution): \($0)" } ?? "\(attribution)."]
    }

    // MARK: JSON

    /// One JSON object; the field names are listed in docs/cli.md.
    static func json(_ decoded: DiscogsDecoded, provenance: DiscogsProvenance?) -> [String] {
        switch decoded {
        case .searchPage(let page):
            return page.results.map { result in
                var line = JSONLine()
                line.add("type", result.type)
                line.add("id", result.id)
                line.add("title", result.title)
                line.add("year", result.year)
                line.add("uri", result.uri)
                line.add("attribution", attribution)
                return line.line
            }
        case .artist(let artist):
            var line = JSONLine()
            line.add("type", "artist")
            line.add("id", artist.id)
            line.add("name", artist.name)
            line.add("real_name", artist.realName)
            line.add("profile", artist.profile)
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
            line.add("year", release.year)
            line.add("labels", strings: release.labels.map(\.name))
            line.add("genres", strings: release.genres)
            line.add("styles", strings: release.styles)
            line.add("master_id", release.masterID)
            line.add("tracklist", objects: release.tracklist.map(json))
            return [finish(&line, uri: release.uri, provenance: provenance)]
        case .master(let master):
            var line = JSONLine()
            line.add("type", "master")
            line.add("id", master.id)
            line.add("title", master.title)
            line.add("artists", strings: master.artists.map(\.name))
            line.add("year", master.year)
            line.add("genres", strings: master.genres)
            line.add("styles", strings: master.styles)
            line.add("main_release_id", master.mainReleaseID)
            line.add("tracklist", objects: master.tracklist.map(json))
            return [finish(&line, uri: master.uri, provenance: provenance)]
        case .artistReleasesPage, .masterVersionsPage:
            return text(decoded)
        }
    }

    private static func json(_ track: DiscogsTrack) -> JSONLine {
        var line = JSONLine()
        line.add("position", track.position)
        line.add("title", track.title)
        line.add("duration", track.durationText)
        line.add("seconds", track.durationSeconds)
        return line
    }

    private static func finish(_ line: inout JSONLine, uri: String?, provenance: DiscogsProvenance?) -> String {
        line.add("uri", uri)
        line.add("attribution", attribution)
        line.add("source", provenance?.origin.rawValue)
        line.add("stale", provenance?.isStale ?? false)
        return line.line
    }
}
