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
        /// 64-bit IEEE float (WAV format 3 with 64 bits, AIFC 'fl64' big-endian), narrowed to the
        /// output's 32-bit float: its 24-bit significand is finer than any DAC (24 bits at most),
        /// and a FLOAT64 output would add an encoding to every output and to the volume stage.
        case float64(bigEndian: Bool)

        /// Stored bytes for each output byte.
        var storedBytesPerOutputByte: Int {
            if case .float64 = self { return 2 }
            return 1
        }
    }

    var format: PCMFormat
    var storedOrder: StoredOrder
    /// Byte offset of the first sample.
    var dataOffset: Int64
    /// The data's length as the header declares it (it may claim more than the file holds).
    var dataBytes: Int64
    /// Sample frames per channel the header counts (AIFF's COMM, WAV's data size / frame).
    var frames: Int64

    /// A frame as the file stores it (twice the output's for 64-bit float).
    var storedBytesPerFrame: Int { format.bytesPerFrame * storedOrder.storedBytesPerOutputByte }
}

/// Why a header could not be used, for the one line the user sees.
enum PCMFileHeaderError: Error, Equatable {
    case notThisFormat
    case unsupported(String)
    case source(ByteSourceError)
}
