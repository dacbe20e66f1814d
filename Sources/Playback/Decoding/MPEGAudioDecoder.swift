import AudioTags
import MPG123

/// MP3 (MPEG-1/2/2.5 layer III, and layers I/II) through libmpg123's feed API, as the engine's
/// `AudioDecoder`. Gapless trimming is on; ReplayGain is off unless asked for, so default output
/// is bit-exact with `mpg123 -s`.
public final class MPEGAudioDecoder: AudioDecoder {
    public enum ReplayGain: Sendable { case off, track, album }

    /// Internal, not private: MPEGAudioDecoder+Info reads the stream's facts and tags from it.
    let decoder: MPG123Decoder

    public init(replayGain: ReplayGain = .off, preampDecibels: Double = 0) throws(PlaybackError) {
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
    }

    public func setFileSize(_ bytes: Int64) {
        fileSize = bytes
        try? decoder.setFileSize(bytes)
    }

    private var fileSize: Int64?
    /// Set once the frame index covers the whole (CBR) file: every seek is then exact.
    private var indexedByConstantBitrate = false

    /// The stream's first frames as AudioTags reads them: whether the length is counted, and
    /// VBRI lengths (libmpg123 reads Xing/Info only).
    private var streamHead = MPEGStreamHead()

    public func finishInput() throws(PlaybackError) {
        streamHead.finish()
        do { try decoder.finishInput() } catch { throw Self.map(error) }
    }

    public func feed(_ bytes: [UInt8]) throws(PlaybackError) {
        if !streamHead.isDecided { bytes.withUnsafeBytes { streamHead.feed($0) } }
        // withUnsafeBytes rethrows untyped, so the typed error is carried out by hand.
        let failure = bytes.withUnsafeBytes { buffer -> MPG123Error? in
            do throws(MPG123Error) { try decoder.feed(buffer); return nil } catch { return error }
        }
        if let failure { throw Self.map(failure) }
    }

    public func decode(into buffer: UnsafeMutableRawBufferPointer) throws(PlaybackError) -> DecodeStep {
        do {
            switch try decoder.decode(into: buffer) {
            case .pcm(let bytes): return .pcm(bytes: bytes)
            case .newFormat(let format): return .newFormat(PCMFormat(sampleRate: format.sampleRate, channels: format.channels))
            case .needMore: return .needMore
            case .done: return .done
            }
        } catch {
            throw Self.map(error)
        }
    }

    public func seek(toSample sample: Int64, guessing: Bool) throws(PlaybackError) -> (sample: Int64, inputOffset: Int64)? {
        // The bytes fed after a seek are not the stream's next ones.
        if !streamHead.isDecided { streamHead.abandon() }
        do {
            return try decoder.seek(toSample: sample, guessing: guessing)
        } catch {
            throw .decoder("", reason: error.description)
        }
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
    public func farSeekMethod() -> FarSeekMethod {
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

    /// The track's name is added by the engine, which knows it.
    private static func map(_ error: MPG123Error) -> PlaybackError {
        error.kind == .notMPEGAudio ? .notAudio("") : .decoder("", reason: error.description)
    }
}
