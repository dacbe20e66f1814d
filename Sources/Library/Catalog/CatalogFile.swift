import Foundation

/// Where a library's catalog lives on disk and who may read it: one SQLite file per library
/// location, in a directory only the user can enter (0700), the file and its -wal/-shm 0600
/// (the catalog names every object of a private bucket).
struct CatalogFile {
    let directory: URL
    let url: URL

    init(directory: URL, libraryLocation: String) {
        self.directory = directory
        self.url = directory.appendingPathComponent(Self.fileName(libraryLocation: libraryLocation))
    }

    /// `catalog-<16 hex digits>.sqlite`: FNV-1a 64 of the location's UTF-8 bytes, stable across
    /// runs and builds (Swift's `Hasher` is seeded per process, so it cannot name a file).
    static func fileName(libraryLocation: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in libraryLocation.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "catalog-" + String(repeating: "0", count: 16 - hex.count) + hex + ".sqlite"
    }

    var path: String { url.path }
    /// SQLite's companions in WAL mode.
    var companionPaths: [String] { [path + "-wal", path + "-shm"] }

    /// Creates the directory (0700) and the empty file (0600) before SQLite opens it: SQLite
    /// gives -wal and -shm the mode of the database file, so they are 0600 too.
    func prepare() throws(CatalogError) {
        let manager = FileManager.default
        do {
            try manager.createDirectory(at: directory, withIntermediateDirectories: true,
                                        attributes: [.posixPermissions: 0o700])
            try manager.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory.path)
        } catch {
            throw CatalogError("Cannot create the catalog directory \(directory.path): \(Self.reason(error)).")
        }
        let descriptor = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw CatalogError("Cannot create the catalog \(path): \(String(cString: strerror(errno))).")
        }
        // An existing file made under another umask gets narrowed too.
        _ = fchmod(descriptor, 0o600)
        close(descriptor)
        for companion in companionPaths where manager.fileExists(atPath: companion) {
            _ = chmod(companion, 0o600)
        }
    }

    /// Takes over `former`'s file and companions when this one does not exist yet: a catalog
    /// named by an older rule (issue #18: S3 catalogs were named by bucket and prefix alone, now
    /// also by a custom endpoint) keeps its songs. Returns whether a file was taken over.
    func adopt(_ former: CatalogFile) throws(CatalogError) -> Bool {
        let manager = FileManager.default
        guard former.path != path, !manager.fileExists(atPath: path), manager.fileExists(atPath: former.path) else { return false }
        // The -wal holds committed pages not yet in the main file: it moves with it, first,
        // so no moment has the main file at the new name without its log.
        for (from, to) in zip(former.companionPaths + [former.path], companionPaths + [path]) {
            if rename(from, to) != 0 && errno != ENOENT {
                throw CatalogError("Cannot rename the catalog \(from) to \(to): \(String(cString: strerror(errno))).")
            }
        }
        return true
    }

    /// Moves the file and its companions to `<name>.<suffix>` (replacing an older one there), so
    /// the user can look at what was wrong while a fresh catalog takes its place.
    func moveAside(suffix: String) throws(CatalogError) -> String {
        let target = path + "." + suffix
        for (from, to) in zip([path] + companionPaths, [target] + companionPaths.map { $0 + "." + suffix }) {
            _ = unlink(to)
            if rename(from, to) != 0 && errno != ENOENT {
                throw CatalogError("Cannot move the unreadable catalog \(from) aside: \(String(cString: strerror(errno))).")
            }
        }
        return target
    }

    static func reason(_ error: Error) -> String {
        (error as NSError).localizedDescription
    }
}
