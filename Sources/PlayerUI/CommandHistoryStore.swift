import Foundation
import Player

/// The `:` history across runs: `command-history` beside the state file (so
/// `$XDG_STATE_HOME/s3play/command-history`, and a `--state FILE` player has its own), one line
/// a command, oldest first, written when the player quits (temp file, then rename). The lines
/// are what was typed: `:add` paths and `s3://` keys, never a credential (the command line takes none).
struct CommandHistoryStore {
    let fileURL: URL

    init(stateFile: URL) {
        fileURL = stateFile.deletingLastPathComponent().appendingPathComponent("command-history")
    }

    func load() -> [String] {
        guard let text = try? String(contentsOf: fileURL, encoding: .utf8) else { return [] }
        return Array(text.split(separator: "\n").map(String.init).suffix(PlayerScreen.historyLimit))
    }

    /// Nil when saved (or nothing to save); else the sentence to show.
    func save(_ lines: [String]) -> String? {
        guard !lines.isEmpty else { return nil }
        do {
            try AtomicFile.write(Data((lines.joined(separator: "\n") + "\n").utf8), to: fileURL)
            return nil
        } catch {
            return "Could not keep the command history: \(error)"
        }
    }
}
