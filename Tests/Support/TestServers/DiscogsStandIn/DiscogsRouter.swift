/// Answers one admitted GET with fixture data: the status and the JSON value of the body.
/// Unknown ids get Discogs' 404 bodies ({"message": "Artist not found."} and the like).
struct DiscogsRouter {
    let catalog: DiscogsFixtureCatalog
    let base: String

    struct Answer {
        var status: Int
        var json: Any
    }

    static func message(_ status: Int, _ text: String) -> Answer { Answer(status: status, json: ["message": text]) }

    static var mustAuthenticate: Answer { message(401, "You must authenticate to access this resource.") }
    static var notFound: Answer { message(404, "The requested resource was not found.") }

    func answer(_ target: DiscogsRequestTarget, authenticated: Bool) -> Answer {
        let shapes = DiscogsJSONShapes(catalog: catalog, base: base)
        let segments = target.segments
        switch segments.count {
        case 2 where segments == ["database", "search"]:
            // Discogs documents search as "Authentication: required".
            guard authenticated else { return Self.mustAuthenticate }
            let results = DiscogsSearch(catalog: catalog, shapes: shapes).results(for: target)
            return paged(results, key: "results", target: target)
        case 2:
            guard let id = Int(segments[1]) else { return Self.notFound }
            switch segments[0] {
            case "artists": return catalog.artist(id).map { Answer(status: 200, json: shapes.artist($0)) }
                ?? Self.message(404, "Artist not found.")
            case "releases": return catalog.release(id).map { Answer(status: 200, json: shapes.release($0)) }
                ?? Self.message(404, "Release not found.")
            case "masters": return catalog.master(id).map { Answer(status: 200, json: shapes.master($0)) }
                ?? Self.message(404, "Master Release not found.")
            default: return Self.notFound
            }
        case 3 where segments[0] == "artists" && segments[2] == "releases":
            guard let artist = Int(segments[1]).flatMap(catalog.artist) else { return Self.message(404, "Artist not found.") }
            return paged(artistReleases(artist, target: target, shapes: shapes), key: "releases", target: target)
        case 3 where segments[0] == "masters" && segments[2] == "versions":
            guard let master = Int(segments[1]).flatMap(catalog.master) else {
                return Self.message(404, "Master Release not found.")
            }
            let versions = sorted(catalog.versions(of: master).map(shapes.version), target: target,
                                  keys: ["released", "title", "format", "label", "catno", "country"],
                                  default: "released")
            return paged(versions, key: "versions", target: target)
        default:
            return Self.notFound
        }
    }

    /// Masters the artist leads, plus releases without a master that credit the artist on the
    /// release or on a track (a compilation appearance).
    private func artistReleases(_ artist: DiscogsFixtureArtist, target: DiscogsRequestTarget,
                                shapes: DiscogsJSONShapes) -> [[String: Any]] {
        let masters = catalog.masters.filter { $0.artistIDs.contains(artist.id) }
            .map { shapes.artistReleaseItem(master: $0) }
        let loose = catalog.releases.filter { release in
            release.masterID == nil && (release.artists + release.tracklist.flatMap(\.artists)).contains { $0.id == artist.id }
        }.map { shapes.artistReleaseItem(release: $0) }
        return sorted(masters + loose, target: target, keys: ["year", "title", "format"], default: "year")
    }

    /// `sort` (one of `keys`) and `sort_order` (asc|desc); ties broken by id so pages are stable.
    private func sorted(_ items: [[String: Any]], target: DiscogsRequestTarget, keys: [String],
                        default defaultKey: String) -> [[String: Any]] {
        let key = target.query["sort"].flatMap { keys.contains($0) ? $0 : nil } ?? defaultKey
        let descending = target.query["sort_order"] == "desc"
        return items.sorted { left, right in
            let a = "\(left[key] ?? "")", b = "\(right[key] ?? "")"
            if a != b { return descending ? a > b : a < b }
            let leftID = left["id"] as? Int ?? 0, rightID = right["id"] as? Int ?? 0
            return descending ? leftID > rightID : leftID < rightID
        }
    }

    private func paged(_ items: [[String: Any]], key: String, target: DiscogsRequestTarget) -> Answer {
        let page = DiscogsPage(target)
        return Answer(status: 200, json: [
            "pagination": page.pagination(itemCount: items.count, target: target, base: base),
            key: page.slice(items),
        ])
    }
}
