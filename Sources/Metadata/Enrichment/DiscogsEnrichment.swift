import Discogs
import Library

/// Library details from Discogs, through the cached, rate-limited `DiscogsMetadataSource`:
/// an artist is found by a database search for its name and the best-matching result; an album
/// by a master search (artist and title), else a release search, then the master (or release)
/// and, for the label, the master's main release. Every step is a cached document, so the
/// second lookup of the same name costs zero requests.
public final class DiscogsEnrichment: MetadataSource {
    public static let attribution = "Data provided by Discogs"

    private let source: DiscogsMetadataSource

    public init(source: DiscogsMetadataSource) {
        self.source = source
    }

    public func artistDetails(named name: String) -> DetailsAnswer<ArtistDetails> {
        let search = bestResult(artistSearch(name), score: { NameMatching.confidence($0.title, name) })
        guard case .found(let match) = search else { return search.withoutDetails()! }
        let lookup = source.lookup(.artist(id: match.result.id))
        guard case .found(let entry) = lookup, case .artist(let artist) = entry.decoded else { return missing(lookup) }
        let (confidence, provenance) = (match.confidence, entry.provenance)
        return .found(ArtistDetails(name: artist.name, displayName: DiscogsName.display(artist.name), realName: artist.realName, profile: artist.profile,
                                        profileText: artist.profile.map { source.render($0) },
                                        members: artist.members.map(\.name),
                                        memberDisplayNames: artist.members.map { DiscogsName.display($0.name) }, link: artist.uri,
                                        attribution: Self.attribution, confidence: confidence,
                                        isStale: provenance.isStale))
    }

    public func albumDetails(artist: String, title: String) -> DetailsAnswer<AlbumDetails> {
        let score: (DiscogsSearchResult) -> Double = { result in
            // Release and master results are titled "Artist - Title". The search already asked
            // for the artist, so an artist that reads differently ("Various" for "Various
            // Artists") costs a quarter of the score rather than all of it.
            let parts = result.title.components(separatedBy: " - ")
            guard parts.count >= 2 else { return NameMatching.confidence(result.title, title) * 0.75 }
            let titleScore = NameMatching.confidence(parts.dropFirst().joined(separator: " - "), title)
            let artistScore = NameMatching.confidence(parts[0], artist)
            return titleScore * (artistScore > 0 ? artistScore : 0.75)
        }
        // Masters first (one entry for all editions), then releases; last a release search by
        // title alone, for compilations filed under "Various Artists" (Discogs says "Various").
        let searches: [(DiscogsSearchQuery.ResultType, String?)] = [(.master, artist), (.release, artist), (.release, nil)]
        for (type, artistFilter) in searches {
            let search = DiscogsResource.search(DiscogsSearchQuery(type: type, artist: artistFilter, releaseTitle: title,
                                                                   page: 1, perPage: 10))
            switch bestResult(search, score: score) {
            case .noMatch: continue
            case .found(let match):
                return type == .master ? masterDetails(match.result.id, match.confidence)
                                       : releaseDetails(match.result.id, match.confidence)
            case let other: return other.withoutDetails()!
            }
        }
        return .noMatch
    }

    public func prefetch(artists: [String], albums: [AlbumID]) {
        // Searches first: they are what the next lookup needs before anything else.
        let resources = artists.map(artistSearch)
            + albums.map { DiscogsResource.search(DiscogsSearchQuery(type: .master, artist: $0.artist, releaseTitle: $0.title,
                                                                     page: 1, perPage: 10)) }
        // Last, with what budget is left, the entries the focused artists' profiles refer to by
        // id only ([a123], [m=45]): their next rendering then names them.
        let referenced = artists.flatMap { name -> [DiscogsResource] in
            guard let artist = cachedArtist(named: name), let profile = artist.profile else { return [] }
            return source.unresolvedReferences(in: profile)
        }
        source.prefetch(resources + referenced)
    }

    /// The artist document a cached search for `name` matched, without a request.
    private func cachedArtist(named name: String) -> DiscogsArtist? {
        guard let id = cachedArtistID(named: name), case .artist(let artist)? = source.cachedLookup(.artist(id: id)) else {
            return nil
        }
        return artist
    }

    /// The artist id a cached search for `name` matched (the same rule as a lookup), without a request.
    private func cachedArtistID(named name: String) -> Int? {
        guard case .searchPage(let page)? = source.cachedLookup(artistSearch(name)) else { return nil }
        return NameMatching.best(of: page.results) { NameMatching.confidence($0.title, name) }?.candidate.id
    }

    public func refreshDetails(artists: [String]) -> Int {
        var resources: [DiscogsResource] = []
        for name in artists {
            let search = artistSearch(name)
            resources.append(search)
            // The artist document the cached search matched, found without a request.
            if let id = cachedArtistID(named: name) { resources.append(.artist(id: id)) }
        }
        return source.refreshLibraryEntries(resources)
    }

    public func waitForBackgroundWork() {
        source.waitForBackgroundWork()
    }

    // MARK: steps

    private func artistSearch(_ name: String) -> DiscogsResource {
        .search(DiscogsSearchQuery(q: name, type: .artist, page: 1, perPage: 10))
    }

    private func masterDetails(_ id: Int, _ confidence: Double) -> DetailsAnswer<AlbumDetails> {
        let lookup = source.lookup(.master(id: id))
        guard case .found(let entry) = lookup, case .master(let master) = entry.decoded else { return missing(lookup) }
        let provenance = entry.provenance
        // Labels and credits are a release's: the master's main release gives them.
        var mainRelease: DiscogsRelease?
        if let id = master.mainReleaseID, case .release(let release)? = source.lookup(.release(id: id)).decoded {
            mainRelease = release
        }
        let notes = master.notes ?? mainRelease?.notes
        return .found(AlbumDetails(title: master.title, year: master.year, labels: labels(mainRelease?.labels ?? []),
                                   genres: master.genres, styles: master.styles,
                                   tracklist: tracks(mainRelease?.tracklist ?? master.tracklist, albumArtists: master.artists),
                                   credits: groups(mainRelease?.credits ?? []),
                                   notes: notes.map { source.render($0) }, link: master.uri,
                                   attribution: Self.attribution, confidence: confidence, isStale: provenance.isStale))
    }

    private func releaseDetails(_ id: Int, _ confidence: Double) -> DetailsAnswer<AlbumDetails> {
        let lookup = source.lookup(.release(id: id))
        guard case .found(let entry) = lookup, case .release(let release) = entry.decoded else { return missing(lookup) }
        let provenance = entry.provenance
        return .found(AlbumDetails(title: release.title, year: release.year, labels: labels(release.labels),
                                   genres: release.genres, styles: release.styles,
                                   tracklist: tracks(release.tracklist, albumArtists: release.artists),
                                   credits: groups(release.credits), notes: release.notes.map { source.render($0) },
                                   link: release.uri, attribution: Self.attribution, confidence: confidence,
                                   isStale: provenance.isStale))
    }

    /// A search result and how well it matched.
    private struct Match: Sendable, Equatable {
        var result: DiscogsSearchResult
        var confidence: Double
    }

    /// The search's best result by the one matching rule (`NameMatching.best`: the highest score
    /// at or above the threshold, Discogs' own order breaking ties).
    private func bestResult(_ search: DiscogsResource, score: (DiscogsSearchResult) -> Double) -> DetailsAnswer<Match> {
        let lookup = source.lookup(search)
        guard case .found(let entry) = lookup else { return lookup.withoutDetails()! }
        guard case .searchPage(let page) = entry.decoded,
              let best = NameMatching.best(of: page.results, score: score) else { return .noMatch }
        return .found(Match(result: best.candidate, confidence: best.confidence))
    }

    /// A lookup that did not find the document a found search pointed at.
    private func missing<Details>(_ lookup: DiscogsLookup) -> DetailsAnswer<Details> {
        lookup.withoutDetails() ?? .noMatch
    }

    /// Every row, headings and index tracks with their parts included; a track's artists only
    /// where they differ from the album's (a compilation's "who plays what").
    private func tracks(_ list: [DiscogsTrack], albumArtists: [DiscogsArtistCredit]) -> [AlbumDetails.Track] {
        list.map { track in
            let kind: AlbumDetails.Track.Kind = switch track.kind {
            case .heading: .heading
            case .index: .index
            case .track, .other: .track
            }
            let artists = track.artists.isEmpty || track.artists.map(\.id) == albumArtists.map(\.id)
                ? nil : DiscogsName.line(track.artists)
            return AlbumDetails.Track(kind: kind, position: track.position, title: track.title,
                                      durationSeconds: track.durationSeconds, artists: artists,
                                      credits: groups(track.credits),
                                      parts: tracks(track.subTracks, albumArtists: albumArtists))
        }
    }

    /// One entry per label and catalogue number (Discogs lists a label twice for two numbers).
    private func labels(_ credits: [DiscogsLabelCredit]) -> [AlbumDetails.Label] {
        var seen = Set<String>()
        return credits.filter { seen.insert($0.name + "\u{0}" + ($0.catalogNumber ?? "")).inserted }.map {
            AlbumDetails.Label(name: $0.name, displayName: DiscogsName.display($0.name), catalogNumber: $0.catalogNumber)
        }
    }

    private func groups(_ credits: [DiscogsArtistCredit]) -> [CreditGroup] {
        DiscogsCreditGroup.grouped(credits).map { CreditGroup(role: $0.role, names: $0.names) }
    }
}
