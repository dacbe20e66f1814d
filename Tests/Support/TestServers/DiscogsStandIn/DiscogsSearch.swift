import Foundation

/// GET /database/search over the fixtures. Discogs' search is fuzzy; this one matches every given
/// filter as a case- and accent-insensitive substring ("nandu" finds "Ñandú"), which is enough for
/// a client to find a sample song's artist and album. Results come artists, then masters, then
/// releases, each by id.
struct DiscogsSearch {
    let catalog: DiscogsFixtureCatalog
    let shapes: DiscogsJSONShapes

    func results(for target: DiscogsRequestTarget) -> [[String: Any]] {
        let type = target.query["type"].map(Self.fold)
        let q = target.query["q"].map(Self.fold)
        let artistFilter = target.query["artist"].map(Self.fold)
        let titleFilter = target.query["release_title"].map(Self.fold)
        let trackFilter = target.query["track"].map(Self.fold)
        var items: [[String: Any]] = []

        if type == nil || type == "artist", titleFilter == nil, trackFilter == nil {
            for artist in catalog.artists {
                let names = [artist.name] + artist.nameVariations
                guard Self.matches(q, any: names), Self.matches(artistFilter, any: names) else { continue }
                items.append(shapes.searchItem(artist: artist))
            }
        }
        for (kind, candidates) in [("master", masterCandidates), ("release", catalog.releases)] {
            guard type == nil || type == kind else { continue }
            for release in candidates {
                let master = kind == "master" ? release.masterID.flatMap(catalog.master) : nil
                let titles = [release.title] + (master.map { [$0.title] } ?? [])
                let artists = [shapes.artistLine(release.artists)] + release.tracklist.flatMap { $0.artists.map(\.name) }
                // Sub-tracks are tracks too (Discogs finds a movement by its title).
                let tracks = release.tracklist.flatMap { $0.subTracks.isEmpty ? [$0] : $0.subTracks }
                    .filter { $0.type == "track" }.map(\.title)
                guard Self.matches(q, any: titles + artists + tracks), Self.matches(artistFilter, any: artists),
                      Self.matches(titleFilter, any: titles), Self.matches(trackFilter, any: tracks) else { continue }
                items.append(shapes.searchItem(release: release, asMaster: master))
            }
        }
        return items
    }

    /// Each master's main release, which stands for the master in results.
    private var masterCandidates: [DiscogsFixtureRelease] {
        catalog.masters.compactMap { catalog.release($0.mainRelease) }
    }

    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    private static func matches(_ filter: String?, any texts: [String]) -> Bool {
        guard let filter, !filter.isEmpty else { return true }
        return texts.contains { fold($0).contains(filter) }
    }
}
