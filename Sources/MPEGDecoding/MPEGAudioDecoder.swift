import AudioTags
import MPG123
import PlaybackCore

/// MP3 (MPEG-1/2/2.5 layer III, and layers I/II) through libmpg123's feed API, as a
/// `TrackDecoder`: it reads its own bytes from the track's `ByteSource` and feeds them to
/// libmpg123, and decides by itself how a far seek finds its frame (`seek(toSample:)`).
/// Gapless trimming is on; ReplayGain is off unless asked for, so default output is bit-exact
/// with `mpg123 -s`. Used from one thread (the audio thread).
public final class MPEGAudioDecoder: TrackDecoder {
    public enum ReplayGain: Sendable { case off, track, album }

    private let decoder: MPG123Decoder
    private let source: ByteSource
    private let seekPolicy: MPEGSeekPolicy
    /// Bytes asked of the source per read: 64 KiB, a few seconds of audio per feed.
    private let readSize = 64 << 10
    public private(set) var format: PCMFormat?
    /// Whether libmpg123 has been told the file's size (known once the source's first read returned).
    private var fileSize: Int64?
    private var sourceEnded = false
    /// The offset in the file of the next byte libmpg123 will be fed.
    private var inputPosition: Int64 = 0
    /// Set once the frame index covers the whole (CBR) file: every seek is then exact.
    private var indexedByConstantBitrate = false
    /// The stream's first frames as AudioTags reads them: whether the length is counted, and
    /// VBRI lengths (libmpg123 reads Xing/Info only).
    private var streamHead = MPEGStreamHead()
    /// Whether any PCM was handed out, and whether the decoder was ever sought (`endOfStream`).
    private var handedOutPCM = false
    private var sought = false

    /// `source`'s read position is at the file's start.
    public init(reading source: ByteSource, replayGain: ReplayGain = .off, preampDecibels: Double = 0,
                seekPolicy: MPEGSeekPolicy = MPEGSeekPolicy()) throws(PlaybackError) {
        let mode: MPG123Decoder.ReplayGainMode = switch replayGain {
        case .off: .off
        case .track: .track
        case .album: .album
        }
        do {
            decoder = try MPG123Decoder(replayGain: mode, preampDecibels: preampDecibels)
        } catch {
            throw .decoder("", reason: error.description)
        }
        self.source = source
        self.seekPolicy = seekPolicy
    }

    /// Decodes until libmpg123 hands out PCM or a format, feeding it from the source as it asks.
    /// An outage (`.source(.unavailable)`) consumes nothing: the next call feeds the same byte.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(PlaybackError) -> DecodeStep {
        while true {
            let step: MPG123Decoder.Step
            do { step = try decoder.decode(into: buffer) } catch { throw map(error) }
            switch step {
            case .pcm(let bytes):
                if bytes > 0 { handedOutPCM = true }
                return .pcm(bytes: bytes)
            case .newFormat(let new):
                let format = PCMFormat(sampleRate: new.sampleRate, channels: new.channels)
                self.format = format
                return .newFormat(format)
            case .done:
                return try endOfStream()
            case .needMore:
                if sourceEnded { return try endOfStream() }
                try feedMore()
            }
        }
    }

    /// A whole read from the start that gave no sample: the frames were there (else libmpg123
    /// says "not MPEG audio"), but the gapless trim took them all. LAME makes such a file from
    /// empty input: an Info header whose encoder delay and padding cover its one frame. That is
    /// said, not played as a silent success. After a seek an empty rest is the engine's to judge.
    private func endOfStream() throws(PlaybackError) -> DecodeStep {
        guard handedOutPCM || sought else {
            throw .decoder("", reason: "it holds no audio: its Info header's encoder delay and padding cover all its frames")
        }
        return .done
    }

    private func feedMore() throws(PlaybackError) {
        let bytes: [UInt8]?
        do { bytes = try source.read(maxBytes: readSize) } catch { throw .source(error) }
        if fileSize == nil, let size = source.size {
            fileSize = size
            try? decoder.setFileSize(size)
        }
        guard let bytes else {
            sourceEnded = true
            streamHead.finish()
            do { try decoder.finishInput() } catch { throw map(error) }
            return
        }
        inputPosition += Int64(bytes.count)
        if !streamHead.isDecided { bytes.withUnsafeBytes { streamHead.feed($0) } }
        // withUnsafeBytes rethrows untyped, so the typed error is carried out by hand.
        let failure = bytes.withUnsafeBytes { buffer -> MPG123Error? in
            do throws(MPG123Error) { try decoder.feed(buffer); return nil } catch { return error }
        }
        if let failure { throw map(failure) }
    }

    /// A CBR stream jumps straight to the exact frame (computed offsets). Otherwise an exact
    /// seek past the frames parsed so far makes libmpg123 read forward from the last one it
    /// knows, fetching every byte in between. In a VBR stream with a Xing TOC that is done while
    /// it is cheap (`MPEGSeekPolicy`); beyond that the seek guesses by the TOC instead, with one
    /// new ranged GET near the target (approximate). A stream with neither always reads forward
    /// (`FarSeekMethod`).
    public func seek(toSample target: Int64) throws(PlaybackError) -> Int64? {
        sought = true
        let ahead = estimatedByteOffset(ofSample: target).map { $0 - inputPosition } ?? 0
        let guessing = ahead > 0 && farSeekMethod() == .tableGuess && Double(ahead) > readForwardLimit
        // The bytes fed after a seek are not the stream's next ones.
        if !streamHead.isDecided { streamHead.abandon() }
        let landing: (sample: Int64, inputOffset: Int64)?
        do { landing = try decoder.seek(toSample: target, guessing: guessing) } catch {
            throw .decoder("", reason: error.description)
        }
        guard let landing else { return nil }
        source.seek(to: landing.inputOffset)
        inputPosition = landing.inputOffset
        sourceEnded = false
        // After an exact seek libmpg123's output begins at the target sample itself (it skips
        // the samples before it, though it may report the frame it reads from); after a guess,
        // at the sample it reports.
        return guessing ? landing.sample : target
    }

    private var readForwardLimit: Double {
        max(Double(seekPolicy.exactSeekBytes), (source.sequentialBytesPerSecond ?? 0) * seekPolicy.exactSeekSeconds)
    }

    private func estimatedByteOffset(ofSample sample: Int64) -> Int64? {
        guard let length = lengthInSamples, length > 0, let size = source.size else { return nil }
        return Int64(Double(sample) / Double(length) * Double(size))
    }

    /// A counted length (Xing/Info or VBRI frame count) when the stream has one. Else
    /// libmpg123's estimate: the file size over the mean size of the frames parsed so far,
    /// which follows a VBR stream without a header better than the first frame's bitrate
    /// (seeks are clamped to it); it counts tags as audio, so the player shows the catalog's.
    public var lengthInSamples: Int64? {
        if let headLength, headLength.isExact { return headLength.samples }
        return decoder.lengthInSamples ?? headLength?.samples
    }

    public var lengthIsExact: Bool { headLength?.isExact ?? false }

    private var cachedHeadLength: MPEGStreamHead.Length?
    private var headLength: MPEGStreamHead.Length? {
        if cachedHeadLength == nil, streamHead.isDecided, let fileSize {
            cachedHeadLength = streamHead.length(objectSize: fileSize)
        }
        return cachedHeadLength
    }

    public func close() { decoder.close() }

    /// A Xing or VBRI header (VBR or ABR) carries the TOC libmpg123 guesses from. Without one,
    /// a stream that is not CBR (its frames do not sit at constant offsets) gives libmpg123 only
    /// the mean frame size to guess with, off by seconds where the bitrate swings, so it reads
    /// forward. So does a stream too little of which is parsed to tell: exact either way.
    /// A CBR stream's index is extended over the file here (`extendIndexByConstantBitrate`), so
    /// every seek after it, exact or not, finds its frame in the index and jumps straight there.
    /// Asked before each far seek: more frames parsed may tell more.
    func farSeekMethod() -> FarSeekMethod {
        if jumpsExactly() { return .exactJump }
        switch decoder.frameInfo?.bitrateMode {
        case .variable?, .average?: return .tableGuess
        case .constant?, nil: return .readForward
        }
    }

    private func jumpsExactly() -> Bool {
        if !indexedByConstantBitrate, let fileSize {
            indexedByConstantBitrate = decoder.extendIndexByConstantBitrate(fileSize: fileSize)
        }
        return indexedByConstantBitrate
    }

    /// The track's name is added by the engine, which knows it. libmpg123 does not count a
    /// Xing/Info header as an audio frame: a file that is only that header (a cut upload) is
    /// "not MPEG audio" to it, though it is an MP3 with nothing in it. The stream head, which
    /// found that frame, tells the two apart, so the user reads what is wrong with the file
    /// (as `info` and the scan say it) instead of a list of formats to convert to.
    private func map(_ error: MPG123Error) -> PlaybackError {
        guard error.kind == .notMPEGAudio else { return .decoder("", reason: error.description) }
        if streamHead.firstFrameIsLengthHeader {
            return .decoder("", reason: "it holds no audio: its only MPEG frame is a Xing/Info header")
        }
        return .notAudio("")
    }
}

/// The ways a seek past the parsed frames can find its frame.
enum FarSeekMethod: Equatable, Sendable {
    /// Straight to the exact frame: a CBR stream, whose frame offsets are computed over the file.
    case exactJump
    /// By the Xing/LAME table of contents, with one new range: approximate, within 1/256 of
    /// the file. Taken only when reading forward would cost too much.
    case tableGuess
    /// Nothing to guess from (no VBR header): read forward from the last known frame, exact.
    case readForward
}
