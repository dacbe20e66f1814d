import Discogs
import Foundation
import Metadata

/// How Discogs entries print. Every entry carries the attribution Discogs' API terms ask for:
/// "Data provided by Discogs" and the entry's discogs.com link.
enum DiscogsLines {
    static let attribution = "Data provided by Discogs"

    // MARK: text

    /// `render` turns Discogs markup into plain text (references resolved from the cache only).
    static func text(_ decoded: DiscogsDecoded, render: (String) -> String = { DiscogsMarkup.render($0).plain }) -> [String] {
        switch decoded {
        case .artist(let artist): return text(artist, render: render)
        case .release(let release): return text(release, render: render)
        case .master(let master): return text(master, render: render)
        case .searchPage(let page): return text(page)
        case .artistReleasesPage(let page):
            return page.releases.map { "\($0.kind.rawValue) \($0.id)  \($0.title)" + ($0.year.map { " (\($0))" } ?? "") }
        case .masterVersionsPage(let page):
            return page.versions.map { "release \($0.id)  \($0.title)" + ($0.released.map { " (\($0))" } ?? "") }
        }
    }

    static func text(_ artist: DiscogsArtist, render: (String) -> String) -> [String] {
        var lines = ["\(DiscogsName.display(artist.name))  (Discogs artist \(artist.id))"]
        if let realName = artist.realName, !realName.isEmpty { lines.append("Real name: \(realName)") }
        if !artist.members.isEmpty {
            lines.append("Members: " + artist.members.map { DiscogsName.display($0.name) }.joined(separator: ", "))
        }
        if let profile = artist.profile { lines += paragraphs(render(profile)) }
        return lines + footer(artist.uri)
    }

    static func text(_ release: DiscogsRelease, render: (String) -> String) -> [String] {
        var lines = [DiscogsName.line(release.artists) + " – " + release.title + (release.year.map { " (\($0))" } ?? "")
                     + "  (Discogs release \(release.id))"]
        lines += facts(labels: release.labels, genres: release.genres, styles: release.styles)
        lines += credits(DiscogsCreditGroup.grouped(release.credits), indent: "", title: "Credits:")
        lines += DiscogsTracklistLines.text(release.tracklist, albumArtists: release.artists)
        if let notes = release.notes { lines += ["", "Notes:"] + paragraphs(render(notes)).dropFirst() }
        return lines + footer(release.uri)
    }

    static func text(_ master: DiscogsMaster, render: (String) -> String) -> [String] {
        var lines = [DiscogsName.line(master.artists) + " – " + master.title + (master.year.map { " (\($0))" } ?? "")
                     + "  (Discogs master \(master.id))"]
        lines += facts(labels: [], genres: master.genres, styles: master.styles)
        lines += DiscogsTracklistLines.text(master.tracklist, albumArtists: master.artists)
        if let notes = master.notes { lines += ["", "Notes:"] + paragraphs(render(notes)).dropFirst() }
        return lines + footer(master.uri)
    }

    static func text(_ page: DiscogsSearchPage) -> [String] {
        var lines = page.results.map { result in
            "\(result.type) \(result.id)  \(result.title)" + (result.year.map { " (\($0))" } ?? "")
        }
        let pagination = page.pagination
        lines.append("Page \(pagination.page) of \(pagination.pages), \(pagination.items) results. \(attribution).")
        return lines
    }

    /// A blank line, then the text's lines; Discogs' blank lines between paragraphs are kept (one).
    static func paragraphs(_ text: String) -> [String] {
        var lines = [""]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if line.isEmpty && lines.last == "" { continue }
            lines.append(line)
        }
        while lines.count > 1 && lines.last == "" { lines.removeLast() }
        return lines.count > 1 ? lines : []
    }

    /// "Producer: A, B" lines under a title, or nothing.
    static func credits(_ groups: [DiscogsCreditGroup], indent: String, title: String?) -> [String] {
        guard !groups.isEmpty else { return [] }
        return (title.map { [indent + $0] } ?? []) + groups.map { "\(indent)  \($0.role): " + $0.names.joined(separator: ", ") }
    }

    private static func facts(labels: [DiscogsLabelCredit], genres: [String], styles: [String]) -> [String] {
        var lines: [String] = []
        if !labels.isEmpty {
            var seen = Set<String>()
            let unique = labels.map(\.displayLine).filter { seen.insert($0).inserted }
            lines.append((unique.count == 1 ? "Label: " : "Labels: ") + unique.joined(separator: ", "))
        }
        if !genres.isEmpty { lines.append("Genres: " + genres.joined(separator: ", ")) }
        if !styles.isEmpty { lines.append("Styles: " + styles.joined(separator: ", ")) }
        return lines
    }

    private static func footer(_ uri: String?) -> [String] {
        ["", uri.map { "\(attribution): \($0)" } ?? "\(attribution)."]
    }
}
