import GRDB

/// The library-wide search behind the player's `/` (issue 17): artists, albums and songs in one
/// list, best match first (`SearchRanking`).
///
/// Plain substring search (`search`) returns the first matches in index order, so on a million
/// songs the title that *is* "Love" can sit behind 100,000 that contain it. The candidates here
/// therefore come in three kinds, each bounded by an index:
/// - exact: artist and album names through their folded-name indexes; song titles among the
///   titles that begin with the query (FTS5's `^` initial-token phrase on the trigram index);
/// - prefix: the first `candidateLimit` titles and names that begin with the query (`^`);
/// - anywhere: the first `candidateLimit` substring matches, as `search` finds them.
/// One character finds the artists and albums whose names begin with it (an index range); two
/// have no trigram either: artists and albums come from `search`'s short scan, and no songs.
extension CatalogStore {
    public func rankedSearch(_ text: String, limit: Int = 200, candidateLimit: Int = 100)
        throws(CatalogError) -> [LibrarySearchHit]
    {
        let query = TextFolding.fold(text).trimmingWhitespace
        guard !query.isEmpty, limit > 0 else { return [] }
        if query.unicodeScalars.count == 1 { return try initialSearch(query, limit: limit, candidateLimit: candidateLimit) }
        let anywhere = try search(text, limit: candidateLimit)
        guard query.unicodeScalars.count >= 3 else {
            return SearchRanking.rank(query: text, artists: anywhere.artists, albums: anywhere.albums,
                                      songs: anywhere.songs, limit: limit)
        }
        let (artists, albums, songs) = try read("search") { db in
            let phrase = "\"" + query.replacingAll("\"", with: "\"\"") + "\""
            let artists = try Row.fetchAll(db, sql: """
                SELECT name, albumCount, songCount, durationSeconds FROM artist
                WHERE foldedName = :q OR sortKey = :q
                   OR id IN (SELECT rowid FROM artist_search WHERE artist_search MATCH :prefix ORDER BY rowid LIMIT :limit)
                """, arguments: ["q": query, "prefix": "name : ^" + phrase, "limit": candidateLimit])
                .map(CatalogRows.artist)
            let albums = try Row.fetchAll(db, sql: """
                SELECT title, artistName, year, songCount, discCount, durationSeconds FROM album
                WHERE sortKey = :q
                   OR id IN (SELECT rowid FROM album_search WHERE album_search MATCH :prefix ORDER BY rowid LIMIT :limit)
                """, arguments: ["q": query, "prefix": "title : ^" + phrase, "limit": candidateLimit])
                .map(CatalogRows.album)
            // Exact titles are the initial-phrase matches whose whole folded title is the query,
            // looked for among the first `exactTitleScan` of them: reading the folded title of
            // all 15,000 titles that begin with "love" (a million songs) costs ~100 ms, of 2,000
            // ~6 ms (scripts/bench-library).
            let songs = try Row.fetchAll(db, sql: """
                SELECT \(CatalogRows.songColumns) FROM song WHERE song.id IN (
                    SELECT rowid FROM (SELECT rowid, title FROM song_search WHERE song_search MATCH :prefix
                                       ORDER BY rowid LIMIT :scan)
                    WHERE title = :q LIMIT :limit)
                 OR song.id IN (
                    SELECT rowid FROM song_search WHERE song_search MATCH :prefix ORDER BY rowid LIMIT :limit)
                """, arguments: ["q": query, "prefix": "title : ^" + phrase, "limit": candidateLimit,
                                 "scan": Self.exactTitleScan])
                .map { CatalogRows.song($0, locate: locate) }
            return (artists, albums, songs)
        }
        return SearchRanking.rank(query: text, artists: artists + anywhere.artists, albums: albums + anywhere.albums,
                                  songs: songs + anywhere.songs, limit: limit)
    }

    /// How many titles beginning with the query are checked for an exact title.
    static let exactTitleScan = 2_000

    /// One character: the names that begin with it, through the folded-name indexes (a range,
    /// not a scan of 150,000 names); a letter inside a name is no search yet.
    private func initialSearch(_ query: String, limit: Int, candidateLimit: Int) throws(CatalogError) -> [LibrarySearchHit] {
        guard let scalar = query.unicodeScalars.first, let next = Unicode.Scalar(scalar.value + 1) else { return [] }
        let upper = String(Character(next))
        let (artists, albums) = try read("search") { db in
            let artists = try Row.fetchAll(db, sql: """
                SELECT name, albumCount, songCount, durationSeconds FROM artist
                WHERE id IN (SELECT id FROM artist WHERE sortKey >= :q AND sortKey < :upper LIMIT :limit)
                   OR id IN (SELECT id FROM artist WHERE foldedName >= :q AND foldedName < :upper LIMIT :limit)
                """, arguments: ["q": query, "upper": upper, "limit": candidateLimit]).map(CatalogRows.artist)
            let albums = try Row.fetchAll(db, sql: """
                SELECT title, artistName, year, songCount, discCount, durationSeconds FROM album
                WHERE sortKey >= :q AND sortKey < :upper LIMIT :limit
                """, arguments: ["q": query, "upper": upper, "limit": candidateLimit]).map(CatalogRows.album)
            return (artists, albums)
        }
        return SearchRanking.rank(query: query, artists: artists, albums: albums, songs: [], limit: limit)
    }
}
