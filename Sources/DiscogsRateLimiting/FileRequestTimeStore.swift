import Foundation

/// Request times in `<directory>/discogs-request-times.json`:
/// `{"requestTimes":[1764387220.5, ...],"version":1}` (seconds since 1970).
/// Written to a temporary file and renamed, so a crash never leaves half a file; mode 0600 because
/// the times reveal when the user was browsing.
public struct FileRequestTimeStore: RequestTimeStore {
    public static let formatVersion = 1
    public static let fileName = "discogs-request-times.json"

    public let directory: URL
    public var fileURL: URL { directory.appendingPathComponent(Self.fileName) }

    public init(directory: URL) {
        self.directory = directory
    }

    private struct Contents: Codable {
        var version: Int
        var requestTimes: [Double]
    }

    public func loadRequestTimes() -> StoredRequestTimes {
        guard let data = FileManager.default.contents(atPath: fileURL.path) else {
            return StoredRequestTimes(times: [])  // first run: nothing to say
        }
        guard let contents = try? JSONDecoder().decode(Contents.self, from: data) else {
            return StoredRequestTimes(times: [], notice: "Ignored unreadable Discogs request times in \(fileURL.path).")
        }
        guard contents.version == Self.formatVersion else {
            return StoredRequestTimes(
                times: [],
                notice: "Ignored Discogs request times in \(fileURL.path): format version \(contents.version), expected \(Self.formatVersion).")
        }
        return StoredRequestTimes(times: contents.requestTimes.filter { $0.isFinite })
    }

    public func saveRequestTimes(_ times: [Double]) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(Contents(version: Self.formatVersion, requestTimes: times))
        let temporary = directory.appendingPathComponent(".\(Self.fileName).\(ProcessInfo.processInfo.processIdentifier).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: data,
                                             attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary.path])
        }
        // rename(2) replaces the old file atomically; FileManager.moveItem refuses an existing target.
        guard rename(temporary.path, fileURL.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: fileURL.path])
        }
    }
}
