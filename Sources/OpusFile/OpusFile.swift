import COpusFile
#if canImport(Glibc)
import Glibc
#endif

/// Where libopusfile reads a file's bytes: a random-access byte stream (an S3 object read by
/// ranges, a local file). Called on the thread that calls `OpusFile`.
public protocol OpusFileInput: AnyObject {
    /// Copies the next bytes into `buffer` and returns how many (0 at the end of the file), or
    /// nil when reading failed for good (the input keeps the reason).
    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int?
    /// Moves the read position; false when `offset` cannot be reached.
    func seek(to offset: Int64) -> Bool
    var position: Int64 { get }
    /// The file's size, once known (libopusfile seeks to the end to find the last granule).
    var size: Int64? { get }
}

/// One Ogg Opus file opened through libopusfile's callbacks (`op_open_callbacks`), seekable:
/// libopusfile reads the last page at open (exact length after pre-skip and end trimming,
/// every link of a chained stream) and seeks by page bisection (`op_pcm_seek`). Output is
/// always 48 kHz (RFC 7845 §4.2: Opus decodes at 48 kHz whatever the input rate was). Used
/// from one thread; `close()` frees it.
public final class OpusFile {
    private let file: OpaquePointer
    private let input: OpusFileInput
    private var isOpen = true

    /// Every Opus stream decodes at 48 kHz (RFC 7845 §5.1, "Input Sample Rate" is informational).
    public static let sampleRate = 48_000

    /// Reads the headers (and, for the length, the last page) through `input`. Dithering is
    /// off, so 16-bit output is the rounded float decode, as `opusdec --no-dither` writes it.
    public init(input: OpusFileInput) throws(OpusFileError) {
        self.input = input
        var callbacks = OpusFileCallbacks(read: opusRead, seek: opusSeek, tell: opusTell, close: nil)
        var error: Int32 = 0
        guard let file = op_open_callbacks(Unmanaged.passUnretained(input as AnyObject).toOpaque(),
                                           &callbacks, nil, 0, &error) else {
            throw OpusFileError(code: error == 0 ? OP_EFAULT : error)
        }
        self.file = file
        op_set_dither_enabled(file, 0)
    }

    /// Frees libopusfile's state; the input is not closed (its owner does that). Idempotent.
    public func close() {
        guard isOpen else { return }
        isOpen = false
        op_free(file)
    }

    /// Channels of `link` (nil: the link being decoded).
    public func channels(link: Int? = nil) -> Int {
        isOpen ? Int(op_channel_count(file, Int32(link ?? -1))) : 0
    }

    /// Samples per channel at 48 kHz in the whole file (every link), after each link's
    /// pre-skip and end trimming, counted from the granule positions.
    public var totalSamples: Int64? {
        guard isOpen else { return nil }
        let total = op_pcm_total(file, -1)
        return total < 0 ? nil : total
    }

    /// Decodes into `buffer` as signed 16-bit native-endian (little-endian here) interleaved
    /// samples, whole frames only. Returns the bytes written (0 at the end) and the link.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(OpusFileError) -> (bytes: Int, link: Int) {
        guard isOpen else { throw OpusFileError(code: OP_EINVAL) }
        var link: Int32 = 0
        let samples = buffer.bindMemory(to: opus_int16.self)
        let frames = op_read(file, samples.baseAddress, Int32(clamping: samples.count), &link)
        if frames < 0 { throw OpusFileError(code: frames) }
        return (Int(frames) * channels(link: Int(link)) * 2, Int(link))
    }

    /// Moves to `sample` (per channel at 48 kHz, over all links); the next `read` starts exactly there.
    public func seek(toSample sample: Int64) throws(OpusFileError) {
        guard isOpen else { throw OpusFileError(code: OP_EINVAL) }
        let result = op_pcm_seek(file, sample)
        if result != 0 { throw OpusFileError(code: result) }
    }

    /// The sample the next `read` starts at.
    public var currentSample: Int64 { isOpen ? op_pcm_tell(file) : 0 }
}

// The callbacks receive the input as an unretained pointer: `OpusFile` keeps it alive.
private func opusInput(_ pointer: UnsafeMutableRawPointer?) -> OpusFileInput {
    Unmanaged<AnyObject>.fromOpaque(pointer!).takeUnretainedValue() as! OpusFileInput
}

/// A negative return is a read error to libopusfile (OP_EREAD), 0 the end of the file.
private func opusRead(_ source: UnsafeMutableRawPointer?, _ buffer: UnsafeMutablePointer<UInt8>?, _ count: Int32) -> Int32 {
    guard count > 0, let buffer else { return 0 }
    guard let read = opusInput(source).read(into: UnsafeMutableRawBufferPointer(start: buffer, count: Int(count))) else {
        return -1
    }
    return Int32(read)
}

private func opusSeek(_ source: UnsafeMutableRawPointer?, _ offset: opus_int64, _ whence: Int32) -> Int32 {
    let input = opusInput(source)
    let target: Int64
    switch whence {
    case SEEK_SET: target = offset
    case SEEK_CUR: target = input.position + offset
    case SEEK_END:
        guard let size = input.size else { return -1 }
        target = size + offset
    default: return -1
    }
    return target >= 0 && input.seek(to: target) ? 0 : -1
}

private func opusTell(_ source: UnsafeMutableRawPointer?) -> opus_int64 {
    opusInput(source).position
}
