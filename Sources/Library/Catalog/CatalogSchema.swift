import GRDB

/// The catalog's tables, one GRDB migration per format version. A file written by a newer
/// s3play has migrations this one does not know; `CatalogStore.open` moves it aside instead of
/// guessing at it.
///
/// - `song`: one row per object, problems included (`albumId` NULL). Keys and names are TEXT
///   with BINARY collation (byte comparison), so NFC and NFD spellings stay apart.
/// - `artist`, `album`: materialized groups with their counts, kept up to date by `apply` for
///   the groups it touches, so listing 50,000 artists reads 50,000 index entries instead of
///   grouping a million songs.
/// - `*_search`: FTS5 tables with the trigram tokenizer (SQLite ≥ 3.34) over folded text, for
///   substring search; their rowid is the row's id.
enum CatalogSchema {
    static let formatVersion = "catalog-v1"
    static let bucketRegionVersion = "catalog-v1-bucket-region"
    /// Every table the format needs; a file without one of them is damaged.
    static let tableNames = ["artist", "album", "song", "artist_search", "album_search", "song_search", "bucket_region"]

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(formatVersion) { db in
            try db.execute(sql: """
                CREATE TABLE artist (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL COLLATE BINARY UNIQUE,
                    foldedName TEXT NOT NULL,
                    sortKey TEXT NOT NULL, -- foldedName without a leading "the "
                    albumCount INTEGER NOT NULL DEFAULT 0,
                    songCount INTEGER NOT NULL DEFAULT 0,
                    durationSeconds REAL NOT NULL DEFAULT 0
                );
                CREATE INDEX artist_order ON artist(sortKey, name);
                -- The first characters typed (1-2) match name beginnings through these.
                CREATE INDEX artist_folded ON artist(foldedName);

                CREATE TABLE album (
                    id INTEGER PRIMARY KEY,
                    artistId INTEGER NOT NULL REFERENCES artist(id),
                    artistName TEXT NOT NULL COLLATE BINARY,
                    artistSortKey TEXT NOT NULL,
                    title TEXT NOT NULL COLLATE BINARY,
                    sortKey TEXT NOT NULL,
                    year INTEGER,
                    songCount INTEGER NOT NULL DEFAULT 0,
                    discCount INTEGER NOT NULL DEFAULT 1,
                    durationSeconds REAL NOT NULL DEFAULT 0,
                    UNIQUE (artistId, title)
                );
                CREATE INDEX album_order ON album(artistSortKey, artistName, sortKey, title);
                CREATE INDEX album_folded ON album(sortKey);

                CREATE TABLE song (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused: a queued SongID stays unique
                    key TEXT NOT NULL COLLATE BINARY UNIQUE,
                    size INTEGER NOT NULL,
                    fingerprint TEXT NOT NULL,
                    title TEXT NOT NULL,
                    titleSortKey TEXT NOT NULL,
                    artist TEXT NOT NULL,
                    albumArtist TEXT NOT NULL,
                    album TEXT NOT NULL,
                    discNumber INTEGER,
                    discTotal INTEGER,
                    trackNumber INTEGER,
                    trackTotal INTEGER,
                    year INTEGER,
                    genre TEXT,
                    compilation INTEGER NOT NULL,
                    durationSeconds REAL,
                    bitrateKbps INTEGER,
                    sampleRate INTEGER,
                    channels INTEGER,
                    tagSource TEXT NOT NULL,
                    problem TEXT,
                    albumId INTEGER REFERENCES album(id)
                );
                CREATE INDEX song_album ON song(albumId);
                CREATE INDEX song_problem ON song(key) WHERE problem IS NOT NULL;

                CREATE VIRTUAL TABLE artist_search USING fts5(name, tokenize = 'trigram');
                CREATE VIRTUAL TABLE album_search USING fts5(title, artist, tokenize = 'trigram');
                CREATE VIRTUAL TABLE song_search USING fts5(title, artist, tokenize = 'trigram');

                CREATE TABLE scan (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    lastComplete REAL
                );
                """)
        }
        // The region S3 said a bucket is in (a 301 or AuthorizationHeaderMalformed), so the next
        // run signs for it at once instead of paying the redirect round trip again (issue #18).
        migrator.registerMigration(bucketRegionVersion) { db in
            try db.execute(sql: """
                CREATE TABLE bucket_region (
                    bucket TEXT NOT NULL COLLATE BINARY PRIMARY KEY,
                    region TEXT NOT NULL
                );
                """)
        }
        return migrator
    }
}
