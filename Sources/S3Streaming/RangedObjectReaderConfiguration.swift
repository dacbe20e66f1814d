import PlaybackCore
/// Tunables of the S3 reader; their one home (documented in docs/configuration.md).
public struct RangedObjectReaderConfiguration: Sendable {
    /// Bytes per ranged GET. 1 MiB: big enough that per-request cost (one round trip, and
    /// Standard-IA's per-request fee) is small, small enough that a skip wastes little.
    public var chunkBytes: Int64 = 1 << 20
    /// How far ahead of the read position the reader fetches. About 30 s of 320 kbps audio;
    /// the player lowers or raises it once it knows the file's real bitrate.
    public var readAheadBytes: Int64 = 1_200_000
    /// Already-read bytes kept behind the read position, so a short seek back costs no request.
    public var keepBehindBytes: Int64 = 256 << 10
    /// A seek into the object's last this-many bytes is served by a side GET of just that
    /// tail, keeping the window and its GET: libopusfile and libvorbisfile read the last page
    /// at open (in 64 KiB steps, OP_CHUNK_SIZE / CHUNKSIZE) and then seek back to the start.
    public var tailReadBytes: Int64 = 128 << 10
    /// A GET that delivers no byte for this long is abandoned and resumed from the same offset.
    public var stallTimeout: Double = 10
    /// Playback (`.playback`): an outage (reset, stall, 5xx, SlowDown, connection refused) is
    /// retried for as long as it lasts, never failing the track by itself (only a definite
    /// answer does: 404, 403, 412); a read with nothing buffered during one throws
    /// `.unavailable` at once, so the engine can wait at the exact byte and stay responsive
    /// (issue #12 §4). Otherwise (one-shot reads such as `s3play info`): reads wait, and
    /// `maxAttemptsWithoutProgress` failures at one offset fail the read.
    public var ridesOutOutages = false
    /// Attempts per byte offset before a one-shot read fails (not used in playback).
    public var maxAttemptsWithoutProgress: Int = 5
    /// Backoff before retry n of one outage: min(cap, baseBackoff * 2^(n-1)) * random(0.5...1).
    public var baseBackoff: Double = 0.2
    /// The cap while the buffer holds audio and for `outageGrace` after it ran dry: the network
    /// coming back is noticed within this long, so it costs no audio (or only the pause).
    public var maxBackoff: Double = 4
    /// Seconds after the buffer ran dry during which retries keep to `maxBackoff`.
    public var outageGrace: Double = 60
    /// The cap after that: a long outage is still retried, just less often.
    public var longOutageBackoff: Double = 15

    public init() {}

    /// What the player and `s3play play` read tracks with.
    public static var playback: RangedObjectReaderConfiguration {
        var configuration = RangedObjectReaderConfiguration()
        configuration.ridesOutOutages = true
        return configuration
    }

    /// What `s3play info` reads with (`TrackInfoReader`): it fetches only what the reader asks
    /// for, small ranged GETs and no read-ahead, so a skipped cover picture is never downloaded.
    public static var skimming: RangedObjectReaderConfiguration {
        var configuration = RangedObjectReaderConfiguration()
        configuration.chunkBytes = 256 << 10
        // The reader fetches while fewer than this many bytes wait unread: 1 means only
        // when a read finds nothing buffered.
        configuration.readAheadBytes = 1
        return configuration
    }
}
