import PlaybackCore

/// Where a WAV or AIFF file keeps its samples and how to turn them into the output's
/// little-endian PCM: what the header parsers find, and all the track decoder needs.
struct PCMFileLayout: Equatable {
    /// How the stored samples differ from the output's.
    enum StoredOrder: Equatable {
        /// Stored as output (WAV, AIFC 'sowt').
        case asOutput
        /// Big-endian (AIFF, AIFC 'NONE'/'twos'/'in24'/'in32'/'fl32'): bytes of each sample reversed.
        case bigEndian
        /// WAV's 8-bit samples are unsigned (offset 128); the output's S8 is signed.
        case unsignedBytes
    }

    var format: PCMFormat
    var storedOrder: StoredOrder
    /// Byte offset of the first sample.
    var dataOffset: Int64
    /// The data's length as the header declares it (it may claim more than the file holds).
    var dataBytes: Int64
    /// Sample frames per channel the header counts (AIFF's COMM, WAV's data size / frame).
    var frames: Int64

    var bytesPerFrame: Int { format.bytesPerFrame }
}

/// Why a header could not be used, for the one line the user sees.
enum PCMFileHeaderError: Error, Equatable {
    case notThisFormat
    case unsupported(String)
    case source(ByteSourceError)
}
