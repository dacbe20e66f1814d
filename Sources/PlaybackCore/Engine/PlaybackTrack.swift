/// One thing to play: how to open its bytes, and what to call it.
public struct PlaybackTrack: Sendable {
    public var title: String
    public var open: @Sendable () throws(ByteSourceError) -> ByteSource

    public init(title: String, open: @escaping @Sendable () throws(ByteSourceError) -> ByteSource) {
        self.title = title
        self.open = open
    }
}

/// What the user (keys, CLI, remote) asks of the engine: one value type for all of them.
public enum PlaybackCommand: Sendable, Equatable {
    case pause, resume, togglePause
    case seek(toSeconds: Double)
    case seekBy(seconds: Double)
    case next
    /// Closes the track opened ahead of time, so `nextTrack` is asked again when the engine
    /// next needs one: the queue changed and the track fetched ahead is no longer the next.
    case discardUpcoming
    case stop
    case volume(percent: Int)
}

/// What happened, for the status line or the CLI's stderr.
public enum PlaybackEvent: Sendable, Equatable {
    case trackStarted(index: Int, title: String, format: PCMFormat)
    case trackFailed(index: Int, title: String, error: PlaybackError)
    /// The track ended before its header's length: it was cut short.
    case trackTruncated(index: Int, title: String)
    case notice(String)
    /// The track's source became unreachable and its buffer ran dry: the track waits at its
    /// exact position and goes on by itself (reported once per wait).
    case waiting(index: Int, PlaybackWait)
    case finished
}

/// Moments on the audio thread that time-to-first-audio is measured between (an opt-in trace,
/// `S3PLAY_TIMING_TRACE`; see docs/performance.md). Reported as they happen, on the audio thread.
public enum PlaybackMoment: Sendable, Equatable {
    /// The engine opened the track's byte source: an S3 reader sends its first GET at once.
    case opened(trackIndex: Int)
    /// The track's first PCM was handed to the output.
    case firstPCMWritten(trackIndex: Int)
}

/// A copy of the engine's state, taken at once; readers never touch live engine fields.
public struct PlaybackSnapshot: Sendable, Equatable {
    /// `waiting`: the track's source cannot fetch and its buffer ran dry; the output is held
    /// at the exact position until bytes come again (`waitingFor` says why).
    public enum State: Sendable, Equatable { case idle, playing, paused, waiting, finished }
    public var state: State = .idle
    /// Set in `waiting` (and while paused during one).
    public var waitingFor: PlaybackWait?
    public var trackIndex: Int?
    public var title: String?
    public var elapsedSeconds: Double = 0
    public var durationSeconds: Double?
    /// Whether `durationSeconds` is counted by a header, not estimated from the file's size
    /// (which cannot leave out the tags at its end: a catalog's estimate can).
    public var durationIsExact = false
    /// Seconds of audio fetched ahead of what the decoder has read.
    public var bufferedSeconds: Double = 0
    public var volumePercent: Int = 100
    public var format: PCMFormat?

    public init() {}
}

/// What a waiting track waits for, in words for the status line and `remote status`.
public struct PlaybackWait: Sendable, Equatable {
    /// The source's name ("s3://music/a.mp3").
    public var location: String
    /// The last failure, in full.
    public var reason: String
    /// Seconds until the next attempt; nil while one is under way.
    public var retryInSeconds: Double?

    public init(location: String, reason: String, retryInSeconds: Double?) {
        self.location = location
        self.reason = reason
        self.retryInSeconds = retryInSeconds
    }

    /// "waiting for s3://music/a.mp3 — retrying in 4 s" (the reason goes to the message line).
    public var summary: String {
        let retry = retryInSeconds.map { "retrying in \(Int($0.rounded(.up))) s" } ?? "retrying now"
        return "waiting for \(location) — \(retry)"
    }
}
