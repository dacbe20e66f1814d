import Foundation
import S3

/// The sample library of scripts/make-sample-library (4 artists and a compilation, 6 albums,
/// 16 songs with UTF-16 tags in several scripts), made once per machine and reused: the same
/// library the demo plays, so tests and demo see the same names.
public enum SampleLibrary {
    public static let songCount = 16
    public static let albumCount = 6
    public static let artistCount = 5

    private static let lock = NSLock()
    nonisolated(unsafe) private static var made: URL?

    /// The folder holding the library (Artist/Album/NN Title.mp3).
    public static func folder() throws -> URL {
        lock.lock()
        defer { lock.unlock() }
        if let made { return made }
        // The script encodes the songs with sox and lame.
        try TestRequirement.requireTool("sox")
        try TestRequirement.requireTool("lame")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("s3play-sample-library-v1")
        let script = repositoryRoot.appendingPathComponent("scripts/make-sample-library")
        let outcome = try ChildProcess.run(URL(fileURLWithPath: "/bin/bash"), [script.path, directory.path])
        guard outcome.status == 0 else {
            throw TestSupportError("scripts/make-sample-library failed (\(outcome.status)): \(outcome.standardError)")
        }
        made = directory
        return directory
    }

    /// Every MP3 of the library, as keys relative to the folder, sorted by UTF-8 bytes.
    public static func keys() throws -> [String] {
        let root = try folder()
        let walker = FileManager.default.enumerator(atPath: root.path)
        var keys: [String] = []
        while let relative = walker?.nextObject() as? String {
            if relative.hasSuffix(".mp3") { keys.append(relative) }
        }
        return keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Uploads the library into `bucket` under `prefix` ("" or ending in "/").
    public static func upload(to client: S3Client, bucket: String, prefix: String = "") throws {
        let root = try folder()
        let keys = try keys()
        try SeaweedFS.putObjects(client, bucket: bucket, keys: keys.map { prefix + $0 }) { key in
            let relative = String(key.utf8.dropFirst(prefix.utf8.count))!
            return Array((try? Data(contentsOf: root.appendingPathComponent(relative))) ?? Data())
        }
    }

    /// The checkout this test build came from (…/Tests/Support/TestSupport/SampleLibrary.swift).
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }
}
