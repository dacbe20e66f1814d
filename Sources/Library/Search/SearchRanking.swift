import Foundation

/// One row of the library-wide search: an artist, an album or a song.
public enum LibrarySearchHit: Sendable, Hashable {
    case artist(Artist)
    case album(Album)
    case song(Song)
}

/// How well a name matches what was typed, best first (issue 17): the whole name, its
/// beginning, the beginning of one of its words, anywhere in it; `elsewhere` when only another
/// field matched (an album found by its artist's name, a song by its track artist).
public enum MatchRank: Int, Sendable, Comparable {
    case exact, prefix, word, substring, elsewhere

    public static func < (lhs: MatchRank, rhs: MatchRank) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The rank of `folded` (TextFolding's form) for the folded query, nil when it does not
    /// contain it at all.
    public static func of(_ folded: String, query: String) -> MatchRank? {
        guard !query.isEmpty, let first = folded.range(of: query) else { return nil }
        if first.lowerBound == folded.startIndex {
            return first.upperBound == folded.endIndex ? .exact : .prefix
        }
        // A word begins after anything that is not a letter or a digit ("the love", "mc-love").
        var searchStart = folded.startIndex
        while let found = folded.range(of: query, range: searchStart..<folded.endIndex) {
            let before = folded[folded.index(before: found.lowerBound)]
            if !before.isLetter && !before.isNumber { return .word }
            searchStart = folded.index(after: found.lowerBound)
        }
        return .substring
    }
}

/// Orders search candidates: by rank, then artists before albums before songs, then in the
/// catalog's order (artist, album, disc and track). Pure, so the order is tested without a store.
public enum SearchRanking {
    public static func rank(query text: String, artists: [Artist], albums: [Album], songs: [Song],
                            limit: Int) -> [LibrarySearchHit] {
        let query = TextFolding.fold(text).trimmingWhitespace
        guard !query.isEmpty, limit > 0 else { return [] }
        var scored: [(key: SortKey, hit: LibrarySearchHit)] = []
        var seen = Set<LibrarySearchHit>()
        func add(_ hit: LibrarySearchHit, _ key: SortKey) {
            if seen.insert(hit).inserted { scored.append((key, hit)) }
        }
        for artist in artists {
            let folded = TextFolding.fold(artist.name)
            let sortName = CatalogSortKey.artist(foldedName: folded)
            // "The Beatles" is exactly what "beatles" asks for.
            let rank = [MatchRank.of(folded, query: query), MatchRank.of(sortName, query: query)]
                .compactMap { $0 }.min() ?? .elsewhere
            add(.artist(artist), SortKey(rank: rank, kind: 0, names: [sortName, folded], numbers: []))
        }
        for album in albums {
            let artist = CatalogSortKey.artist(foldedName: TextFolding.fold(album.artist))
            let title = TextFolding.fold(album.title)
            add(.album(album), SortKey(rank: MatchRank.of(title, query: query) ?? .elsewhere, kind: 1,
                                       names: [artist, title], numbers: []))
        }
        for song in songs {
            let artist = CatalogSortKey.artist(foldedName: TextFolding.fold(song.albumArtist))
            let title = TextFolding.fold(song.title)
            add(.song(song), SortKey(rank: MatchRank.of(title, query: query) ?? .elsewhere, kind: 2,
                                     names: [artist, TextFolding.fold(song.album)],
                                     numbers: [song.discNumber ?? 1, song.trackNumber ?? Int.max, Int(song.id.rawValue)]))
        }
        scored.sort { $0.key < $1.key }
        return scored.prefix(limit).map(\.hit)
    }

    struct SortKey: Comparable {
        var rank: MatchRank
        var kind: Int
        var names: [String]
        var numbers: [Int]

        static func < (lhs: SortKey, rhs: SortKey) -> Bool {
            if lhs.rank != rhs.rank { return lhs.rank < rhs.rank }
            if lhs.kind != rhs.kind { return lhs.kind < rhs.kind }
            if lhs.names != rhs.names { return lhs.names.lexicographicallyPrecedes(rhs.names) }
            return lhs.numbers.lexicographicallyPrecedes(rhs.numbers)
        }
    }
}
