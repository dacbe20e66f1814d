import CMPG123
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libmpg123 in feed mode: the caller pushes compressed bytes as they arrive and pulls signed
/// 16-bit native-endian PCM at the stream's own rate and channel count (mono stays mono),
/// gapless-trimmed by the LAME/Xing Info frame. One thread at a time (libmpg123 handles are not
/// thread-safe).
///
/// The loop: `feed` a piece, then `decode` until `.needMore`; on `.newFormat` reconfigure the
/// output. At the end of the input call `finishInput()`: in feed mode `.done` may never come.
public final class MPG123Decoder {
    /// What one `decode` call produced.
    public enum Step: Equatable, Sendable {
        /// `bytes` of PCM were written to the start of the output buffer.
        case pcm(bytes: Int)
        /// The PCM from the next step on has this format; no PCM in this step.
        case newFormat(Format)
        /// All fed input is consumed; feed more (or the input is at its end).
        case needMore
        /// The stream ended (the Info frame's frame count was reached).
        case done
    }

    /// The output format: always signed 16-bit, native endian, interleaved.
    public struct Format: Equatable, Sendable {
        public var sampleRate: Int
        public var channels: Int

        public init(sampleRate: Int, channels: Int) {
            self.sampleRate = sampleRate
            self.channels = channels
        }

        /// Bytes of one sample for every channel.
        public var bytesPerFrame: Int { 2 * channels }
    }

    /// Which ReplayGain (libmpg123's RVA) to apply: from the LAME tag, ID3v2 RVA2 or TXXX frames.
    public enum ReplayGainMode: Sendable {
        case off
        /// Track ("mix", "radio") gain.
        case track
        /// Album ("audiophile") gain. No fallback: a LAME tag's track gain alone gives no gain here.
        case album
    }

    /// See `FirstFrameSearch`: libmpg123's own limit for junk before the first frame.
    public static let defaultFirstFrameSearchLimit = FirstFrameSearch.defaultLimit

    let handle: OpaquePointer
    private var firstFrameSearch: FirstFrameSearch
    /// A format change or an error that came with PCM, reported by the next `decode` call.
    private var pendingFormat: Format?
    private var pendingError: MPG123Error?
    private let preampFactor: Double
    private var volume = 1.0

    /// The format of the PCM `decode` hands out now; nil until the first frame.
    public private(set) var format: Format?

    /// - Parameters:
    ///   - replayGain: ReplayGain mode; libmpg123 lowers the gain when the tag's peak would clip.
    ///   - preampDecibels: added to the ReplayGain (only when `replayGain` is not `.off`).
    ///   - resyncLimit: bytes libmpg123 scans for the next frame after a damaged one before it
    ///     fails with `.corruptStream`; nil keeps its default, 1024, which is less than one
    ///     320 kbps frame (1044 bytes at 44.1 kHz), so there one damaged header can end the stream.
    ///   - firstFrameSearchLimit: bytes after a leading ID3v2 tag without an MPEG frame after
    ///     which `decode` throws `.notMPEGAudio` (see `FirstFrameSearch`).
    public init(replayGain: ReplayGainMode = .off, preampDecibels: Double = 0, resyncLimit: Int? = nil,
                firstFrameSearchLimit: Int = MPG123Decoder.defaultFirstFrameSearchLimit) throws(MPG123Error) {
        var error: Int32 = 0
        guard let handle = mpg123_new(nil, &error) else { throw MPG123Error(code: error) }
        self.handle = handle
        firstFrameSearch = FirstFrameSearch(limit: firstFrameSearchLimit)
        preampFactor = replayGain == .off ? 1 : Self.linear(decibels: preampDecibels)
        // QUIET: the library otherwise prints notes to stderr, over the terminal UI.
        // GAPLESS is on by default; set it anyway, the player depends on it.
        try check(mpg123_param2(handle, Int32(MPG123_ADD_FLAGS.rawValue),
                                Int(MPG123_QUIET.rawValue | MPG123_GAPLESS.rawValue), 0))
        let rva = switch replayGain {
        case .off: MPG123_RVA_OFF
        case .track: MPG123_RVA_MIX
        case .album: MPG123_RVA_ALBUM
        }
        try check(mpg123_param2(handle, Int32(MPG123_RVA.rawValue), Int(rva.rawValue), 0))
        if let resyncLimit {
            try check(mpg123_param2(handle, Int32(MPG123_RESYNC_LIMIT.rawValue), resyncLimit, 0))
        }
        // Output S16 at the stream's own rate and channel count: with every rate and both
        // channel counts allowed, libmpg123 picks the native ones (no resampling, no up-mixing).
        try check(mpg123_format_none(handle))
        var rates: UnsafePointer<Int>?
        var rateCount = 0
        mpg123_rates(&rates, &rateCount)
        for index in 0..<rateCount {
            try check(mpg123_format(handle, rates![index], Int32(MPG123_MONO.rawValue | MPG123_STEREO.rawValue),
                                    Int32(MPG123_ENC_SIGNED_16.rawValue)))
        }
        applyVolume()
        try check(mpg123_open_feed(handle))
    }

    deinit { mpg123_delete(handle) }

    /// Ends the stream: `mpg123_close` frees its input buffers and frame index (most of the
    /// decoder's memory) and leaves the handle valid, so later calls fail with an error instead
    /// of touching freed memory. The handle itself goes with the decoder. Idempotent.
    public func close() {
        mpg123_close(handle)
    }

    /// The whole file's size, so libmpg123 can use the Xing TOC and estimate the length.
    public func setFileSize(_ bytes: Int64) throws(MPG123Error) {
        try check(mpg123_set_filesize(handle, off_t(bytes)))
    }

    /// Adds compressed input (the decoder copies it).
    public func feed(_ bytes: UnsafeRawBufferPointer) throws(MPG123Error) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        try check(mpg123_feed(handle, base.assumingMemoryBound(to: UInt8.self), bytes.count))
        if format == nil { firstFrameSearch.didFeed(bytes) }
    }

    /// Decodes into `output` from what has been fed. A zero-size buffer only parses headers.
    /// Throws `.notMPEGAudio` when the input has run past the first-frame search limit.
    public func decode(into output: UnsafeMutableRawBufferPointer) throws(MPG123Error) -> Step {
        if let pending = pendingFormat {
            pendingFormat = nil
            format = pending
            return .newFormat(pending)
        }
        if let pending = pendingError {
            pendingError = nil
            throw pending
        }
        var done = 0
        let result = mpg123_decode(handle, nil, 0, output.baseAddress?.assumingMemoryBound(to: UInt8.self),
                                   output.count, &done)
        switch result {
        case MPG123_OK.rawValue:
            return .pcm(bytes: done)
        case MPG123_NEW_FORMAT.rawValue:
            let newFormat = try currentFormat()
            // PCM of the old format may already be in the buffer: hand it out first.
            if done > 0 {
                pendingFormat = newFormat
                return .pcm(bytes: done)
            }
            format = newFormat
            return .newFormat(newFormat)
        case MPG123_NEED_MORE.rawValue:
            if done > 0 { return .pcm(bytes: done) }
            if format == nil, firstFrameSearch.limitExceeded {
                throw .notMPEGAudio(searchedBytes: firstFrameSearch.searchedBytes, inputEnded: false)
            }
            return .needMore
        case MPG123_DONE.rawValue:
            return done > 0 ? .pcm(bytes: done) : .done
        default:
            var error = MPG123Error(code: result, handle: handle)
            if format == nil, error.kind == .corruptStream {
                // libmpg123's own give-up on junk before any frame (see FirstFrameSearch).
                error = .notMPEGAudio(searchedBytes: firstFrameSearch.searchedBytes, inputEnded: false)
            }
            // A failed resync still hands out the PCM decoded before it.
            guard done > 0 else { throw error }
            pendingError = error
            return .pcm(bytes: done)
        }
    }

    /// Tells the decoder the input has ended (after `decode` returned `.needMore`). Throws
    /// `.notMPEGAudio` when no MPEG frame was found at all, as for an empty or a text file.
    public func finishInput() throws(MPG123Error) {
        if format == nil {
            throw .notMPEGAudio(searchedBytes: firstFrameSearch.bytesFed, inputEnded: true)
        }
    }

    /// Whether a frame has been found, so the stream is MPEG audio (the format is known).
    public var hasFoundFirstFrame: Bool { format != nil }

    /// A safe size for the output buffer of one `decode` call (one frame of the current format).
    public var outputBlockSize: Int { mpg123_outblock(handle) }

    /// Software volume as a linear factor, applied in the synthesis filter (1.0 leaves the
    /// samples bit-exact). ReplayGain and the preamp multiply on top of it.
    public func setVolume(_ linear: Double) {
        volume = max(0, linear)
        applyVolume()
    }

    /// The ReplayGain libmpg123 applies now, in dB (0 when off or when the stream has none).
    public var replayGainDecibels: Double {
        var base = 0.0, really = 0.0, rvaDecibels = 0.0
        _ = mpg123_getvolume(handle, &base, &really, &rvaDecibels)
        return rvaDecibels
    }

    private func applyVolume() {
        _ = mpg123_volume(handle, volume * preampFactor)
    }

    private static func linear(decibels: Double) -> Double {
        pow(10, decibels / 20)
    }

    private func currentFormat() throws(MPG123Error) -> Format {
        var rate = 0, channels: Int32 = 0, encoding: Int32 = 0
        try check(mpg123_getformat(handle, &rate, &channels, &encoding))
        return Format(sampleRate: rate, channels: Int(channels))
    }

    func check(_ code: Int32) throws(MPG123Error) {
        if code != MPG123_OK.rawValue { throw MPG123Error(code: code, handle: handle) }
    }
}
