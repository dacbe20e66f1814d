import GRDB
import Storage

/// The lists the UI and the CLI browse, read from the materialized artist and album tables and
/// their sort indexes (no GROUP BY over songs).
extension CatalogStore {
    /// All artists, "The" left out and case and accents ignored, then by exact name.
    public func artists() throws(CatalogError) -> [Artist] {
        try read("list the artists") { db in
            try Row.fetchAll(db, sql: """
                SELECT name, albumCount, songCount, durationSeconds FROM artist ORDER BY sortKey, name
                """).map(CatalogRows.artist)
        }
    }

    /// One artist's albums by year (unknown years last), then title; or every album by artist,
    /// then title.
    public func albums(artist: String? = nil) throws(CatalogError) -> [Album] {
        try read("list the albums") { db in
            let columns = "title, artistName, year, songCount, discCount, durationSeconds"
            if let artist {
                return try Row.fetchAll(db, sql: """
                    SELECT \(columns) FROM album
                    WHERE artistId = (SELECT id FROM artist WHERE name = ?)
                    ORDER BY year IS NULL, year, sortKey, title
                    """, arguments: [artist]).map(CatalogRows.album)
            }
            return try Row.fetchAll(db, sql: """
                SELECT \(columns) FROM album ORDER BY artistSortKey, artistName, sortKey, title
                """).map(CatalogRows.album)
        }
    }

    /// Songs of an album, of an artist, or all, each album in disc, track, title order; a song
    /// without a disc number counts as disc 1, one without a track number comes after the
    /// numbered ones. Albums follow the order of `albums(artist:)`.
    public func songs(artist: String? = nil, album: String? = nil) throws(CatalogError) -> [Song] {
        try read("list the songs") { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let artist {
                conditions.append("album.artistId = (SELECT id FROM artist WHERE name = ?)")
                arguments += [artist]
            }
            if let album {
                conditions.append("album.title = ?")
                arguments += [album]
            }
            let albumOrder = artist == nil
                ? "album.artistSortKey, album.artistName, album.sortKey, album.title"
                : "album.year IS NULL, album.year, album.sortKey, album.title"
            let sql = """
                SELECT \(CatalogRows.songColumns) FROM song JOIN album ON album.id = song.albumId
                \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
                ORDER BY \(albumOrder), album.id, ifnull(song.discNumber, 1), song.trackNumber IS NULL,
                         song.trackNumber, song.titleSortKey, song.key
                """
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { CatalogRows.song($0, locate: locate) }
        }
    }

    /// The song with this id; nil when it was deleted or the object is a problem.
    public func song(id: SongID) throws(CatalogError) -> Song? {
        try read("read a song") { db in
            try Row.fetchOne(db, sql: """
                SELECT \(CatalogRows.songColumns) FROM song WHERE id = ? AND albumId IS NOT NULL
                """, arguments: [id.rawValue]).map { CatalogRows.song($0, locate: locate) }
        }
    }

    /// The song stored under `key` (compared by bytes), if it is a playable song.
    public func song(key: String) throws(CatalogError) -> Song? {
        try read("read a song") { db in
            try Row.fetchOne(db, sql: """
                SELECT \(CatalogRows.songColumns) FROM song WHERE key = ? AND albumId IS NOT NULL
                """, arguments: [key]).map { CatalogRows.song($0, locate: locate) }
        }
    }

    /// Every stored field of one key, problems included: what the scanner wrote.
    public func entry(key: String) throws(CatalogError) -> CatalogEntry? {
        try read("read an entry") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM song WHERE key = ?", arguments: [key]).map(CatalogRows.entry)
        }
    }
}

/// Rows to domain values, in one place so every query selects the same columns.
enum CatalogRows {
    static func artist(_ row: Row) -> Artist {
        Artist(name: row[0], albumCount: row[1], songCount: row[2], durationSeconds: row[3])
    }

    static func album(_ row: Row) -> Album {
        Album(title: row[0], artist: row[1], year: row[2], songCount: row[3], discCount: row[4],
              durationSeconds: row[5])
    }

    static let songColumns = """
        song.id, song.title, song.artist, song.albumArtist, song.album, song.discNumber,
        song.trackNumber, song.year, song.genre, song.durationSeconds, song.key, song.size, song.fingerprint
        """

    static func song(_ row: Row, locate: (String) -> StorageLocation) -> Song {
        let key: String = row[10]
        return Song(id: SongID(row[0]), title: row[1], artist: row[2], albumArtist: row[3], album: row[4],
                    discNumber: row[5], trackNumber: row[6], year: row[7], genre: row[8],
                    durationSeconds: row[9], storageKey: key, location: trackLocation(locate(key), size: row[11], fingerprint: row[12]))
    }

    /// An S3 object's fingerprint is the ETag its listing gave (`S3StorageSource`); a folder's
    /// (modification time and size) is not one, and a local file needs no listed version.
    static func trackLocation(_ location: StorageLocation, size: Int64, fingerprint: String) -> TrackLocation {
        guard location.isS3, !fingerprint.isEmpty else { return TrackLocation(location) }
        return TrackLocation(location, listed: ListedVersion(size: size, etag: fingerprint))
    }

    static func entry(_ row: Row) -> CatalogEntry {
        CatalogEntry(key: row["key"], size: row["size"], fingerprint: row["fingerprint"], title: row["title"],
                     artist: row["artist"], albumArtist: row["albumArtist"], album: row["album"],
                     discNumber: row["discNumber"], discTotal: row["discTotal"], trackNumber: row["trackNumber"],
                     trackTotal: row["trackTotal"], year: row["year"], genre: row["genre"],
                     compilation: row["compilation"], durationSeconds: row["durationSeconds"],
                     bitrateKbps: row["bitrateKbps"], sampleRate: row["sampleRate"], channels: row["channels"],
                     tagSource: row["tagSource"], problem: row["problem"])
    }
}
