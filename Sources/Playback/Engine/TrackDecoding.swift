/// One track between its byte source and the output: feeds the decoder from the source as it
/// asks for more, and keeps the track's own sample position.
final class TrackDecoding {
    enum Output: Equatable {
        case pcm(bytes: Int)
        case format(PCMFormat)
        case ended
    }

    let index: Int
    let track: PlaybackTrack
    let source: ByteSource
    private let decoder: AudioDecoder
    private(set) var format: PCMFormat?
    /// Frames of PCM produced so far, counted from the track's start (seeks move it).
    private(set) var framePosition: Int64 = 0
    private var sourceEnded = false
    /// Set by the engine when it first hands this track's PCM to the output (for the timing trace).
    var wrotePCM = false
    /// The start asked for this track (`--start`, a resumed position), while it matters: a track
    /// that ends before writing any PCM after it was asked to start past its end.
    var requestedStartSeconds: Double?
    private var fileSizeTold = false
    private let readSize: Int
    private let exactSeekBytes: Int64
    private let exactSeekSeconds: Double

    init(index: Int, track: PlaybackTrack, source: ByteSource, decoder: AudioDecoder, readSize: Int = 64 << 10,
         exactSeekBytes: Int64, exactSeekSeconds: Double) {
        self.index = index
        self.track = track
        self.source = source
        self.decoder = decoder
        self.readSize = readSize
        self.exactSeekBytes = exactSeekBytes
        self.exactSeekSeconds = exactSeekSeconds
    }

    var durationSeconds: Double? {
        guard let format, let samples = decoder.lengthInSamples else { return nil }
        return Double(samples) / Double(format.sampleRate)
    }

    /// True when the decoder ran out of input before the header's announced length.
    var endedShort: Bool {
        guard let length = decoder.lengthInSamples, format != nil else { return false }
        return framePosition < length
    }

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
        while true {
            switch try decoder.decode(into: buffer) {
            case .pcm(let bytes):
                guard bytes > 0 else { continue }
                if let format { framePosition += Int64(bytes / format.bytesPerFrame) }
                return .pcm(bytes: bytes)
            case .newFormat(let newFormat):
                format = newFormat
                return .format(newFormat)
            case .done:
                return .ended
            case .needMore:
                if sourceEnded { return .ended }
                try feedMore()
            }
        }
    }

    /// Moves to `seconds`; returns false while the stream's first frame is not parsed yet.
    ///
    /// A CBR stream jumps straight to the exact frame (computed offsets). Otherwise an exact
    /// seek past the frames parsed so far makes libmpg123 read forward from the last one it
    /// knows, fetching every byte in between. In a VBR stream with a Xing TOC that is done while
    /// it is cheap: up to `exactSeekBytes`, or as many bytes as the source delivers in
    /// `exactSeekSeconds` at its measured rate (a local file: always); beyond that the seek
    /// guesses by the TOC instead, with one new ranged GET near the target (approximate). A
    /// stream with neither always reads forward (`FarSeekMethod`).
    func seek(toSeconds seconds: Double) throws(PlaybackError) -> Bool {
        guard let format else { return false }
        let target = Int64(max(0, seconds) * Double(format.sampleRate))
        let ahead = estimatedByteOffset(ofSample: target).map { $0 - inputPosition } ?? 0
        let guessing = ahead > 0 && decoder.farSeekMethod() == .tableGuess && Double(ahead) > readForwardLimit
        guard let landing = try decoder.seek(toSample: target, guessing: guessing) else { return false }
        source.seek(to: landing.inputOffset)
        inputPosition = landing.inputOffset
        sourceEnded = false
        // After an exact seek libmpg123's output begins at the target sample itself (it skips
        // the samples before it, though it may report the frame it reads from); after a guess,
        // at the sample it reports.
        framePosition = guessing ? landing.sample : target
        return true
    }

    private var readForwardLimit: Double {
        max(Double(exactSeekBytes), (source.sequentialBytesPerSecond ?? 0) * exactSeekSeconds)
    }

    private func estimatedByteOffset(ofSample sample: Int64) -> Int64? {
        guard let length = decoder.lengthInSamples, length > 0, let size = source.size else { return nil }
        return Int64(Double(sample) / Double(length) * Double(size))
    }

    func close() { source.close() }

    private func feedMore() throws(PlaybackError) {
        let bytes: [UInt8]?
        do {
            bytes = try source.read(maxBytes: readSize)
        } catch {
            throw .source(error)
        }
        if !fileSizeTold, let size = source.size {
            decoder.setFileSize(size)
            fileSizeTold = true
        }
        guard let bytes else {
            sourceEnded = true
            try decoder.finishInput()
            return
        }
        inputPosition += Int64(bytes.count)
        try decoder.feed(bytes)
    }

    /// The offset in the file of the next byte the decoder will be fed.
    private var inputPosition: Int64 = 0
}
