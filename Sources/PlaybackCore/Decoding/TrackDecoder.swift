/// A decoder for one track that reads its own bytes (cmus' `ip.h`, narrowed to what a
/// streaming player needs): open from a byte source, read PCM in the stream's own format, seek
/// to a sample, say its length and format, close. Every format (MP3, FLAC, WAV, AIFF, Ogg
/// Vorbis, Opus) is one module implementing this and one `TrackDecoderFactory`; the engine knows
/// no format. Used from one thread (the audio thread).
///
/// Outages: a read from the source that throws `ByteSourceError.unavailable` is rethrown as
/// `PlaybackError.source(...)`, and calling `read` again later continues exactly where the
/// stream stopped: no sample is lost or repeated. A decoder over a C library whose callbacks
/// cannot resume waits inside its read callback until the source delivers again or is closed.
public protocol TrackDecoder: AnyObject {
    /// The stream's format; nil until the first `read` reported it with `.newFormat`.
    var format: PCMFormat? { get }
    /// Samples per channel in the whole track (after gapless trimming), if known.
    var lengthInSamples: Int64? { get }
    /// Whether `lengthInSamples` is counted by the stream (FLAC STREAMINFO, a WAV data chunk,
    /// an Ogg granule, MP3 Xing/Info/VBRI), not estimated from the file's size: only a counted
    /// length can say a track was cut short.
    var lengthIsExact: Bool { get }
    /// Decodes the next piece into `buffer`: `.pcm` with whole frames, `.newFormat` before the
    /// first PCM and whenever the format changes, `.done` at the end. Never `.needMore`.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(PlaybackError) -> DecodeStep
    /// Moves to `sample` (per channel, from the track's start) and returns the sample the next
    /// PCM starts at (the target itself for sample-exact formats); nil while the stream's start
    /// is not parsed yet (the engine asks again after the next read).
    func seek(toSample sample: Int64) throws(PlaybackError) -> Int64?
    /// Frees the decoder's buffers; reads after it fail. Does not close the byte source (the
    /// track's run owns it). Idempotent.
    func close()
}

/// One audio format: recognises its files and opens decoders for them.
public protocol TrackDecoderFactory: Sendable {
    /// The format's short name for the status bar and `info` ("MP3", "FLAC", "WAV").
    var formatName: String { get }
    /// Lower-case file extensions this format's files carry ("flac"; "wav", "wave").
    var fileExtensions: Set<String> { get }
    /// Whether a file starting with `head` (its first bytes, at least 12 when the file has them)
    /// is in this format, whatever its name says.
    func recognizes(head: [UInt8]) -> Bool
    /// A decoder over `source`, whose read position is at its start. Must not block beyond what
    /// the first `read` of the decoder would (open lazily if the format needs bytes first).
    func makeDecoder(reading source: ByteSource) throws(PlaybackError) -> TrackDecoder
}
