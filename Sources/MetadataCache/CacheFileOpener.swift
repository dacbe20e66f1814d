import Foundation
import GRDB

/// Finds metadata.sqlite in a usable state: creates it when missing, checks it when present, and
/// moves an unreadable one aside for a fresh one. Only a directory that cannot be written fails.
enum CacheFileOpener {
    struct Opened {
        /// nil when the file cannot be used for a reason a rebuild does not fix (disk full, I/O
        /// error, another process holding a lock): the cache then runs in memory for this process.
        var database: CacheDatabase?
        var notice: String?
    }

    /// Why an existing file was not used. `rebuild` is false for reasons outside the file.
    private struct FileProblem: Error {
        var reason: String
        var rebuild: Bool
    }

    static func open(_ configuration: MetadataCacheConfiguration, now: Double) throws(MetadataCacheError) -> Opened {
        let directory = configuration.directory.path
        try CacheFileModes.createPrivateDirectory(directory)
        let path = configuration.fileURL.path
        var movedAside: (path: String, reason: String)?
        // Three tries: a second process opening the same damaged file may move it aside first.
        var attemptsLeft = 3
        while true {
            attemptsLeft -= 1
            do {
                if !FileManager.default.fileExists(atPath: path) {
                    try createFresh(at: path, configuration)
                }
                let database = try openExisting(at: path, configuration)
                let notice = movedAside.map { "The metadata cache was unreadable (\($0.reason)) and has been rebuilt; the old file is at \($0.path)." }
                return Opened(database: database, notice: notice)
            } catch let error as MetadataCacheError {
                throw error
            } catch let problem as FileProblem where problem.rebuild && movedAside == nil && attemptsLeft > 0 {
                if let aside = try moveAside(path, reason: problem.reason, now: now) {
                    movedAside = (aside, problem.reason)
                }
            } catch {
                let reason = (error as? FileProblem)?.reason ?? "\(error)"
                let rebuilt = movedAside.map { " (the unreadable old file is at \($0.path))" } ?? ""
                return Opened(database: nil, notice: "The metadata cache at \(path) cannot be used (\(reason))\(rebuilt); this run keeps metadata in memory only.")
            }
        }
    }

    private static func connectionConfiguration(_ configuration: MetadataCacheConfiguration) -> Configuration {
        var connection = Configuration()
        // WAL: readers (`s3play cache stats`) never block the player's writes, and a commit is one
        // append. GRDB's WAL set-up also sets synchronous=NORMAL, which in WAL mode loses no
        // committed transaction when the process dies, only on power loss (sqlite.org/wal.html).
        connection.journalMode = .wal
        connection.busyMode = .timeout(configuration.busyTimeout)
        connection.label = "s3play.metadata-cache"
        return connection
    }

    /// Builds an empty cache beside the final name and links it into place, so no process ever
    /// sees a half-made file under `metadata.sqlite` (style principle 10). When another process got
    /// there first, its file wins.
    private static func createFresh(at path: String, _ configuration: MetadataCacheConfiguration) throws {
        let temporary = "\(path).new-\(getpid())"
        CacheFileModes.removeWithCompanions(temporary)
        try CacheFileModes.createPrivateFile(temporary)
        do {
            let queue = try DatabaseQueue(path: temporary, configuration: connectionConfiguration(configuration))
            try queue.write { db in try CacheSchema.create(in: db) }
            // Closing the last connection checkpoints the log into the file and deletes it.
            try queue.close()
        } catch {
            CacheFileModes.removeWithCompanions(temporary)
            throw FileProblem(reason: "could not create it: \(error)", rebuild: false)
        }
        // A log left without its database would be replayed into the new one (its frames are
        // checked against the log's own salt, not against the database file).
        for companion in CacheFileModes.companions(of: path) { unlink(companion) }
        if link(temporary, path) != 0 && errno != EEXIST {
            let reason = String(cString: strerror(errno))
            CacheFileModes.removeWithCompanions(temporary)
            throw FileProblem(reason: "could not create it: \(reason)", rebuild: false)
        }
        CacheFileModes.removeWithCompanions(temporary)
    }

    private static func openExisting(at path: String, _ configuration: MetadataCacheConfiguration) throws -> CacheDatabase {
        // SQLite takes an empty file for an empty database; ours are never empty (createFresh), so
        // an empty one is something else, e.g. a copy that was cut short.
        if (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) == 0 {
            throw FileProblem(reason: "the file is empty", rebuild: true)
        }
        CacheFileModes.makePrivate(path)
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: connectionConfiguration(configuration))
        } catch {
            throw classify(error)
        }
        do {
            // SQLite gives the log and index files the database file's mode; this keeps them so
            // even if they were made by another tool.
            CacheFileModes.makePrivate(path)
            for companion in CacheFileModes.companions(of: path) { CacheFileModes.makePrivate(companion) }
            if let reason = try queue.write({ db in try CacheSchema.problem(in: db) }) {
                throw FileProblem(reason: reason, rebuild: true)
            }
            return CacheDatabase(queue: queue, path: path)
        } catch {
            try? queue.close()
            throw classify(error)
        }
    }

    /// Damage in the file is repaired by a rebuild; a full disk, an I/O error or a lock held too
    /// long are not the file's fault and would follow a new file too.
    private static func classify(_ error: any Error) -> any Error {
        if error is FileProblem { return error }
        guard let databaseError = error as? DatabaseError else {
            return FileProblem(reason: "\(error)", rebuild: false)
        }
        let reason = databaseError.message ?? "\(databaseError.resultCode)"
        switch databaseError.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_NOMEM, .SQLITE_FULL, .SQLITE_IOERR, .SQLITE_INTERRUPT:
            return FileProblem(reason: reason, rebuild: false)
        case .SQLITE_NOTADB:
            // Its first 16 bytes are not "SQLite format 3\0" (sqlite.org/fileformat.html §1.3.1):
            // random bytes, or some other file saved under this name.
            return FileProblem(reason: "it is not a SQLite database", rebuild: true)
        case .SQLITE_CORRUPT:
            return FileProblem(reason: "it is a damaged SQLite database: \(reason)", rebuild: true)
        default:
            return FileProblem(reason: reason, rebuild: true)
        }
    }

    /// Renames the file (and its log and index) to `metadata.sqlite.corrupt-<UTC time>`; returns
    /// the new path, or nil when another process moved it first.
    private static func moveAside(_ path: String, reason: String, now: Double) throws(MetadataCacheError) -> String? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let stamp = formatter.string(from: Date(timeIntervalSince1970: now))
        var target = "\(path).corrupt-\(stamp)"
        var suffix = 2
        while FileManager.default.fileExists(atPath: target) {
            target = "\(path).corrupt-\(stamp)-\(suffix)"
            suffix += 1
        }
        guard rename(path, target) == 0 else {
            if errno == ENOENT { return nil }
            let directory = (path as NSString).deletingLastPathComponent
            throw .directoryNotWritable(path: directory, reason: "cannot move aside an unreadable cache file (\(reason)): \(String(cString: strerror(errno)))")
        }
        for (companion, suffix) in zip(CacheFileModes.companions(of: path), ["-wal", "-shm"]) {
            if rename(companion, target + suffix) != 0 { unlink(companion) }
        }
        return target
    }
}
