import Foundation
import GRDB

/// Hit and miss counts and view times not yet written (written in batches: one transaction per
/// lookup would cost more than the lookup).
struct PendingStatistics {
    var hits = 0
    var misses = 0
    var viewedAt: [String: Double] = [:]

    var lookups: Int { hits + misses }
    var isEmpty: Bool { hits == 0 && misses == 0 && viewedAt.isEmpty }
}

/// The SQL of the cache, one function per operation. Every write is one transaction.
struct CacheDatabase: Sendable {
    let queue: DatabaseQueue
    let path: String

    func document(forKey key: String) throws -> CachedDocument? {
        try queue.read { db in
            try Row.fetchOne(db, sql: "SELECT body, fetchedAt, viewedAt FROM document WHERE key = ?",
                             arguments: [key]).map { row in
                let body: Data? = row[0]
                return CachedDocument(key: key, body: body.map { [UInt8]($0) }, fetchedAt: row[1], viewedAt: row[2])
            }
        }
    }

    /// Upserts the document and writes the pending statistics in the same transaction. A stored
    /// view time never goes back.
    func store(_ document: CachedDocument, with pending: PendingStatistics) throws {
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO document (key, body, fetchedAt, viewedAt) VALUES (?, ?, ?, ?)
                ON CONFLICT(key) DO UPDATE SET body = excluded.body, fetchedAt = excluded.fetchedAt,
                    viewedAt = max(viewedAt, excluded.viewedAt)
                """, arguments: [document.key, document.body.map { Data($0) }, document.fetchedAt, document.viewedAt])
            try Self.write(pending, in: db)
        }
    }

    func write(_ pending: PendingStatistics) throws {
        guard !pending.isEmpty else { return }
        try queue.write { db in try Self.write(pending, in: db) }
    }

    private static func write(_ pending: PendingStatistics, in db: Database) throws {
        if pending.hits > 0 {
            try db.execute(sql: "UPDATE counter SET value = value + ? WHERE name = 'hits'", arguments: [pending.hits])
        }
        if pending.misses > 0 {
            try db.execute(sql: "UPDATE counter SET value = value + ? WHERE name = 'misses'", arguments: [pending.misses])
        }
        for (key, viewedAt) in pending.viewedAt {
            try db.execute(sql: "UPDATE document SET viewedAt = max(viewedAt, ?) WHERE key = ?", arguments: [viewedAt, key])
        }
    }

    func keys(withPrefix prefix: String) throws -> [String] {
        try queue.read { db in
            // substr counts characters, as `count` on the bound prefix does.
            try String.fetchAll(db, sql: "SELECT key FROM document WHERE substr(key, 1, ?) = ? ORDER BY key",
                                arguments: [prefix.count, prefix])
        }
    }

    /// Deletes documents last viewed before `cutoff`; returns how many.
    func removeDocuments(viewedBefore cutoff: Double, with pending: PendingStatistics) throws -> Int {
        try queue.write { db in
            try Self.write(pending, in: db)
            try db.execute(sql: "DELETE FROM document WHERE viewedAt < ?", arguments: [cutoff])
            return db.changesCount
        }
    }

    /// Deletes every document and zeroes the counts; keeps the request times (Discogs still counts them).
    func removeAllDocuments() throws {
        try queue.write { db in
            try db.execute(sql: "DELETE FROM document; UPDATE counter SET value = 0")
        }
    }

    func stats(now: Double, configuration: MetadataCacheConfiguration, pending: PendingStatistics,
               memoryHitsThisRun: Int) throws -> MetadataCacheStats {
        try write(pending)
        let row = try queue.read { db in
            try Row.fetchOne(db, sql: """
                SELECT count(*),
                       count(*) FILTER (WHERE body IS NULL),
                       count(*) FILTER (WHERE (body IS NULL AND fetchedAt <= ?) OR (body IS NOT NULL AND fetchedAt <= ?)),
                       (SELECT value FROM counter WHERE name = 'hits'),
                       (SELECT value FROM counter WHERE name = 'misses')
                FROM document
                """, arguments: [now - configuration.negativeStaleAfter, now - configuration.staleAfter])
        }
        let fileBytes = [path, path + "-wal"].reduce(0) { total, file in
            total + ((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0)
        }
        return MetadataCacheStats(entries: row?[0] ?? 0, notFoundEntries: row?[1] ?? 0, staleEntries: row?[2] ?? 0,
                                  hits: row?[3] ?? 0, misses: row?[4] ?? 0, fileBytes: fileBytes,
                                  memoryHitsThisRun: memoryHitsThisRun, isOnDisk: true)
    }

    func requestTimes() throws -> [Double] {
        try queue.read { db in try Double.fetchAll(db, sql: "SELECT time FROM requestTime ORDER BY time") }
    }

    /// One small transaction per Discogs request: the window holds at most about 60 times.
    func saveRequestTimes(_ times: [Double]) throws {
        try queue.write { db in
            try db.execute(sql: "DELETE FROM requestTime")
            let insert = try db.cachedStatement(sql: "INSERT INTO requestTime (time) VALUES (?)")
            for time in times { try insert.execute(arguments: [time]) }
        }
    }
}
