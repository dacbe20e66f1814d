import Foundation
import Library
import PlaybackCore

/// Everything the user can ask of the player, as one value type: key bindings, the `:` command
/// line and the remote socket all produce these (ncspot's `Command`), so each behaviour is
/// written once, in `Player.send`.
public enum PlayerCommand: Sendable, Hashable {
    case play
    case pause
    case togglePause
    case stop
    case next
    case previous
    case seek(toSeconds: Double)
    case seekBy(seconds: Double)
    case setVolume(percent: Int)
    case adjustVolume(by: Int)
    case setShuffle(Bool)
    case toggleShuffle
    case setRepeat(RepeatMode)
    case cycleRepeat
    case enqueue([QueueItem], at: EnqueuePlacement)
    case remove(QueueEntryID)
    case move(QueueEntryID, by: Int)
    case clearQueue
    case playEntry(QueueEntryID)
    case jump(toIndex: Int)
    /// Replaces the queue with a saved playlist (`$XDG_DATA_HOME/s3play/playlists/NAME.m3u`).
    case loadPlaylist(name: String)
    case savePlaylist(name: String)
    /// Appends the entries of an M3U file from anywhere.
    case importPlaylist(path: String)
    /// Puts the queue back as it was before its last edit (add, remove, move, clear, load).
    case undoQueueChange

    /// Whether the command changes the queue's entries, so `undoQueueChange` can take it back.
    var editsQueue: Bool {
        switch self {
        case .enqueue, .remove, .move, .clearQueue, .loadPlaylist, .importPlaylist: return true
        default: return false
        }
    }

    public static func enqueue(songs: [Song], at placement: EnqueuePlacement) -> PlayerCommand {
        .enqueue(songs.map(QueueItem.init(song:)), at: placement)
    }
}

public enum EnqueuePlacement: Sendable, Hashable {
    case end
    /// After the current entry (cmus' `e`).
    case next
    /// Just before an entry already queued (Enter on an album's earlier song puts it before
    /// the album's later songs already there); at the end when that entry is gone.
    case before(QueueEntryID)
}

/// A copy of the player's state for the UI to draw, taken at once (cmus'
/// `player_info_snapshot`): a reader never touches live player fields.
public struct PlayerSnapshot: Sendable, Equatable {
    /// `waiting`: playing, but the track's source is unreachable and its buffer ran dry; it
    /// goes on by itself at the exact position (`waitingFor` says what for).
    public enum State: Sendable, Hashable { case stopped, playing, paused, waiting }

    public var state: State = .stopped
    public var current: QueueEntry?
    public var currentIndex: Int?
    public var elapsedSeconds: Double = 0
    /// The decoder's length once the track is open, else the catalog's.
    public var durationSeconds: Double?
    public var bufferedSeconds: Double = 0
    /// Set while the current track waits for its source (also while paused during the wait).
    public var waitingFor: PlaybackWait?
    public var volumePercent: Int = 100
    public var shuffle = false
    public var repeatMode: RepeatMode = .off
    public var entries: [QueueEntry] = []
    /// What plays after the current entry, in play order (see `PlayQueue.upcoming`).
    public var upcoming: [QueueEntryID] = []
    public var totalDurationSeconds: Double = 0
    public var notice: PlayerNotice?
    /// Grows with every change of anything but the clock fields, so a UI can skip redrawing lists.
    public var revision = 0

    public init() {}
}

/// One line for the status bar, and when it was said (so the UI can let it fade).
public struct PlayerNotice: Sendable, Hashable {
    public var text: String
    public var time: Date

    public init(text: String, time: Date) {
        self.text = text
        self.time = time
    }
}

/// What the player reports through its change callback, on whatever thread it happened.
public enum PlayerEvent: Sendable, Hashable {
    case trackStarted(QueueEntry)
    case trackFailed(QueueEntry?, message: String)
    /// The last entry ended and nothing follows (repeat off).
    case queueFinished
    case notice(String)
    /// Anything else in the snapshot changed (queue, modes, state, volume).
    case changed
}
