import Foundation
import Library
import Player
import TerminalUI

/// Where the library's cursor was (artist, album, song, focused column), so the next start
/// opens there (cmus keeps its library position too). A small file next to the player's state
/// file (`state.json` → `state.cursor.json`), so `--state FILE` gets its own; written once when
/// the player quits, to a temporary file then renamed. A missing, damaged or newer-format file
/// just means the first artist: losing a cursor position is not worth a notice.
struct BrowserCursorStore {
    struct Position: Codable, Equatable {
        static let currentFormat = 1
        var format = Position.currentFormat
        var artist: String
        var album: String?
        var song: String?
        var focus: Int
    }

    let fileURL: URL

    init(stateFile: URL) {
        fileURL = stateFile.deletingPathExtension().appendingPathExtension("cursor.json")
    }

    func load() -> Position? {
        guard let data = try? Data(contentsOf: fileURL),
              let position = try? JSONDecoder().decode(Position.self, from: data),
              position.format == Position.currentFormat else { return nil }
        return position
    }

    /// Nil when there was nothing to save or it was saved; else the sentence to show.
    func save(_ position: Position?) -> String? {
        guard let position, let data = try? JSONEncoder().encode(position) else { return nil }
        do {
            try AtomicFile.write(data, to: fileURL)
            return nil
        } catch {
            return "Could not keep the library position: \(error)"
        }
    }
}

extension BrowserModel {
    var cursorPosition: BrowserCursorStore.Position? {
        guard let artist = artists.selectedItem?.name else { return nil }
        return .init(artist: artist, album: albums.selectedItem?.title, song: songs.selectedItem?.title,
                     focus: focus.rawValue)
    }

    /// After the artists arrive: the saved artist is selected, and its album and song as their
    /// columns come in. Names no longer in the catalog leave the cursor on the first row.
    mutating func restore(_ position: BrowserCursorStore.Position) {
        guard let index = artists.items.firstIndex(where: { $0.name == position.artist }),
              artists.select(index: index) else { return }
        reselect = (position.album, position.song)
        focus = LibraryPane(rawValue: position.focus) ?? .artists
    }
}
