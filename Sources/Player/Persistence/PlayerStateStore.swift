import Foundation

/// The resume file (`state.json`, see `PlayerPaths`). Loading never fails: a file that cannot
/// be read as this format gives an empty state and one notice, and is moved aside (never
/// silently lost) so it can be looked at or restored by hand.
public final class PlayerStateStore: Sendable {
    public let fileURL: URL
    private let now: @Sendable () -> Date

    public init(fileURL: URL, now: @escaping @Sendable () -> Date = { Date() }) {
        self.fileURL = fileURL
        self.now = now
    }

    public struct Loaded: Sendable, Equatable {
        public var state: PlayerState
        /// One line for the status bar when the file was set aside.
        public var notice: String?
    }

    public func load() -> Loaded {
        let data: Data
        do {
            data = try Data(contentsOf: fileURL)
        } catch {
            // No file is the first run, not a problem; an unreadable one is reported.
            if !FileManager.default.fileExists(atPath: fileURL.path) { return Loaded(state: PlayerState(), notice: nil) }
            return Loaded(state: PlayerState(), notice: "Cannot read \(fileURL.path); starting with an empty queue.")
        }
        struct VersionOnly: Decodable { var formatVersion: Int }
        guard let version = try? JSONDecoder().decode(VersionOnly.self, from: data) else {
            return setAside(reason: "is damaged")
        }
        guard version.formatVersion <= PlayerState.currentFormatVersion else {
            return setAside(reason: "was written by a newer s3play (format \(version.formatVersion))")
        }
        guard let state = try? JSONDecoder().decode(PlayerState.self, from: data), isConsistent(state) else {
            return setAside(reason: "is damaged")
        }
        return Loaded(state: state, notice: nil)
    }

    public func save(_ state: PlayerState) throws(FileWriteError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        var clean = state
        clean.entries = state.entries.map { var entry = $0; entry.location = SecretFreeLocation.clean(entry.location); return entry }
        let data: Data
        do { data = try encoder.encode(clean) } catch { throw .failed(fileURL.path, reason: "\(error)") }
        try AtomicFile.write(data, to: fileURL)
    }

    private func isConsistent(_ state: PlayerState) -> Bool {
        if let index = state.currentIndex, !state.entries.indices.contains(index) { return false }
        return state.positionSeconds.isFinite && (0...100).contains(state.volumePercent)
    }

    private func setAside(reason: String) -> Loaded {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        let stamp = formatter.string(from: now()).replacingOccurrences(of: ":", with: "")
        let aside = fileURL.deletingLastPathComponent().appendingPathComponent("\(fileURL.lastPathComponent).corrupt-\(stamp)")
        let moved = rename(fileURL.path, aside.path) == 0
        let whereTo = moved ? "moved it to \(aside.lastPathComponent)" : "could not move it aside"
        return Loaded(state: PlayerState(), notice: "The saved queue \(fileURL.path) \(reason); \(whereTo) and started empty.")
    }
}
