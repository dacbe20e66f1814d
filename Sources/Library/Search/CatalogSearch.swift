import GRDB

/// What a search found, each list in the catalog's own order and at most `limit` long.
public struct CatalogSearchResult: Sendable, Hashable {
    public var artists: [Artist]
    public var albums: [Album]
    public var songs: [Song]

    public init(artists: [Artist] = [], albums: [Album] = [], songs: [Song] = []) {
        self.artists = artists
        self.albums = albums
        self.songs = songs
    }
}

/// Case- and accent-insensitive substring search, all compared in `TextFolding`'s form: artists
/// by name, albums by title or album artist, songs by title or track artist (so a compilation
/// track is found under its own artist).
///
/// Three characters or more go to the FTS5 trigram indexes: a quoted phrase of trigrams matches
/// exactly the texts that contain the query, in a few index lookups at a million songs.
/// One or two characters have no trigram to look up; they scan the folded artist names and
/// album titles (150,000 short index entries at the benchmark's size, a few milliseconds) for
/// the substring, names that begin with it first, and find no songs: two letters match most of
/// a million titles, and the names are what a user types a CJK word or an initial to reach.
extension CatalogStore {
    public func search(_ text: String, limit: Int = 50) throws(CatalogError) -> CatalogSearchResult {
        let query = TextFolding.fold(text).trimmingWhitespace
        guard !query.isEmpty, limit > 0 else { return CatalogSearchResult() }
        return try read("search") { db in
            query.unicodeScalars.count >= 3
                ? try trigramSearch(db, query: query, limit: limit)
                : try shortSearch(db, query: query, limit: limit)
        }
    }

    private func trigramSearch(_ db: Database, query: String, limit: Int) throws -> CatalogSearchResult {
        // A quoted FTS5 string is one phrase: its trigrams must follow each other, i.e. the
        // query is a substring. Inside the quotes only '"' needs escaping, by doubling.
        let phrase = "\"" + query.replacingAll("\"", with: "\"\"") + "\""
        let artists = try Row.fetchAll(db, sql: """
            SELECT name, albumCount, songCount, durationSeconds FROM artist
            WHERE id IN (SELECT rowid FROM artist_search WHERE artist_search MATCH ?)
            ORDER BY sortKey, name LIMIT ?
            """, arguments: [phrase, limit]).map(CatalogRows.artist)
        let albums = try Row.fetchAll(db, sql: """
            SELECT title, artistName, year, songCount, discCount, durationSeconds FROM album
            WHERE id IN (SELECT rowid FROM album_search WHERE album_search MATCH ?)
            ORDER BY artistSortKey, artistName, sortKey, title LIMIT ?
            """, arguments: [phrase, limit]).map(CatalogRows.album)
        // A common word matches ~100,000 of a million songs; sorting them all by title would
        // read every matching row. The first `limit` matches in rowid order (the index's own
        // order, so FTS5 stops early) are sorted instead: scan order, not best match.
        let songs = try Row.fetchAll(db, sql: """
            SELECT \(CatalogRows.songColumns) FROM
                (SELECT rowid AS id FROM song_search WHERE song_search MATCH ? ORDER BY rowid LIMIT ?) AS found
            JOIN song ON song.id = found.id
            ORDER BY song.titleSortKey, song.artist, song.id
            """, arguments: [phrase, limit]).map { CatalogRows.song($0, locate: locate) }
        return CatalogSearchResult(artists: artists, albums: albums, songs: songs)
    }

    private func shortSearch(_ db: Database, query: String, limit: Int) throws -> CatalogSearchResult {
        let artists = try Row.fetchAll(db, sql: """
            SELECT name, albumCount, songCount, durationSeconds FROM artist
            WHERE id IN (SELECT id FROM artist WHERE instr(foldedName, :q) > 0)
            ORDER BY instr(sortKey, :q) <> 1 AND instr(foldedName, :q) <> 1, sortKey, name LIMIT :limit
            """, arguments: ["q": query, "limit": limit]).map(CatalogRows.artist)
        let albums = try Row.fetchAll(db, sql: """
            SELECT title, artistName, year, songCount, discCount, durationSeconds FROM album
            WHERE id IN (SELECT id FROM album WHERE instr(sortKey, :q) > 0)
            ORDER BY instr(sortKey, :q) <> 1, artistSortKey, artistName, sortKey, title LIMIT :limit
            """, arguments: ["q": query, "limit": limit]).map(CatalogRows.album)
        return CatalogSearchResult(artists: artists, albums: albums, songs: [])
    }
}

extension String {
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }

    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
