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
/// One or two characters have no trigram: artists and albums come from `search`'s short scan,
/// songs only when their title is exactly the query (rare, and a full scan is not affordable).
extension CatalogStore {
    public func rankedSearch(_ text: String, limit: Int = 200, candidateLimit: Int = 100)
        throws(CatalogError) -> [LibrarySearchHit]
    {
        let query = TextFolding.fold(text).trimmingWhitespace
        guard !query.isEmpty, limit > 0 else { return [] }
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
            // Exact titles are the initial-phrase matches whose whole folded title is the query:
            // the FTS table keeps the folded title, so no song row is read for the others.
            let songs = try Row.fetchAll(db, sql: """
                SELECT \(CatalogRows.songColumns) FROM song WHERE song.id IN (
                    SELECT rowid FROM song_search WHERE song_search MATCH :prefix AND title = :q LIMIT :limit)
                 OR song.id IN (
                    SELECT rowid FROM song_search WHERE song_search MATCH :prefix ORDER BY rowid LIMIT :limit)
                """, arguments: ["q": query, "prefix": "title : ^" + phrase, "limit": candidateLimit])
                .map { CatalogRows.song($0, locate: locate) }
            return (artists, albums, songs)
        }
        return SearchRanking.rank(query: text, artists: artists + anywhere.artists, albums: albums + anywhere.albums,
                                  songs: songs + anywhere.songs, limit: limit)
    }
}
