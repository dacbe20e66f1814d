import Foundation
import Library
import Player
import Storage

/// What `:add` and `s3play remote add` put in the queue for what the user typed: an s3:// URL
/// or a file as one entry, a folder as its audio files (MP3, FLAC, Ogg, Opus, WAV, AIFF) in path order, an M3U file as its entries.
enum SourceItems {
    enum Addition: Equatable {
        case items([QueueItem])
        case playlist(path: String)
    }

    static func resolve(_ source: String, workingDirectory: String = FileManager.default.currentDirectoryPath,
                        listing: StorageListing? = nil) -> Result<Addition, SourceItemsError>
    {
        if source.hasPrefix("s3://"), let listing, isPrefix(source) {
            return prefixItems(source.hasSuffix("/") ? source : source + "/", listing: listing)
        }
        let location: StorageLocation
        do { location = try StorageLocation(parsing: source) } catch { return .failure(.init(error.description)) }
        if case .s3 = location { return .success(.items([item(for: location)])) }
        let expanded = (source as NSString).expandingTildeInPath
        let path = expanded.hasPrefix("/") ? expanded : (workingDirectory as NSString).appendingPathComponent(expanded)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(.init("No such file or folder: \(path)"))
        }
        if isDirectory.boolValue {
            let walker = FileManager.default.enumerator(atPath: path)
            var found: [String] = []
            while let relative = walker?.nextObject() as? String {
                if AudioKeyKind.isPlayable(relative) { found.append(relative) }
            }
            guard !found.isEmpty else { return .failure(.init("No audio files in \(path).")) }
            return .success(.items(found.sorted().map { item(for: .file(path: (path as NSString).appendingPathComponent($0))) }))
        }
        let lowered = path.lowercased()
        if lowered.hasSuffix(".m3u") || lowered.hasSuffix(".m3u8") { return .success(.playlist(path: path)) }
        return .success(.items([item(for: .file(path: path))]))
    }

    /// A bucket, a key ending in "/", or a last component without an extension: a prefix.
    static func isPrefix(_ source: String) -> Bool {
        let path = source.dropFirst("s3://".count)
        guard let slash = path.firstIndex(of: "/") else { return true }
        let last = path[path.index(after: slash)...].split(separator: "/").last ?? ""
        return source.hasSuffix("/") || !last.contains(".")
    }

    /// Everything playable under an S3 prefix (as for a folder); the caller puts it in
    /// catalog order once named.
    private static func prefixItems(_ prefix: String, listing: StorageListing) -> Result<Addition, SourceItemsError> {
        let urls: [String]
        do {
            urls = try listing.objects(prefix)
        } catch {
            return .failure(.init("Cannot list \(prefix): \(error)"))
        }
        // The listing's s3://BUCKET/KEY texts, each naming an object: parsed here, once.
        let found = urls.filter(AudioKeyKind.isPlayable).compactMap { try? StorageLocation(parsing: $0) }
        guard !found.isEmpty else { return .failure(.init("No audio files under \(prefix).")) }
        return .success(.items(found.map(item(for:))))
    }

    /// The file name as title, until `PlayerApp.Configuration.nameItems` reads better.
    static func item(for location: StorageLocation) -> QueueItem {
        let name = (location.description as NSString).lastPathComponent
        let title = (name as NSString).deletingPathExtension
        return QueueItem(title: title.isEmpty ? name : title, location: TrackLocation(location))
    }
}

struct SourceItemsError: Error, Equatable, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
