import FLAC
import PlaybackCore

/// FLAC through libFLAC's stream decoder, reading its `ByteSource` through callbacks: PCM at
/// the stream's own depth (16-bit as S16_LE, 24-bit as packed S24_3LE), bit-exact with
/// `flac -d`; sample-exact seeks (libFLAC's SEEKTABLE lookup, else its bisection over the
/// file, each step a ranged read).
///
/// A seek is only noted; the next `read` performs it, so an outage during a seek is one more
/// resumable read (the contract in `TrackDecoder`): libFLAC is flushed and the source moved
/// back to the end of the last whole frame, and the next `read` goes on from there.
public final class FLACTrackDecoder: TrackDecoder {
    private let source: ByteSource
    private let input: ByteSourceFLACInput
    private var flac: FLACStreamDecoder?
    /// Decoded PCM not yet handed out, from `pendingStart` on.
    private var pending: [UInt8] = []
    private var pendingStart = 0
    public private(set) var format: PCMFormat?
    private var announcedFormat = false
    private var seekTarget: Int64?
    private var ended = false
    private var frameProblem: String?

    public init(source: ByteSource) throws(PlaybackError) {
        self.source = source
        input = ByteSourceFLACInput(source: source)
        var handler: ((FLACFrame) -> Void)?
        do {
            flac = try FLACStreamDecoder(input: input) { frame in handler?(frame) }
        } catch {
            throw .decoder(source.displayName, reason: error.description)
        }
        handler = { [unowned self] frame in take(frame) }
    }

    public var lengthInSamples: Int64? { flac?.streamInfo?.totalSamples }

    public var lengthIsExact: Bool { lengthInSamples != nil }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(PlaybackError) -> DecodeStep {
        guard let flac else { throw .decoder(source.displayName, reason: "the decoder is closed") }
        if let target = seekTarget {
            try perform(flac.seek(toSample: target), seeking: true)
            seekTarget = nil
        }
        while pending.count == pendingStart {
            if ended { return .done }
            if try perform(flac.decodeNextFrame(), seeking: false) == .endOfStream {
                guard flac.streamInfo != nil else {
                    throw .decoder(source.displayName, reason: "it is not a FLAC file (no STREAMINFO found)")
                }
                ended = true
            }
        }
        if let problem = frameProblem { throw .decoder(source.displayName, reason: problem) }
        if !announcedFormat, let format {
            announcedFormat = true
            return .newFormat(format)
        }
        guard let bytesPerFrame = format?.bytesPerFrame else { return .done }
        guard buffer.count >= bytesPerFrame else {
            throw .decoder(source.displayName, reason: "a read buffer of \(buffer.count) bytes holds no whole frame")
        }
        let count = min(pending.count - pendingStart, buffer.count / bytesPerFrame * bytesPerFrame)
        pending.withUnsafeBytes { all in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: all[pendingStart..<(pendingStart + count)]))
        }
        pendingStart += count
        if pendingStart == pending.count {
            pending.removeAll(keepingCapacity: true)
            pendingStart = 0
        }
        return .pcm(bytes: count)
    }

    /// Runs one libFLAC step, turning its outcome into the contract's errors.
    @discardableResult
    private func perform(_ step: @autoclosure () throws(FLACError) -> FLACStreamDecoder.Step,
                         seeking: Bool) throws(PlaybackError) -> FLACStreamDecoder.Step {
        let result: FLACStreamDecoder.Step
        do {
            result = try step()
        } catch {
            throw .decoder(source.displayName, reason: error.description)
        }
        if result == .interrupted {
            // Anything decoded by a seek that was cut off is not where the next read starts.
            if seeking { discardPending() }
            throw .source(input.takeFailure() ?? .unavailable(source.displayName, reason: "the read was interrupted"))
        }
        return result
    }

    /// Notes the target; the next `read` seeks (libFLAC's seek reads, and reads may meet an
    /// outage, which only `read` may report). Past the end, the next read ends the track.
    public func seek(toSample sample: Int64) throws(PlaybackError) -> Int64? {
        discardPending()
        let target = max(0, sample)
        if let total = lengthInSamples, target >= total {
            seekTarget = nil
            ended = true
            return total
        }
        ended = false
        seekTarget = target
        return target
    }

    public func close() {
        flac?.close()
        flac = nil
        discardPending()
    }

    private func discardPending() {
        pending.removeAll(keepingCapacity: true)
        pendingStart = 0
    }

    private func take(_ frame: FLACFrame) {
        guard let info = flac?.streamInfo else { return }
        if format == nil {
            format = PCMFormat(sampleRate: info.sampleRate, channels: info.channels,
                               encoding: PlanarSamplePacking.encoding(bitsPerSample: info.bitsPerSample))
        }
        guard frame.channels == info.channels, frame.bitsPerSample == info.bitsPerSample else {
            // A stream whose frames change the channel count or depth is legal FLAC but no
            // encoder writes one; the output keeps one format per track.
            frameProblem = "its frames change format mid-stream (\(frame.channels) channels, \(frame.bitsPerSample)-bit)"
            return
        }
        let planes = (0..<frame.channels).map { frame.samples(ofChannel: $0) }
        PlanarSamplePacking.append(planes, bitsPerSample: info.bitsPerSample, to: &pending)
    }
}

/// FLAC files: "fLaC" at the start (RFC 9639 §6). A file with an ID3v2 tag in front is not
/// valid FLAC, but libFLAC skips the tag; the extension finds those.
public struct FLACTrackDecoderFactory: TrackDecoderFactory {
    public init() {}

    public var formatName: String { "FLAC" }
    public var fileExtensions: Set<String> { ["flac"] }

    public func recognizes(head: [UInt8]) -> Bool {
        head.starts(with: Array("fLaC".utf8))
    }

    public func makeDecoder(reading source: ByteSource) throws(PlaybackError) -> TrackDecoder {
        try FLACTrackDecoder(source: source)
    }
}
