import Glibc

/// Where the running player listens: `$XDG_RUNTIME_DIR/s3play/remote.sock`, else
/// `/tmp/s3play-<uid>/remote.sock`.
///
/// The directory, not the socket, is what keeps other users out: connecting to a Unix socket
/// needs search permission on its directory (man 7 unix), so it is 0700 and must belong to us.
/// In /tmp anyone could have created `s3play-<uid>` first, hence the ownership check.
public struct RemoteSocketLocation: Sendable, Equatable {
    public let directory: String
    public var socketPath: String { directory + "/remote.sock" }

    public init(directory: String) {
        self.directory = directory
    }

    /// XDG_RUNTIME_DIR counts only when absolute (the XDG Base Directory spec ignores relative values).
    public init(environment: [String: String], userID: uid_t = geteuid()) {
        if let runtime = environment["XDG_RUNTIME_DIR"], runtime.hasPrefix("/") {
            directory = (runtime.hasSuffix("/") ? String(runtime.dropLast()) : runtime) + "/s3play"
        } else {
            directory = "/tmp/s3play-\(userID)"
        }
    }

    /// Creates the directory 0700 when missing, and any missing parent 0700 too (an
    /// XDG_RUNTIME_DIR that does not exist yet turned remote control off, issue #12), then checks
    /// that it is a real directory (not a symlink), owned by this user, and closed to everyone else.
    func prepareDirectory() throws(RemoteServerError) {
        try Self.makeDirectory(directory)
        var facts = stat()
        guard lstat(directory, &facts) == 0 else { throw .systemCall("lstat", path: directory, errno: errno) }
        guard facts.st_mode & S_IFMT == S_IFDIR else {
            throw .unsafeDirectory(directory, reason: "it is not a directory")
        }
        guard facts.st_uid == geteuid() else {
            throw .unsafeDirectory(directory, reason: "it belongs to uid \(facts.st_uid), not \(geteuid())")
        }
        guard facts.st_mode & 0o077 == 0 else {
            throw .unsafeDirectory(directory, reason: "its mode is \(String(facts.st_mode & 0o777, radix: 8)), not 700")
        }
    }

    private static func makeDirectory(_ path: String) throws(RemoteServerError) {
        if mkdir(path, 0o700) == 0 || errno == EEXIST { return }
        guard errno == ENOENT else { throw .systemCall("mkdir", path: path, errno: errno) }
        let parent = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
        guard !parent.isEmpty, parent != path else { throw .systemCall("mkdir", path: path, errno: ENOENT) }
        try makeDirectory(parent)
        if mkdir(path, 0o700) != 0 && errno != EEXIST { throw .systemCall("mkdir", path: path, errno: errno) }
    }
}
