/// One track between its byte source and the output: chooses the track's decoder from its first
/// bytes (`DecoderRegistry`), pulls PCM from it, and keeps the track's own sample position.
final class TrackDecoding {
    enum Output: Equatable {
        case pcm(bytes: Int)
        case format(PCMFormat)
        case ended
    }

    let index: Int
    let track: PlaybackTrack
    let source: ByteSource
    private let decoders: DecoderRegistry
    /// nil until the first `next`: it needs the file's first bytes, which the audio thread
    /// reads there (where the decoder's own first read would block anyway).
    private var decoder: TrackDecoder?
    /// The file's first bytes, kept across an outage so none is read twice.
    private var head: [UInt8] = []
    private(set) var format: PCMFormat?
    /// Frames of PCM produced so far, counted from the track's start (seeks move it).
    private(set) var framePosition: Int64 = 0
    /// Set by the engine when it first hands this track's PCM to the output (for the timing trace).
    var wrotePCM = false
    /// The start asked for this track (`--start`, a resumed position), while it matters: a track
    /// that ends before writing any PCM after it was asked to start past its end.
    var requestedStartSeconds: Double?
    private var closed = false

    init(index: Int, track: PlaybackTrack, source: ByteSource, decoders: DecoderRegistry) {
        self.index = index
        self.track = track
        self.source = source
        self.decoders = decoders
    }

    var durationSeconds: Double? {
        guard let format, let samples = decoder?.lengthInSamples else { return nil }
        return Double(samples) / Double(format.sampleRate)
    }

    /// True when the decoder ran out of input before the length the stream counts. An
    /// estimated length (an MP3 without Xing/Info/VBRI: most CBR files) never makes a track
    /// "cut short": it is the byte count over the bitrate, off by whatever tags the file holds.
    var endedShort: Bool {
        guard let decoder, decoder.lengthIsExact, let length = decoder.lengthInSamples, format != nil else { return false }
        return framePosition < length
    }

    var durationIsExact: Bool { decoder?.lengthIsExact ?? false }

    /// Decodes the next piece into `buffer`. Blocks only while the source has no bytes yet.
    func next(into buffer: UnsafeMutableRawBufferPointer) throws(PlaybackError) -> Output {
        do {
            return try decodeNext(into: buffer)
        } catch .decoder(_, let reason) {
            throw .decoder(source.displayName, reason: reason)
        } catch .notAudio {
            throw .notAudio(source.displayName)
        }
    }

    private func decodeNext(into buffer: UnsafeMutableRawBufferPointer) throws(PlaybackError) -> Output {
        let decoder = try openedDecoder()
        while true {
            switch try decoder.read(into: buffer) {
            case .pcm(let bytes):
                guard bytes > 0 else { continue }
                if let format { framePosition += Int64(bytes / format.bytesPerFrame) }
                return .pcm(bytes: bytes)
            case .newFormat(let newFormat):
                format = newFormat
                return .format(newFormat)
            case .done, .needMore:
                return .ended
            }
        }
    }

    /// The track's decoder, chosen from the file's first `DecoderRegistry.headBytes` bytes. A
    /// read that throws (an outage) keeps what came, so the next call goes on from there.
    private func openedDecoder() throws(PlaybackError) -> TrackDecoder {
        if let decoder { return decoder }
        if closed { throw .source(.closed) }
        while head.count < DecoderRegistry.headBytes {
            let piece: [UInt8]?
            do { piece = try source.read(maxBytes: DecoderRegistry.headBytes - head.count) } catch { throw .source(error) }
            guard let piece else { break }
            head += piece
        }
        let factory = decoders.factory(forName: source.displayName, head: head)
        let opened = try factory.makeDecoder(reading: HeadReplayingSource(source, head: head))
        decoder = opened
        head = []
        return opened
    }

    /// Moves to `seconds`; returns false while the stream's start is not parsed yet (the
    /// decoder says where it landed: the target itself where it can seek exactly).
    func seek(toSeconds seconds: Double) throws(PlaybackError) -> Bool {
        guard let format, let decoder else { return false }
        let target = Int64(max(0, seconds) * Double(format.sampleRate))
        guard let landing = try decoder.seek(toSample: target) else { return false }
        framePosition = landing
        return true
    }

    /// The end of this track in the engine: its source stops fetching and the decoder lets go
    /// of its buffers now, whoever still holds a reference.
    func close() {
        closed = true
        source.close()
        decoder?.close()
    }
}
