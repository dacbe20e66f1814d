import PlaybackCore
/// What `s3play info` tells about one audio file (MP3, FLAC, Ogg Vorbis, Opus, WAV, AIFF):
/// length, bitrate, format and tags, read from the file's headers and tags without decoding
/// (or fetching) the audio.
public struct TrackInfo: Sendable, Equatable {
    public enum BitrateMode: String, Sendable { case constant = "CBR", variable = "VBR", average = "ABR" }
    public enum MPEGVersion: String, Sendable { case mpeg1 = "1", mpeg2 = "2", mpeg25 = "2.5" }
    public enum ChannelMode: String, Sendable {
        case stereo, jointStereo = "joint stereo", dualChannel = "dual channel", mono
    }

    /// The file's size in bytes.
    public var sizeBytes: Int64
    /// Samples per channel after the gapless trim: what a full decode hands out.
    public var lengthInSamples: Int64?
    /// True when the length is counted (the Info/Xing/VBRI frame's frame count), false when it
    /// is estimated from the audio's bytes (tags at either end left out) and the bitrate.
    public var lengthIsExact: Bool
    /// CBR: the frames' bitrate. VBR and ABR: the audio bytes over the duration.
    public var bitrateKbps: Int
    public var bitrateMode: BitrateMode
    public var sampleRate: Int
    public var channels: Int
    /// MPEG only: nil for the other codecs.
    public var channelMode: ChannelMode?
    public var mpegVersion: MPEGVersion?
    /// 1, 2 or 3 (MPEG only).
    public var layer: Int?
    /// "MP3", "FLAC", "Ogg Vorbis", "Opus", "WAV", "AIFF".
    public var codec: String
    /// The source's bits per sample (FLAC, WAV, AIFF); nil for lossy codecs.
    public var bitsPerSample: Int?
    public var isFloatingPoint: Bool
    public var tags: TrackTags

    public init(sizeBytes: Int64, lengthInSamples: Int64?, lengthIsExact: Bool, bitrateKbps: Int,
                bitrateMode: BitrateMode, sampleRate: Int, channels: Int, channelMode: ChannelMode?,
                mpegVersion: MPEGVersion?, layer: Int?, codec: String = "MP3", bitsPerSample: Int? = nil,
                isFloatingPoint: Bool = false, tags: TrackTags) {
        self.codec = codec
        self.bitsPerSample = bitsPerSample
        self.isFloatingPoint = isFloatingPoint
        self.sizeBytes = sizeBytes
        self.lengthInSamples = lengthInSamples
        self.lengthIsExact = lengthIsExact
        self.bitrateKbps = bitrateKbps
        self.bitrateMode = bitrateMode
        self.sampleRate = sampleRate
        self.channels = channels
        self.channelMode = channelMode
        self.mpegVersion = mpegVersion
        self.layer = layer
        self.tags = tags
    }

    public var durationSeconds: Double? {
        lengthInSamples.map { Double($0) / Double(sampleRate) }
    }
}

/// A track's tags as `AudioTagReader` reads them for the catalog too: ID3v2 (any text
/// encoding) with ID3v1 filling the fields it lacks. Empty fields are nil.
public struct TrackTags: Sendable, Equatable {
    public var title: String?
    public var artist: String?
    public var album: String?
    public var albumArtist: String?
    /// As written: "1997", or a full ID3v2.4 recording date such as "2014-05-01".
    public var year: String?
    /// A name; numeric ID3v1 genres are looked up.
    public var genre: String?
    /// As written, e.g. "3/12".
    public var track: String?
    /// As written, e.g. "1/2".
    public var disc: String?
    public var comment: String?

    public init(title: String? = nil, artist: String? = nil, album: String? = nil,
                albumArtist: String? = nil, year: String? = nil, genre: String? = nil,
                track: String? = nil, disc: String? = nil, comment: String? = nil) {
        self.title = title
        self.artist = artist
        self.album = album
        self.albumArtist = albumArtist
        self.year = year
        self.genre = genre
        self.track = track
        self.disc = disc
        self.comment = comment
    }
}
