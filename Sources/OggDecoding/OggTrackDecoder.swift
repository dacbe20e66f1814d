import PlaybackCore

/// An Ogg Vorbis or Ogg Opus track as a `TrackDecoder`, over libvorbisfile or libopusfile
/// reading the track's `ByteSource` through callbacks. Output is S16_LE at the stream's rate
/// (Opus: 48 kHz), equal to `oggdec` and within one LSB of `opusdec --no-dither` (see
/// docs/architecture.md, "Ogg Vorbis and Opus"). Lengths are exact (granule positions, after
/// Opus pre-skip and end trimming). A chained stream whose links differ in rate or channels
/// reports `.newFormat` before the first PCM of each such link.
final class OggTrackDecoder<File: OggCodecFile>: TrackDecoder {
    private let input: ByteSourceInput
    private let formatName: String
    private var file: File?
    private var closed = false
    private(set) var format: PCMFormat?
    /// PCM of a link whose format differs from the last one: held back behind its `.newFormat`.
    private var pending: [UInt8] = []
    private var pendingStart = 0
    /// Set by a seek to (or past) the end: an offset at the length lies in no link, so the end
    /// is answered here without asking the library.
    private var seekedToEnd = false

    init(input: ByteSourceInput, formatName: String) {
        self.input = input
        self.formatName = formatName
    }

    var lengthInSamples: Int64? { file?.totalSamples }
    var lengthIsExact: Bool { lengthInSamples != nil }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(PlaybackError) -> DecodeStep {
        let file = try opened()
        guard let format else {
            let first = file.currentFormat
            format = first
            return .newFormat(first)
        }
        if seekedToEnd { return .done }
        if pendingStart < pending.count { return .pcm(bytes: takePending(into: buffer, frameBytes: format.bytesPerFrame)) }
        if input.isStarving, let outage = input.source.outage {
            // Nothing consumed: the engine waits and calls again, and decoding goes on here.
            throw .source(.unavailable(input.source.displayName, reason: outage.reason))
        }
        let decoded: (bytes: Int, format: PCMFormat)
        do { decoded = try file.decodePCM(into: buffer) } catch { throw failure(error) }
        if decoded.bytes == 0 { return .done }
        if decoded.format != format {
            pending = Array(UnsafeRawBufferPointer(rebasing: buffer[0..<decoded.bytes]))
            pendingStart = 0
            self.format = decoded.format
            return .newFormat(decoded.format)
        }
        return .pcm(bytes: decoded.bytes)
    }

    /// Page bisection inside the library (`ov_pcm_seek`, `op_pcm_seek`), then decoding forward
    /// to the exact sample: the next PCM starts at `sample` (clamped to the track).
    func seek(toSample sample: Int64) throws(PlaybackError) -> Int64? {
        let file = try opened()
        let target = max(0, sample)
        pending = []
        pendingStart = 0
        if let total = file.totalSamples, target >= total {
            seekedToEnd = true
            return total
        }
        seekedToEnd = false
        do { try file.seekPCM(toSample: target) } catch { throw failure(error) }
        return target
    }

    func close() {
        closed = true
        file?.close()
        file = nil
        pending = []
    }

    /// Opens on first use, so making the decoder reads nothing (the factory must not block).
    private func opened() throws(PlaybackError) -> File {
        if closed { throw .source(.closed) }
        if let file { return file }
        do {
            let opened = try File.open(input)
            file = opened
            return opened
        } catch {
            throw failure(error)
        }
    }

    private func takePending(into buffer: UnsafeMutableRawBufferPointer, frameBytes: Int) -> Int {
        let count = min(pending.count - pendingStart, buffer.count / frameBytes * frameBytes)
        pending.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[pendingStart..<pendingStart + count])) }
        pendingStart += count
        if pendingStart == pending.count { pending = []; pendingStart = 0 }
        return count
    }

    /// The source's own error when a read failed for good (404, ETag changed, closed), else the
    /// library's reason.
    private func failure(_ error: OggCodecFailure) -> PlaybackError {
        if let sourceError = input.failure { return .source(sourceError) }
        let reason = error.notThisFormat ? "it is not \(formatName) (\(error.reason))" : error.reason
        return .decoder(input.source.displayName, reason: reason)
    }
}
