import GRDB

/// The layout of metadata.sqlite. The format version lives in `PRAGMA user_version` (style
/// principle 10): a file with a newer version than this build knows is moved aside, not read.
enum CacheSchema {
    static let version = 1

    /// `document` is a rowid table on purpose: bodies are KiB-sized blobs, which SQLite advises
    /// against in WITHOUT ROWID tables (sqlite.org/withoutrowid.html, section 4).
    static func create(in db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE document (
                key TEXT PRIMARY KEY NOT NULL,
                body BLOB,
                fetchedAt REAL NOT NULL,
                viewedAt REAL NOT NULL
            );
            CREATE INDEX document_viewedAt ON document(viewedAt);
            CREATE TABLE counter (name TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL) WITHOUT ROWID;
            INSERT INTO counter (name, value) VALUES ('hits', 0), ('misses', 0);
            CREATE TABLE requestTime (time REAL NOT NULL);
            PRAGMA user_version = \(version);
            """)
    }

    /// Why the file cannot be used as it is, or nil when it is a healthy cache of this version.
    /// Creates the tables in an empty database.
    static func problem(in db: Database) throws -> String? {
        let check = try String.fetchAll(db, sql: "PRAGMA quick_check")
        guard check == ["ok"] else {
            return "integrity check: \(check.prefix(3).joined(separator: "; "))"
        }
        let found = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        if found > version {
            return "format version \(found) is newer than this s3play's \(version)"
        }
        if found == 0 {
            guard try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") == 0 else {
                return "not an s3play metadata cache"
            }
            try create(in: db)
        }
        return nil
    }
}
