import Foundation
import GRDB
import Storage

/// The catalog of one library: every object a scan found, with its tags, grouped into artists
/// and albums, in one SQLite file (see `CatalogFile`). Thread-safe: reads run in parallel on
/// WAL snapshots, writes are serialized, and each `apply` is one transaction, so a scan that
/// stops half-way keeps every batch it finished.
public final class CatalogStore: Sendable {
    let pool: DatabasePool
    /// Turns a stored key into where playback opens it (`StorageSource.storageLocation(forKey:)`).
    let locate: @Sendable (String) -> StorageLocation
    public let fileURL: URL

    private init(pool: DatabasePool, fileURL: URL, locate: @escaping @Sendable (String) -> StorageLocation) {
        self.pool = pool
        self.fileURL = fileURL
        self.locate = locate
    }

    /// Opens (or creates) the catalog of `libraryLocation` under `directory` (the caller passes
    /// `$XDG_CACHE_HOME/s3play`). A file SQLite cannot read, or one written in a newer format,
    /// is moved aside and replaced by an empty catalog, with one `onNotice` sentence: the
    /// catalog only caches what a scan can read again.
    ///
    /// `libraryLocation` names the file: for S3 on a custom endpoint it includes the endpoint, so
    /// two servers with a bucket of the same name keep two catalogs. `formerLocations` are names
    /// an older s3play used for the same library: such a file, when this one does not exist yet,
    /// is renamed to it (with a notice) instead of starting empty.
    public static func open(directory: URL, libraryLocation: String, formerLocations: [String] = [],
                            location: @escaping @Sendable (String) -> StorageLocation,
                            onNotice: @Sendable (String) -> Void) throws(CatalogError) -> CatalogStore {
        let file = CatalogFile(directory: directory, libraryLocation: libraryLocation)
        for former in formerLocations {
            let formerFile = CatalogFile(directory: directory, libraryLocation: former)
            if try file.adopt(formerFile) {
                onNotice("The catalog \(formerFile.path) is now \(file.path): catalogs of S3 libraries on a custom endpoint are named by endpoint, bucket and prefix.")
                break
            }
        }
        try file.prepare()
        let pool: DatabasePool
        do {
            pool = try openPool(file)
        } catch let unreadable as UnreadableCatalog {
            let movedTo = try file.moveAside(suffix: unreadable.suffix)
            onNotice("The catalog \(file.path) \(unreadable.reason); it was moved to \(movedTo) and a new one started: the next scan fills it again.")
            try file.prepare()
            do {
                pool = try openPool(file)
            } catch {
                throw CatalogError("Cannot open the catalog \(file.path): \(describe(error)).")
            }
        } catch {
            throw CatalogError("Cannot open the catalog \(file.path): \(describe(error)).")
        }
        return CatalogStore(pool: pool, fileURL: file.url, locate: location)
    }

    private struct UnreadableCatalog: Error {
        var reason: String
        var suffix: String
    }

    private static func openPool(_ file: CatalogFile) throws -> DatabasePool {
        var configuration = Configuration()
        // Another s3play (a scan while the player runs) may hold the write lock for one batch.
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // WAL with synchronous=NORMAL never corrupts; a power cut loses at most the last
            // batches, which the next scan reads again.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: file.path, configuration: configuration)
            let migrator = CatalogSchema.migrator
            if try pool.read({ try migrator.hasBeenSuperseded($0) }) {
                try pool.close()
                throw UnreadableCatalog(reason: "was written by a newer s3play", suffix: "newer")
            }
            try migrator.migrate(pool)
            // The migration is recorded, so a file that lost a table since (issue #19: every
            // scan failed with "no such table: song") is only noticed by looking.
            if let missing = try pool.read({ db in try CatalogSchema.tableNames.first { try !db.tableExists($0) } }) {
                try pool.close()
                throw UnreadableCatalog(reason: "is damaged (its table \(missing) is missing)", suffix: "corrupt")
            }
        } catch let error as DatabaseError where [.SQLITE_CORRUPT, .SQLITE_NOTADB].contains(error.resultCode) {
            throw UnreadableCatalog(reason: "is damaged (\(error.message ?? "\(error.resultCode)"))", suffix: "corrupt")
        }
        return pool
    }

    static func describe(_ error: Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        return "\(error)"
    }

    /// Runs a read, turning SQLite's errors into one sentence.
    func read<T>(_ what: String, _ body: (Database) throws -> T) throws(CatalogError) -> T {
        do {
            return try pool.read(body)
        } catch {
            throw CatalogError("Cannot \(what) from the catalog \(fileURL.path): \(Self.describe(error)).")
        }
    }

    // MARK: Writing

    /// Writes one batch of a scan in one transaction: `upserts` replace the rows of their keys
    /// (a song keeps its `SongID`), `deletions` remove keys the listing no longer has. Only the
    /// albums and artists of these songs are recounted.
    public func apply(upserts: [CatalogEntry], deletions: [String]) throws(CatalogError) {
        do {
            try pool.write { db in
                var writer = CatalogWriter(db: db)
                try writer.apply(upserts: upserts, deletions: deletions)
            }
        } catch {
            throw CatalogError("Cannot update the catalog \(fileURL.path): \(Self.describe(error)).")
        }
    }

    /// Records that a scan listed the whole library and applied every batch.
    public func markScanComplete(at date: Date) throws(CatalogError) {
        do {
            try pool.write { db in
                try db.execute(sql: """
                    INSERT INTO scan (id, lastComplete) VALUES (1, ?)
                    ON CONFLICT (id) DO UPDATE SET lastComplete = excluded.lastComplete
                    """, arguments: [date.timeIntervalSince1970])
            }
        } catch {
            throw CatalogError("Cannot update the catalog \(fileURL.path): \(Self.describe(error)).")
        }
    }

    /// When the last complete scan finished; nil before the first one.
    public func lastCompleteScan() throws(CatalogError) -> Date? {
        try read("read the last scan time") { db in
            try Double.fetchOne(db, sql: "SELECT lastComplete FROM scan WHERE id = 1")
                .map { Date(timeIntervalSince1970: $0) }
        }
    }

    // MARK: What the scanner compares against

    /// Every stored key with its fingerprint, problems included.
    public func fingerprints() throws(CatalogError) -> CatalogFingerprints {
        try read("read the fingerprints") { db in
            var byKey: [ExactText: String] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT key, fingerprint FROM song")
            while let row = try rows.next() {
                byKey[ExactText(row[0])] = row[1]
            }
            return CatalogFingerprints(fingerprintByKey: byKey)
        }
    }

    /// Objects that are not playable, by key (byte order), with the reason.
    public func problems() throws(CatalogError) -> [(key: String, problem: String)] {
        try read("read the problems") { db in
            try Row.fetchAll(db, sql: "SELECT key, problem FROM song WHERE problem IS NOT NULL ORDER BY key")
                .map { (key: $0[0], problem: $0[1]) }
        }
    }

    public func counts() throws(CatalogError) -> CatalogCounts {
        try read("count the songs") { db in
            // The artists' totals instead of count(*) over a million songs.
            let row = try Row.fetchOne(db, sql: """
                SELECT (SELECT total(songCount) FROM artist), (SELECT count(*) FROM album),
                       (SELECT count(*) FROM artist), (SELECT count(*) FROM song WHERE problem IS NOT NULL)
                """)!
            return CatalogCounts(songs: Int(row[0] as Double), albums: row[1], artists: row[2], problems: row[3])
        }
    }
}

/// How much the catalog holds; problems are not songs.
public struct CatalogCounts: Sendable, Hashable {
    public var songs: Int
    public var albums: Int
    public var artists: Int
    public var problems: Int

    public init(songs: Int, albums: Int, artists: Int, problems: Int) {
        self.songs = songs
        self.albums = albums
        self.artists = artists
        self.problems = problems
    }
}
