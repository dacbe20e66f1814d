/// The bytes of one audio file, whatever holds them (an S3 object, a local file): the decoder
/// reads a `ByteSource`, never a URL. Reads block while nothing is buffered; everything else
/// returns at once.
public protocol ByteSource: AnyObject, Sendable {
    /// What the user calls this file ("s3://music/a.mp3", "/home/me/a.mp3").
    var displayName: String { get }
    /// The file's size in bytes; known once the first read has returned.
    var size: Int64? { get }
    /// The bytes at the read position, at most `maxBytes`; nil at the end of the file.
    func read(maxBytes: Int) throws(ByteSourceError) -> [UInt8]?
    /// Moves the read position. Inside what is already buffered this costs no request.
    func seek(to offset: Int64)
    /// Bytes fetched ahead of the read position and not yet read.
    var bufferedBytesAhead: Int64 { get }
    /// Bytes per second this source delivers when read in order, as measured so far (infinite
    /// for a local file); nil until measured. A seek asks it whether reading forward to the
    /// exact frame is cheap.
    var sequentialBytesPerSecond: Double? { get }
    /// Set while the source cannot fetch and keeps trying by itself (an unreachable endpoint):
    /// a read that finds nothing buffered then throws `.unavailable` at once instead of
    /// waiting, so the engine can pause and show why. nil when all is well.
    var outage: ByteSourceOutage? { get }
    /// How far ahead of the read position to fetch, once the track's bitrate is known (the
    /// engine keeps `readAheadSeconds` of audio buffered). A source that does not fetch ahead
    /// (a local file) ignores it.
    func setReadAhead(bytes: Int64)
    /// Stops fetching; reads after this throw `.closed`.
    func close()
    /// A line for the user about the file, once (see the extension).
    func takeNotice() -> String?
}

extension ByteSource {
    /// A line for the user about the file, once: the S3 reader's "changed since the last scan"
    /// when its first answer names another version than the catalog's. nil when there is
    /// nothing to say. The engine asks when the track starts, as it asks the output.
    public func takeNotice() -> String? { nil }
}

/// Why a source cannot fetch for now, and when it tries again.
public struct ByteSourceOutage: Sendable, Equatable {
    /// The last failure, in full.
    public var reason: String
    /// Seconds until the next attempt; nil while one is under way.
    public var retryInSeconds: Double?

    public init(reason: String, retryInSeconds: Double?) {
        self.reason = reason
        self.retryInSeconds = retryInSeconds
    }
}

/// Why a byte source could not deliver, in words for the status line.
public enum ByteSourceError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(String)
    /// The object changed while it was being played (its ETag no longer matches).
    case changed(String)
    case unreadable(String, reason: String)
    /// Nothing buffered at the read position and the source cannot fetch for now; it keeps
    /// trying (see `ByteSource.outage`). Not the end of the track: read again later.
    case unavailable(String, reason: String)
    case closed

    public var description: String {
        switch self {
        case .notFound(let name): return "\(name) does not exist"
        case .changed(let name): return "\(name) changed while it was playing; play it again to hear the new version"
        case .unreadable(let name, let reason): return "\(name) cannot be read: \(reason)"
        case .unavailable(let name, let reason): return "\(name) cannot be reached for now: \(reason)"
        case .closed: return "the source was closed"
        }
    }
}

extension ByteSource {
    public var sequentialBytesPerSecond: Double? { nil }
    /// A local file has no outages: its errors are final.
    public var outage: ByteSourceOutage? { nil }
    public func setReadAhead(bytes: Int64) {}

    /// Reads `count` bytes from the read position; fewer only when the file ends first.
    public func read(exactly count: Int) throws(ByteSourceError) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        while bytes.count < count, let piece = try read(maxBytes: count - bytes.count) {
            bytes += piece
        }
        return bytes
    }
}
