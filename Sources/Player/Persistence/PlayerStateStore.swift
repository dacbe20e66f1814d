import Foundation
import Synchronization

/// The resume file (`state.json`, see `PlayerPaths`). Loading never fails: a file that cannot
/// be read as this format gives an empty state and one notice, and is moved aside (never
/// silently lost) so it can be looked at or restored by hand.
public final class PlayerStateStore: Sendable {
    public let fileURL: URL
    private let now: @Sendable () -> Date
    /// The generation this store last loaded or wrote (what it may overwrite), and the file its
    /// saves go to once another player has superseded it.
    private let written = Mutex<(generation: Int, superseded: URL?)>((0, nil))

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
        guard var state = try? JSONDecoder().decode(PlayerState.self, from: data), isConsistent(state) else {
            return setAside(reason: "is damaged")
        }
        written.withLock { $0 = (state.generation ?? 0, nil) }
        // The generation is the store's bookkeeping, not part of what the player resumes.
        state.generation = nil
        return Loaded(state: state, notice: nil)
    }

    /// Writes `state` with the next generation, unless another player wrote the file after this
    /// store last read or wrote it: then the file is left alone and this and every later save go
    /// to a file beside it (`state.json.superseded-STAMP`), so neither queue is lost. Only the
    /// first such save throws `.superseded`, for the one notice.
    public func save(_ state: PlayerState) throws(FileWriteError) {
        var clean = state
        clean.entries = state.entries.map { var entry = $0; entry.location = SecretFreeLocation.clean(entry.location); return entry }
        let (known, superseded) = written.withLock { $0 }
        if let superseded {
            try AtomicFile.write(try encode(clean), to: superseded)
            return
        }
        if generationOnDisk() > known {
            let aside = sibling("superseded")
            try AtomicFile.write(try encode(clean), to: aside)
            written.withLock { $0.superseded = aside }
            throw .superseded(fileURL.path, keptAt: aside.path)
        }
        clean.generation = known + 1
        try AtomicFile.write(try encode(clean), to: fileURL)
        written.withLock { $0.generation = known + 1 }
    }

    /// Copies the file beside itself (`state.json.LABEL-STAMP`) before a save replaces what the
    /// player could not restore; the copy's name, or nil when it could not be made.
    public func keepCopy(label: String) -> String? {
        let copy = sibling(label)
        do {
            try FileManager.default.copyItem(at: fileURL, to: copy)
            return copy.lastPathComponent
        } catch {
            return nil
        }
    }

    private func encode(_ state: PlayerState) throws(FileWriteError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do { return try encoder.encode(state) } catch { throw .failed(fileURL.path, reason: "\(error)") }
    }

    /// The generation in the file now; 0 when there is none (no file, an older format, damage:
    /// a damaged file was set aside by `load`, and anything else is no newer than ours).
    private func generationOnDisk() -> Int {
        struct GenerationOnly: Decodable { var generation: Int? }
        guard let data = try? Data(contentsOf: fileURL),
              let read = try? JSONDecoder().decode(GenerationOnly.self, from: data) else { return 0 }
        return read.generation ?? 0
    }

    private func sibling(_ label: String) -> URL {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        let stamp = formatter.string(from: now()).replacingOccurrences(of: ":", with: "")
        return fileURL.deletingLastPathComponent().appendingPathComponent("\(fileURL.lastPathComponent).\(label)-\(stamp)")
    }

    private func isConsistent(_ state: PlayerState) -> Bool {
        if let index = state.currentIndex, !state.entries.indices.contains(index) { return false }
        return state.positionSeconds.isFinite && (0...100).contains(state.volumePercent)
    }

    private func setAside(reason: String) -> Loaded {
        let aside = sibling("corrupt")
        let moved = rename(fileURL.path, aside.path) == 0
        let whereTo = moved ? "moved it to \(aside.lastPathComponent)" : "could not move it aside"
        return Loaded(state: PlayerState(), notice: "The saved queue \(fileURL.path) \(reason); \(whereTo) and started empty.")
    }
}
