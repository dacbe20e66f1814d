import Foundation
import Library
import Storage
import XCTest

/// A fresh directory per test, a store opened in it, and short ways to write entries.
class CatalogTestCase: XCTestCase {
    var directory: URL!
    let libraryLocation = "s3://music/library"
    let notices = NoticeLog()

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("s3play-catalog-\(UUID().uuidString)")
            .appendingPathComponent("s3play")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory.deletingLastPathComponent())
    }

    func openStore() throws -> CatalogStore {
        let notices = notices
        return try CatalogStore.open(directory: directory, libraryLocation: libraryLocation,
                                     location: { .s3(bucket: "music", key: "library/" + $0) },
                                     onNotice: { notices.append($0) })
    }

    /// A song filed under `albumArtist`/`album`, its key made from them unless given.
    func song(_ title: String, by albumArtist: String, on album: String, artist: String? = nil,
              disc: Int? = nil, track: Int? = nil, year: Int? = nil, seconds: Double = 200,
              key: String? = nil, compilation: Bool = false) -> CatalogEntry {
        let trackPart = track.map { String(format: "%02d ", $0) } ?? ""
        let discPart = disc.map { "\($0)-" } ?? ""
        return CatalogEntry(
            key: key ?? "\(albumArtist)/\(album)/\(discPart)\(trackPart)\(title).mp3", size: 4_000_000,
            fingerprint: "\"etag-\(title)\"", title: title, artist: artist ?? albumArtist,
            albumArtist: albumArtist, album: album, discNumber: disc, trackNumber: track, year: year,
            compilation: compilation, durationSeconds: seconds, tagSource: "id3v2.4")
    }
}

final class NoticeLog: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) {
        lock.withLock { lines.append(line) }
    }

    var all: [String] { lock.withLock { lines } }
}
