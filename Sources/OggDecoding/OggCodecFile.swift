import OpusFile
import PlaybackCore
import VorbisFile

/// What `OggTrackDecoder` needs from libvorbisfile or libopusfile: the two libraries differ
/// only in these calls, so one decoder holds the lazy open, the chained-stream format changes
/// and the error mapping for both.
protocol OggCodecFile: AnyObject {
    static func open(_ input: ByteSourceInput) throws(OggCodecFailure) -> Self
    /// The format of the link being decoded.
    var currentFormat: PCMFormat { get }
    /// S16_LE interleaved whole frames; 0 bytes at the end. The format is the bytes' link's.
    func decodePCM(into buffer: UnsafeMutableRawBufferPointer) throws(OggCodecFailure) -> (bytes: Int, format: PCMFormat)
    func seekPCM(toSample sample: Int64) throws(OggCodecFailure)
    var totalSamples: Int64? { get }
    func close()
}

/// Why the library gave up, in words; `notThisFormat` when the bytes are not its format at all.
struct OggCodecFailure: Error {
    var reason: String
    var notThisFormat = false
}

extension VorbisFile: OggCodecFile {
    static func open(_ input: ByteSourceInput) throws(OggCodecFailure) -> VorbisFile {
        do { return try VorbisFile(input: input) } catch { throw OggCodecFailure(reason: error.description, notThisFormat: error.isNotVorbis) }
    }

    var currentFormat: PCMFormat { Self.format(info()) }

    func decodePCM(into buffer: UnsafeMutableRawBufferPointer) throws(OggCodecFailure) -> (bytes: Int, format: PCMFormat) {
        do {
            let (bytes, link) = try read(into: buffer)
            return (bytes, Self.format(info(link: link)))
        } catch { throw OggCodecFailure(reason: error.description) }
    }

    func seekPCM(toSample sample: Int64) throws(OggCodecFailure) {
        do { try seek(toSample: sample) } catch { throw OggCodecFailure(reason: error.description) }
    }

    private static func format(_ info: LinkInfo?) -> PCMFormat {
        PCMFormat(sampleRate: info?.sampleRate ?? 0, channels: info?.channels ?? 0, encoding: .signed16)
    }
}

extension OpusFile: OggCodecFile {
    static func open(_ input: ByteSourceInput) throws(OggCodecFailure) -> OpusFile {
        do { return try OpusFile(input: input) } catch { throw OggCodecFailure(reason: error.description, notThisFormat: error.isNotOpus) }
    }

    var currentFormat: PCMFormat { PCMFormat(sampleRate: Self.sampleRate, channels: channels(), encoding: .signed16) }

    func decodePCM(into buffer: UnsafeMutableRawBufferPointer) throws(OggCodecFailure) -> (bytes: Int, format: PCMFormat) {
        do {
            let (bytes, link) = try read(into: buffer)
            return (bytes, PCMFormat(sampleRate: Self.sampleRate, channels: channels(link: link), encoding: .signed16))
        } catch { throw OggCodecFailure(reason: error.description) }
    }

    func seekPCM(toSample sample: Int64) throws(OggCodecFailure) {
        do { try seek(toSample: sample) } catch { throw OggCodecFailure(reason: error.description) }
    }
}
