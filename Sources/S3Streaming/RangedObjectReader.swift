import PlaybackCore
import Foundation
import S3

/// An S3 object read with ranged GETs on its own thread into a bounded read-ahead window.
/// The reader of `read` (the audio thread) never waits on the network while the window holds
/// bytes. A connection reset or a stall resumes with a new GET from the exact byte where the
/// last one stopped; every GET after the first is pinned to the object's ETag (If-Match), so a
/// replaced object is noticed instead of mixing two versions.
///
/// A seek into the object's last `tailReadBytes` (libopusfile and libvorbisfile read the last
/// page at open, for the exact length) is a side read: one small GET of the tail on a thread of
/// its own, while the window and its GET stay; the seek back lands in the window again, so an
/// Opus play fetches the object about once instead of 1.2 times (issue #14).
public final class RangedObjectReader: ByteSource, @unchecked Sendable {
    public let displayName: String
    let client: S3Client
    let bucket: String
    let key: String
    let configuration: RangedObjectReaderConfiguration
    /// nil: backoffs wait on `condition`, so `close()` cuts them short.
    private let sleep: (@Sendable (Double) -> Void)?
    private let random: @Sendable () -> Double
    private let now: @Sendable () -> Double
    private let listed: ListedVersionCheck?

    let condition = NSCondition()
    // Guarded by `condition`:
    private var knownSize: Int64?
    var etag: String?
    var window: [UInt8] = []
    var windowStart: Int64 = 0
    var readPosition: Int64 = 0
    private var readAheadBytes: Int64
    var failure: ByteSourceError?
    var closed = false
    /// Bumped by every seek outside the window: a fetch of an older generation is discarded.
    var generation = 0
    var inFlight: S3ObjectStream?
    /// One past the last byte the GET under way will deliver.
    private var inFlightEnd: Int64 = 0
    /// Bytes per second of the GETs that ran to their end, request to last byte (smoothed).
    private var measuredBytesPerSecond: Double?
    /// The last retryable failure, while no byte has come since (an outage); nil otherwise.
    private var outageReason: String?
    /// When the next attempt of the outage goes out (`now` clock); nil while one is under way.
    private var nextAttemptAt: Double?
    /// When a read first found nothing buffered during this outage: the grace counts from here.
    var ranDryAt: Double?
    /// The line for the user when the first answer differs from the listing; taken once.
    private var notice: String?
    /// Reads are served from `tail` (a side read), not the window; the window waits, fetching
    /// nothing new, for the reader to come back.
    var readingTail = false
    /// Bytes from `tailStart` to the object's end, as the side GET delivers them.
    var tail: [UInt8] = []
    var tailStart: Int64 = 0
    /// `tail` holds (or its GET is bringing) the bytes from `tailStart` on; false after a jump.
    var tailValid = false
    /// Bumped by every new side read, and by a jump: an older side GET's bytes are discarded.
    var tailGeneration = 0
    var tailInFlight: S3ObjectStream?
    /// The side GET's thread: not joined, as the fetch thread is not; `close()` cancels its GET.
    var tailThread: JoinableThread?

    /// `size` and `etag` pin the object from the first GET on; without them the first GET tells
    /// both. `listed` is what a scan listed, only compared with the first answer (see
    /// `ListedVersionCheck`). `now` is a monotonic clock in seconds (for the measured rate).
    public init(client: S3Client, bucket: String, key: String, size: Int64? = nil, etag: String? = nil,
                listed: ListedVersionCheck? = nil,
                configuration: RangedObjectReaderConfiguration = RangedObjectReaderConfiguration(),
                sleep: (@Sendable (Double) -> Void)? = nil,
                random: @escaping @Sendable () -> Double = { Double.random(in: 0.5...1) },
                now: @escaping @Sendable () -> Double = { ProcessInfo.processInfo.systemUptime }) {
        self.client = client
        self.bucket = bucket
        self.key = key
        self.displayName = S3Location(bucket: bucket, path: key).description
        self.knownSize = size
        self.etag = etag
        self.listed = listed
        self.configuration = configuration
        self.readAheadBytes = configuration.readAheadBytes
        self.sleep = sleep
        self.random = random
        self.now = now
        // Weak until the loop runs: from then on the loop holds the reader, and `close()` (the
        // owner's, at the end of the track) is what ends it; a backoff wait wakes on it too.
        fetchThread = JoinableThread(name: "s3play.fetch") { [weak self] in self?.fetchLoop() }
    }

    private var fetchThread: JoinableThread?

    // MARK: reader side

    public var size: Int64? {
        condition.lock(); defer { condition.unlock() }
        return knownSize
    }

    public var bufferedBytesAhead: Int64 {
        condition.lock(); defer { condition.unlock() }
        if readingTail { return max(0, tailStart + Int64(tail.count) - readPosition) }
        return max(0, windowEnd - readPosition)
    }

    /// Measured on whole GETs of at least `minimumMeasuredBytes`, from sending the request to
    /// the last byte, so a round trip per chunk is counted as reading forward would pay it.
    public var sequentialBytesPerSecond: Double? {
        condition.lock(); defer { condition.unlock() }
        return measuredBytesPerSecond
    }

    /// Smaller GETs (a file's last bytes, a resumed tail) say more about latency than rate.
    static let minimumMeasuredBytes: Int64 = 256 << 10

    /// The player sets this from the file's real bitrate (seconds of read-ahead × bytes/s).
    public func setReadAhead(bytes: Int64) {
        condition.lock()
        readAheadBytes = max(configuration.chunkBytes, bytes)
        condition.broadcast()
        condition.unlock()
    }

    public func read(maxBytes: Int) throws(ByteSourceError) -> [UInt8]? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if closed { throw .closed }
            if readingTail {
                if readPosition >= tailStart && readPosition < tailStart + Int64(tail.count) {
                    let from = Int(readPosition - tailStart)
                    let to = min(tail.count, from + max(1, maxBytes))
                    readPosition += Int64(to - from)
                    return Array(tail[from..<to])
                }
                if let knownSize, readPosition >= knownSize { return nil }
                condition.wait()
                continue
            }
            if readPosition >= windowStart && readPosition < windowEnd {
                let from = Int(readPosition - windowStart)
                let to = min(window.count, from + max(1, maxBytes))
                let bytes = Array(window[from..<to])
                readPosition += Int64(to - from)
                dropBytesFarBehind()
                condition.broadcast()
                return bytes
            }
            if let knownSize, readPosition >= knownSize { return nil }
            if let failure { throw failure }
            if configuration.ridesOutOutages, let outageReason {
                // Waiting here would leave the audio thread deaf to stop, skip and seek for as
                // long as the outage lasts: say so, and let the engine come back.
                if ranDryAt == nil { ranDryAt = now() }
                throw .unavailable(displayName, reason: outageReason)
            }
            condition.wait()
        }
    }

    public var outage: ByteSourceOutage? {
        condition.lock(); defer { condition.unlock() }
        guard let outageReason else { return nil }
        return ByteSourceOutage(reason: outageReason, retryInSeconds: nextAttemptAt.map { max(0, $0 - now()) })
    }

    public func seek(to offset: Int64) {
        condition.lock()
        let target = max(0, offset)
        // Inside the window, or in the part the GET under way is still bringing: no new request.
        let reachable = max(windowEnd, inFlight == nil ? windowEnd : inFlightEnd)
        if target >= windowStart && target <= reachable {
            readPosition = target
            readingTail = false
        } else if let knownSize, target <= knownSize, knownSize - target <= configuration.tailReadBytes {
            // At the end itself (a decoder learning the length by SEEK_END) nothing is fetched;
            // a read there is the end of the file either way.
            readPosition = target
            readingTail = true
            // Already brought by the side read under way or done: no new request.
            if target < knownSize, !tailValid || target < tailStart { startTailRead(from: target, size: knownSize) }
        } else {
            abandonTailRead()
            generation += 1
            inFlight?.cancel()
            inFlight = nil
            window.removeAll(keepingCapacity: true)
            windowStart = target
            readPosition = target
            failure = nil
            ranDryAt = nil
        }
        condition.broadcast()
        condition.unlock()
    }

    public func takeNotice() -> String? {
        condition.lock(); defer { condition.unlock() }
        defer { notice = nil }
        return notice
    }

    public func close() {
        condition.lock()
        closed = true
        inFlight?.cancel()
        inFlight = nil
        tailInFlight?.cancel()
        tailInFlight = nil
        condition.broadcast()
        condition.unlock()
    }

    /// Called with `condition` held, for every answer: the first one pins the object's size and
    /// ETag (unless given), and is the one held against the listing.
    func pin(_ answer: S3ObjectAttributes) {
        if knownSize == nil { knownSize = answer.size }
        guard etag == nil else { return }
        etag = answer.etag
        if let listed, listed.differs(from: answer) { notice = listed.notice() }
    }

    private var windowEnd: Int64 { windowStart + Int64(window.count) }

    /// Keeps `keepBehindBytes` before the read position; trims in steps of a chunk so the
    /// memmove happens once a chunk, not once a read.
    private func dropBytesFarBehind() {
        let behind = readPosition - windowStart
        guard behind > configuration.keepBehindBytes + configuration.chunkBytes else { return }
        let drop = Int(behind - configuration.keepBehindBytes)
        window.removeFirst(drop)
        windowStart += Int64(drop)
    }

    // MARK: fetch thread

    private struct FetchPlan {
        var generation: Int
        var start: Int64
        /// One past the last byte to ask for.
        var end: Int64
        var etag: String?
        /// Pinned from the listing or the first GET: an answer naming another size is a changed object.
        var size: Int64?
    }

    private func fetchLoop() {
        var failedAttempts = 0
        while let plan = nextFetch() {
            let range = S3ByteRange.bounded(first: plan.start, last: plan.end - 1)
            let requested = now()
            do {
                let stream = try client.getObject(bucket: bucket, key: key, range: range, ifMatch: plan.etag,
                                                  expectedSize: plan.size, stallTimeout: configuration.stallTimeout)
                guard adopt(stream, plan: plan) else { continue }
                var delivered: Int64 = 0
                while let piece = try stream.nextChunk() {
                    guard append(piece, plan: plan) else { break }
                    delivered += Int64(piece.count)
                }
                // Only a GET that delivered all it announced resets the count: a server that cuts
                // every answer short after a few bytes would otherwise cost a request per few bytes.
                if delivered == stream.length { failedAttempts = 0 }
                finish(plan, delivered: delivered, wanted: stream.length, seconds: now() - requested)
            } catch {
                guard let retry = handle(error, plan: plan, failedAttempts: &failedAttempts) else { continue }
                waitBeforeRetry(retry)
            }
        }
    }

    /// The backoff before a retry; a close ends it at once (a closed reader retries nothing).
    private func waitBeforeRetry(_ seconds: Double) {
        if let sleep { return sleep(seconds) }
        let deadline = Date(timeIntervalSinceNow: seconds)
        condition.lock()
        while !closed, condition.wait(until: deadline) {}
        condition.unlock()
    }

    /// Waits until the window wants more bytes; nil once the reader is closed.
    private func nextFetch() -> FetchPlan? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if closed { return nil }
            let wantsMore = failure == nil && inFlight == nil && !readingTail
                && (knownSize.map { windowEnd < $0 } ?? true)
                && windowEnd - readPosition < readAheadBytes
            if wantsMore, let size = knownSize, tailValid, tailStart + Int64(tail.count) == size,
               windowEnd >= tailStart {
                // The window has reached the tail a side read brought: take it, fetch it not again.
                window.append(contentsOf: tail[Int(windowEnd - tailStart)...])
                condition.broadcast()
                continue
            }
            let tailStillArriving = tailValid && windowEnd >= tailStart
            if wantsMore && !tailStillArriving {
                nextAttemptAt = nil  // an attempt is under way
                var end = windowEnd + configuration.chunkBytes
                // Stop where the tail (whole, or still arriving) begins; it is taken from there.
                if tailValid, windowEnd < tailStart { end = min(end, tailStart) }
                return FetchPlan(generation: generation, start: windowEnd, end: end, etag: etag, size: knownSize)
            }
            condition.wait()
        }
    }

    private func adopt(_ stream: S3ObjectStream, plan: FetchPlan) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard plan.generation == generation, !closed else {
            stream.cancel()
            return false
        }
        inFlight = stream
        inFlightEnd = stream.firstByteOffset + stream.length
        pin(stream.attributes)
        condition.broadcast()
        return true
    }

    private func append(_ piece: [UInt8], plan: FetchPlan) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard plan.generation == generation, !closed else { return false }
        window.append(contentsOf: piece)
        // Bytes came: whatever the outage was, it is over.
        outageReason = nil
        nextAttemptAt = nil
        ranDryAt = nil
        condition.broadcast()
        return true
    }

    private func finish(_ plan: FetchPlan, delivered: Int64, wanted: Int64, seconds: Double) {
        condition.lock()
        if plan.generation == generation { inFlight = nil }
        if delivered == wanted, delivered >= Self.minimumMeasuredBytes, seconds > 0 {
            let rate = Double(delivered) / seconds
            // Half the newest GET, half the history: one slow or fast chunk moves it, not rules it.
            measuredBytesPerSecond = measuredBytesPerSecond.map { ($0 + rate) / 2 } ?? rate
        }
        condition.broadcast()
        condition.unlock()
    }

    /// Decides what a failed GET means; returns the backoff before retrying, or nil when there
    /// is nothing to retry (a seek superseded it, or the failure is final and recorded).
    private func handle(_ error: S3Error, plan: FetchPlan, failedAttempts: inout Int) -> Double? {
        condition.lock()
        defer {
            condition.broadcast()
            condition.unlock()
        }
        if plan.generation == generation { inFlight = nil }
        guard plan.generation == generation, !closed else { return nil }
        switch error {
        case .noSuchKey:
            failure = .notFound(displayName)
        case .objectChanged:
            failure = .changed(displayName)
        case .invalidRange:
            // A range starting at or past the end: the object is shorter than expected (a
            // zero-byte object answers even bytes=0-… this way). Shorter than a size already
            // pinned: the object changed.
            if let pinned = plan.size, plan.start < pinned {
                failure = .changed(displayName)
            } else {
                knownSize = plan.start
            }
        case _ where error.isRetryable:
            // Not an answer about the object: the endpoint is unreachable, slow or overloaded.
            // In playback retried for as long as it takes (issue #12 §4); the engine pauses when
            // the buffer runs dry and resumes when bytes come again.
            failedAttempts += 1
            // A server that answers, but with an empty or short body, is reachable and wrong,
            // not away: it stays under the attempt budget even in playback (issue #19), or it
            // would be asked for the same bytes forever.
            var answeredWrongly = false
            if case .incompleteAnswer = error { answeredWrongly = true }
            if !configuration.ridesOutOutages || answeredWrongly,
               failedAttempts >= configuration.maxAttemptsWithoutProgress {
                failure = .unreadable(displayName, reason: error.description)
                return nil
            }
            outageReason = error.description
            let withinGrace = ranDryAt.map { now() - $0 < configuration.outageGrace } ?? true
            let cap = withinGrace ? configuration.maxBackoff : configuration.longOutageBackoff
            let exponential = configuration.baseBackoff * pow(2, Double(min(failedAttempts - 1, 30)))
            let delay = min(cap, exponential) * random()
            nextAttemptAt = now() + delay
            return delay
        default:
            failure = .unreadable(displayName, reason: error.description)
        }
        return nil
    }
}
