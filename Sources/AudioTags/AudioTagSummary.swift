/// Where a summary's tags came from.
public enum AudioTagSource: String, Equatable, Sendable {
    case id3v2_2 = "id3v2.2"
    case id3v2_3 = "id3v2.3"
    case id3v2_4 = "id3v2.4"
    case id3v1
    /// Vorbis comments (FLAC's VORBIS_COMMENT block, Ogg Vorbis and Opus comment headers).
    case vorbisComment = "vorbis-comment"
    /// A WAV file's LIST/INFO chunk.
    case riffInfo = "riff-info"
    /// An AIFF file's NAME, AUTH and ANNO chunks.
    case aiffText = "aiff-text"
    /// No tag was found (or the only one found could not be read).
    case noTag = "none"
}

/// How `durationSeconds` was found, best first.
public enum AudioDurationMethod: String, Equatable, Sendable {
    /// The frame count of a Xing or Info header, trimmed by the LAME encoder delay and padding
    /// when the LAME extension is there: the exact decoded length.
    case xingHeader
    /// The frame count of a Fraunhofer VBRI header.
    case vbriHeader
    /// The audio bytes over the first frame's bitrate: exact for CBR without an Info header,
    /// an estimate for VBR without one.
    case bitrateEstimate
    /// Samples counted by the container: FLAC's STREAMINFO, a WAV data chunk's size over the
    /// block size, AIFF's COMM frame count, an Ogg stream's last granule position.
    case sampleCount
}

/// The kind of file, from its first bytes.
public enum AudioContainer: String, Equatable, Sendable {
    case mpeg = "MP3"
    case flac = "FLAC"
    case oggVorbis = "Ogg Vorbis"
    case oggOpus = "Opus"
    case wave = "WAV"
    case aiff = "AIFF"
}

/// What one audio object's first bytes (and, without ID3v2, its last 128) tell: tags, format and
/// length. Empty text fields are nil. Whatever went wrong is in `problem`, next to what was
/// still known; a summary is always given, never an error.
public struct AudioTagSummary: Equatable, Sendable {
    public var title: String?
    public var artist: String?
    public var album: String?
    /// TPE2 (TP2 in ID3v2.2), "band/orchestra/accompaniment", which players use as the album artist.
    public var albumArtist: String?
    /// TRCK "3/12" gives 3 and 12; ID3v1.1 gives the number only.
    public var trackNumber: Int?
    /// TRCK and TPOS as written ("3/12", "02/10"), for `info`; the ID3v1.1 track as a number.
    public var trackText: String?
    public var discText: String?
    /// The year field as written when it starts with a year: "1997", or a whole ID3v2.4
    /// recording time such as "2014-05-01". `year` is its number.
    public var yearText: String?
    /// The first comment (COMM) without a description, or the ID3v1 comment.
    public var comment: String?
    public var trackTotal: Int?
    /// TPOS "2/3" gives 2 and 3.
    public var discNumber: Int?
    public var discTotal: Int?
    /// The year of TDRC (ID3v2.4), TYER/TYE (ID3v2.3/2.2) or the ID3v1 year.
    public var year: Int?
    /// A name: numeric references ("(13)", "13", the ID3v1 genre byte) are looked up in `ID3v1Genre`.
    public var genre: String?
    /// TCMP/TCP (iTunes' "part of a compilation") is "1".
    public var isCompilation: Bool = false

    public var durationSeconds: Double?
    public var durationMethod: AudioDurationMethod?
    /// Samples per channel: exact (after LAME's gapless trim) from a Xing/Info/VBRI count,
    /// else the estimate `durationSeconds` is.
    public var lengthInSamples: Int64?
    /// Whether the length is counted by a header, not estimated from the byte count.
    public var durationIsExact: Bool {
        durationMethod == .xingHeader || durationMethod == .vbriHeader || durationMethod == .sampleCount
    }
    public var bitrateMode: MPEGBitrateMode?
    public var channelMode: MPEGChannelMode?
    /// Bits per second: the average when a Xing/VBRI header gives the byte and frame counts,
    /// else the first frame's.
    public var bitrate: Int?
    public var sampleRate: Int?
    public var channels: Int?
    /// The MPEG version and layer (1...3) of the first frame.
    public var mpegVersion: MPEGVersion?
    public var mpegLayer: Int?
    /// What the file is; nil when neither its first bytes nor an MPEG frame said.
    public var container: AudioContainer?
    /// Bits per sample of PCM and FLAC (the source's depth; lossy codecs have none).
    public var bitsPerSample: Int?
    /// WAV format 3, AIFC fl32/fl64: samples are IEEE floats.
    public var isFloatingPoint = false

    public var tagSource: AudioTagSource = .noTag
    /// The ID3v2 tag's bytes at the start of the object, header and footer included; 0 without one.
    public var tagBytes: Int64 = 0
    /// The object offset of the first MPEG frame.
    public var audioStart: Int64?
    /// Where the audio ends: the object's end less the tags found there (ID3v1, APEv2,
    /// Lyrics3, an appended ID3v2 tag).
    public var audioEnd: Int64?
    /// False when the stream's frames hold no audio: a Xing/Info header counting 0 frames, or
    /// no frame after the header's own. Such an object cannot be played.
    public var holdsAudio: Bool {
        guard let container, container != .mpeg else { return mpegVersion != nil && durationSeconds != nil }
        return (durationSeconds ?? 0) > 0 && sampleRate != nil
    }
    /// What went wrong, in words ("not MPEG audio", "the ID3v2 tag is cut short"); several
    /// problems are joined with "; ".
    public var problem: String?

    public init() {}

    mutating func note(_ text: String) {
        problem = problem.map { "\($0); \(text)" } ?? text
    }
}
