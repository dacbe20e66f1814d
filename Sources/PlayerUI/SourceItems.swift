import Foundation
import Player
import Storage

/// What `:add` and `s3play remote add` put in the queue for what the user typed: an s3:// URL
/// or a file as one entry, a folder as its MP3s in path order, an M3U file as its entries.
enum SourceItems {
    enum Addition: Equatable {
        case items([QueueItem])
        case playlist(path: String)
    }

    static func resolve(_ source: String, workingDirectory: String = FileManager.default.currentDirectoryPath)
        -> Result<Addition, SourceItemsError>
    {
        let location: StorageLocation
        do { location = try StorageLocation(parsing: source) } catch { return .failure(.init(error.description)) }
        if case .s3 = location { return .success(.items([item(for: location.description)])) }
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
                if relative.lowercased().hasSuffix(".mp3") { found.append(relative) }
            }
            guard !found.isEmpty else { return .failure(.init("No MP3 files in \(path).")) }
            return .success(.items(found.sorted().map { item(for: (path as NSString).appendingPathComponent($0)) }))
        }
        let lowered = path.lowercased()
        if lowered.hasSuffix(".m3u") || lowered.hasSuffix(".m3u8") { return .success(.playlist(path: path)) }
        return .success(.items([item(for: path)]))
    }

    /// The file name as title, until `PlayerApp.Configuration.nameItems` reads better.
    static func item(for location: String) -> QueueItem {
        let name = (location as NSString).lastPathComponent
        let title = (name as NSString).deletingPathExtension
        return QueueItem(title: title.isEmpty ? name : title, location: location)
    }
}

struct SourceItemsError: Error, Equatable, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
