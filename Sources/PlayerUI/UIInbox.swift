import Foundation
import Library
import Player

/// What the worker threads and the player hand to the UI thread.
enum UIUpdate: Sendable {
    case artists([Artist])
    case albums(artist: String, [Album])
    case songs(album: AlbumID, [Song])
    /// Songs of an artist or album the user asked to enqueue.
    case songsToEnqueue([Song], EnqueueIntent)
    case details(DetailsRequest, DetailsText)
    /// The expanded details pane's lines.
    case detailsPane(DetailsRequest, [String])
    /// The search view's results for the query they answer.
    case searchResults(query: String, [LibrarySearchHit])
    case notice(String)
    /// What `:add` found, named; a playlist file for the player to import.
    case itemsToEnqueue([QueueItem])
    case playlistToImport(path: String)
    /// Tab after `:add s3://…`: what the prefix holds that begins with what was typed.
    case locationCompletion(line: String, candidates: [String])
    /// `:rescan` under way, and its end: the artists as they are now, and one line saying
    /// what changed (or why it stopped).
    case rescanProgress(ScanProgress)
    case rescanFinished(artists: [Artist]?, summary: String)
}

enum EnqueueIntent: Sendable, Equatable {
    case append, insertNext, play
}

/// The queue the UI loop drains once per turn: other threads post and return at once, so no
/// thread ever waits on the UI and the UI never waits on them (beyond `drain`'s short timeout).
final class UIInbox: @unchecked Sendable {
    private let condition = NSCondition()
    private var updates: [UIUpdate] = []

    func post(_ update: UIUpdate) {
        condition.lock()
        updates.append(update)
        condition.signal()
        condition.unlock()
    }

    /// Everything posted so far; waits up to `seconds` when nothing is there yet (0: only looks).
    func drain(waitingUpTo seconds: Double = 0) -> [UIUpdate] {
        condition.lock()
        defer { condition.unlock() }
        if updates.isEmpty && seconds > 0 {
            _ = condition.wait(until: Date().addingTimeInterval(seconds))
        }
        let taken = updates
        updates = []
        return taken
    }
}
