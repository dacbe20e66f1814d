import GRDB

/// One `apply` batch inside its write transaction: songs written or deleted first, then only
/// the albums and artists those songs belonged to (before or after) recounted from their rows,
/// and dropped when empty. A batch of 500 songs touches a few dozen albums, so the cost does not
/// grow with the catalog.
struct CatalogWriter {
    private let db: Database
    private var albumIDs: [AlbumName: Int64] = [:]
    private var touchedAlbums: Set<Int64> = []
    private var touchedArtists: Set<Int64> = []

    private struct AlbumName: Hashable {
        var artist: ExactText
        var title: ExactText
    }

    init(db: Database) {
        self.db = db
    }

    mutating func apply(upserts: [CatalogEntry], deletions: [String]) throws {
        for key in deletions {
            try delete(key: key)
        }
        for entry in upserts {
            try upsert(entry)
        }
        for albumID in touchedAlbums {
            try recountAlbum(albumID)
        }
        for artistID in touchedArtists {
            try recountArtist(artistID)
        }
    }

    // MARK: Songs

    private mutating func delete(key: String) throws {
        guard let (songID, albumID) = try existingSong(key: key) else { return }
        try db.execute(sql: "DELETE FROM song WHERE id = ?", arguments: [songID])
        try db.execute(sql: "DELETE FROM song_search WHERE rowid = ?", arguments: [songID])
        if let albumID { touchedAlbums.insert(albumID) }
    }

    private mutating func upsert(_ entry: CatalogEntry) throws {
        let albumID = entry.problem == nil ? try findOrCreateAlbum(artist: entry.albumArtist, title: entry.album) : nil
        if let albumID { touchedAlbums.insert(albumID) }
        var arguments: StatementArguments = [
            entry.size, entry.fingerprint, entry.title, TextFolding.fold(entry.title), entry.artist,
            entry.albumArtist, entry.album, entry.discNumber, entry.discTotal, entry.trackNumber,
            entry.trackTotal, entry.year, entry.genre, entry.compilation, entry.durationSeconds,
            entry.bitrateKbps, entry.sampleRate, entry.channels, entry.tagSource, entry.problem, albumID,
        ]
        let songID: Int64
        if let (existingID, oldAlbumID) = try existingSong(key: entry.key) {
            // Updated in place: the SongID stays the same across rescans of a changed object.
            if let oldAlbumID { touchedAlbums.insert(oldAlbumID) }
            arguments += [existingID]
            try db.cachedStatement(sql: """
                UPDATE song SET size = ?, fingerprint = ?, title = ?, titleSortKey = ?, artist = ?,
                    albumArtist = ?, album = ?, discNumber = ?, discTotal = ?, trackNumber = ?,
                    trackTotal = ?, year = ?, genre = ?, compilation = ?, durationSeconds = ?,
                    bitrateKbps = ?, sampleRate = ?, channels = ?, tagSource = ?, problem = ?, albumId = ?
                WHERE id = ?
                """).execute(arguments: arguments)
            try db.cachedStatement(sql: "DELETE FROM song_search WHERE rowid = ?").execute(arguments: [existingID])
            songID = existingID
        } else {
            arguments += [entry.key]
            try db.cachedStatement(sql: """
                INSERT INTO song (size, fingerprint, title, titleSortKey, artist, albumArtist, album,
                    discNumber, discTotal, trackNumber, trackTotal, year, genre, compilation,
                    durationSeconds, bitrateKbps, sampleRate, channels, tagSource, problem, albumId, key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: arguments)
            songID = db.lastInsertedRowID
        }
        if entry.problem == nil {
            try db.cachedStatement(sql: "INSERT INTO song_search (rowid, title, artist) VALUES (?, ?, ?)")
                .execute(arguments: [songID, TextFolding.fold(entry.title), TextFolding.fold(entry.artist)])
        }
    }

    private func existingSong(key: String) throws -> (Int64, Int64?)? {
        let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, albumId FROM song WHERE key = ?"),
                                   arguments: [key])
        return row.map { ($0[0], $0[1]) }
    }

    // MARK: Groups

    private mutating func findOrCreateAlbum(artist: String, title: String) throws -> Int64 {
        let name = AlbumName(artist: ExactText(artist), title: ExactText(title))
        if let id = albumIDs[name] { return id }
        let (artistID, artistSortKey) = try findOrCreateArtist(artist)
        let id: Int64
        if let existing = try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT id FROM album WHERE artistId = ? AND title = ?"),
            arguments: [artistID, title]) {
            id = existing
        } else {
            let sortKey = TextFolding.fold(title)
            try db.cachedStatement(sql: """
                INSERT INTO album (artistId, artistName, artistSortKey, title, sortKey) VALUES (?, ?, ?, ?, ?)
                """).execute(arguments: [artistID, artist, artistSortKey, title, sortKey])
            id = db.lastInsertedRowID
            try db.cachedStatement(sql: "INSERT INTO album_search (rowid, title, artist) VALUES (?, ?, ?)")
                .execute(arguments: [id, sortKey, TextFolding.fold(artist)])
            touchedArtists.insert(artistID)
        }
        albumIDs[name] = id
        return id
    }

    private mutating func findOrCreateArtist(_ name: String) throws -> (id: Int64, sortKey: String) {
        if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, sortKey FROM artist WHERE name = ?"),
                                      arguments: [name]) {
            return (row[0], row[1])
        }
        let folded = TextFolding.fold(name)
        let sortKey = CatalogSortKey.artist(foldedName: folded)
        try db.cachedStatement(sql: "INSERT INTO artist (name, foldedName, sortKey) VALUES (?, ?, ?)")
            .execute(arguments: [name, folded, sortKey])
        let id = db.lastInsertedRowID
        try db.cachedStatement(sql: "INSERT INTO artist_search (rowid, name) VALUES (?, ?)")
            .execute(arguments: [id, folded])
        return (id, sortKey)
    }

    /// An album's year is its earliest song's (a reissue track tagged later does not move it);
    /// its disc count the highest disc number or total any song names.
    private mutating func recountAlbum(_ albumID: Int64) throws {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT count(*), min(year), max(max(ifnull(discNumber, 1), ifnull(discTotal, 1))),
                   total(durationSeconds), (SELECT artistId FROM album WHERE id = ?)
            FROM song WHERE albumId = ?
            """), arguments: [albumID, albumID]) else { return }
        let songCount: Int = row[0]
        guard let artistID: Int64 = row[4] else { return }
        touchedArtists.insert(artistID)
        if songCount == 0 {
            try db.cachedStatement(sql: "DELETE FROM album WHERE id = ?").execute(arguments: [albumID])
            try db.cachedStatement(sql: "DELETE FROM album_search WHERE rowid = ?").execute(arguments: [albumID])
            return
        }
        try db.cachedStatement(sql: """
            UPDATE album SET songCount = ?, year = ?, discCount = ?, durationSeconds = ? WHERE id = ?
            """).execute(arguments: [songCount, row[1] as Int?, row[2] as Int? ?? 1, row[3] as Double, albumID])
    }

    private func recountArtist(_ artistID: Int64) throws {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT count(*), total(songCount), total(durationSeconds) FROM album WHERE artistId = ?
            """), arguments: [artistID]) else { return }
        let albumCount: Int = row[0]
        if albumCount == 0 {
            try db.cachedStatement(sql: "DELETE FROM artist WHERE id = ?").execute(arguments: [artistID])
            try db.cachedStatement(sql: "DELETE FROM artist_search WHERE rowid = ?").execute(arguments: [artistID])
            return
        }
        try db.cachedStatement(sql: """
            UPDATE artist SET albumCount = ?, songCount = ?, durationSeconds = ? WHERE id = ?
            """).execute(arguments: [albumCount, Int(row[1] as Double), row[2] as Double, artistID])
    }
}
