import Foundation
import Library
import Player
import S3
import Storage

/// Names what `:add` and `s3play remote add` put in the queue the way the library shows it: a
/// file of the scanned library as its catalog song (no request), any other MP3 by its own tags
/// (a HEAD or stat and one or two ranged reads). An item whose tags cannot be read keeps its
/// file name as title; playing it says what is wrong.
struct QueueItemNaming: Sendable {
    let opened: OpenedLibrary

    func name(_ items: [QueueItem]) -> [QueueItem] {
        items.map(name)
    }

    func name(_ item: QueueItem) -> QueueItem {
        guard item.song == nil else { return item }
        if let key = libraryKey(of: item.location), let song = try? opened.store.song(key: key) {
            return QueueItem(song: song)
        }
        guard let (source, key) = looseSource(for: item.location.storage),
              case .success(let entry) = SongFileReader.read(key: key, from: source), entry.problem == nil
        else { return item }
        return QueueItem(title: entry.title, artist: entry.artist, album: entry.album.isEmpty ? nil : entry.album,
                         location: item.location,
                         durationSeconds: entry.durationSeconds)
    }

    /// The catalog key of a location under the library root, compared by UTF-8 bytes as keys are.
    private func libraryKey(of location: TrackLocation) -> String? {
        let root = Array(opened.source.storageLocation(forKey: "").description.utf8)
        let bytes = Array(location.description.utf8)
        guard bytes.count > root.count, bytes.starts(with: root) else { return nil }
        return String(decoding: bytes[root.count...], as: UTF8.self)
    }

    /// The object's folder as a storage source of its own, and its name in it.
    private func looseSource(for location: StorageLocation) -> (any StorageSource, String)? {
        let name = (location.description as NSString).lastPathComponent
        guard !name.isEmpty else { return nil }
        switch location {
        case .s3(let bucket, let key):
            guard let client = opened.s3Client else { return nil }
            let folder = String(decoding: Array(key.utf8).dropLast(name.utf8.count), as: UTF8.self)
            return (S3StorageSource(client: client, location: S3Location(bucket: bucket, path: folder)), name)
        case .file(let path):
            guard let folder = try? LocalFolderSource(path: (path as NSString).deletingLastPathComponent) else { return nil }
            return (folder, name)
        }
    }
}
