import CVorbisFile
#if canImport(Glibc)
import Glibc
#endif

/// Where libvorbisfile reads a file's bytes: a random-access byte stream (an S3 object read by
/// ranges, a local file). Called on the thread that calls `VorbisFile`.
public protocol VorbisFileInput: AnyObject {
    /// Copies the next bytes into `buffer` and returns how many (0 at the end of the file), or
    /// nil when reading failed for good (the input keeps the reason).
    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int?
    /// Moves the read position; false when `offset` cannot be reached.
    func seek(to offset: Int64) -> Bool
    var position: Int64 { get }
    /// The file's size, once known (libvorbisfile seeks to the end to find the last granule).
    var size: Int64? { get }
}

/// One Ogg Vorbis file opened through libvorbisfile's callbacks (`ov_open_callbacks`). The
/// file is opened seekable, so libvorbisfile reads the last page at open (exact length, every
/// link of a chained stream) and seeks by bisection over pages (`ov_pcm_seek`). Used from one
/// thread; `close()` frees it.
public final class VorbisFile {
    /// One link's stream parameters (`vorbis_info`).
    public struct LinkInfo: Equatable, Sendable {
        public var sampleRate: Int
        public var channels: Int
    }

    private let file: UnsafeMutablePointer<OggVorbis_File>
    private let input: VorbisFileInput
    private var isOpen = true

    /// Reads the headers (and, for the length, the last page) through `input`.
    public init(input: VorbisFileInput) throws(VorbisFileError) {
        self.input = input
        file = .allocate(capacity: 1)
        let callbacks = ov_callbacks(read_func: vorbisRead, seek_func: vorbisSeek, close_func: nil, tell_func: vorbisTell)
        let result = ov_open_callbacks(Unmanaged.passUnretained(input as AnyObject).toOpaque(), file, nil, 0, callbacks)
        guard result == 0 else {
            // ov_open_callbacks clears the struct itself when it fails.
            file.deallocate()
            isOpen = false
            throw VorbisFileError(code: result)
        }
    }

    /// Frees libvorbisfile's state; the input is not closed (its owner does that). Idempotent.
    public func close() {
        guard isOpen else { return }
        isOpen = false
        ov_clear(file)
        file.deallocate()
    }

    /// The parameters of `link` (nil: the link being decoded).
    public func info(link: Int? = nil) -> LinkInfo? {
        guard isOpen, let info = ov_info(file, Int32(link ?? -1)) else { return nil }
        return LinkInfo(sampleRate: Int(info.pointee.rate), channels: Int(info.pointee.channels))
    }

    /// Samples per channel in the whole file (every link), counted from the granule positions.
    public var totalSamples: Int64? {
        guard isOpen else { return nil }
        let total = ov_pcm_total(file, -1)
        return total < 0 ? nil : total
    }

    /// Decodes into `buffer` as signed 16-bit little-endian interleaved samples, whole frames
    /// only. Returns the bytes written (0 at the end) and the link they belong to.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(VorbisFileError) -> (bytes: Int, link: Int) {
        guard isOpen else { throw VorbisFileError(code: OV_EINVAL) }
        var link: Int32 = 0
        let base = buffer.baseAddress!.assumingMemoryBound(to: CChar.self)
        // bigendianp 0, word 2 (16-bit), sgned 1: what `oggdec` writes by default.
        let count = ov_read(file, base, Int32(clamping: buffer.count), 0, 2, 1, &link)
        if count < 0 { throw VorbisFileError(code: Int32(count)) }
        return (Int(count), Int(link))
    }

    /// Moves to `sample` (per channel, counted over all links); the next `read` starts exactly there.
    public func seek(toSample sample: Int64) throws(VorbisFileError) {
        guard isOpen else { throw VorbisFileError(code: OV_EINVAL) }
        let result = ov_pcm_seek(file, sample)
        if result != 0 { throw VorbisFileError(code: result) }
    }

    /// The sample the next `read` starts at.
    public var currentSample: Int64 { isOpen ? ov_pcm_tell(file) : 0 }
}

// The callbacks receive the input as an unretained pointer: `VorbisFile` keeps it alive.
private func vorbisInput(_ pointer: UnsafeMutableRawPointer?) -> VorbisFileInput {
    Unmanaged<AnyObject>.fromOpaque(pointer!).takeUnretainedValue() as! VorbisFileInput
}

private func vorbisRead(_ buffer: UnsafeMutableRawPointer?, _ size: Int, _ count: Int,
                        _ source: UnsafeMutableRawPointer?) -> Int {
    let wanted = size * count
    guard wanted > 0, let buffer else { return 0 }
    // libvorbisfile tells a read error from the end of the file by errno (vorbisfile.c, _get_data).
    guard let read = vorbisInput(source).read(into: UnsafeMutableRawBufferPointer(start: buffer, count: wanted)) else {
        errno = EIO
        return 0
    }
    errno = 0
    return size == 1 ? read : read / size
}

private func vorbisSeek(_ source: UnsafeMutableRawPointer?, _ offset: ogg_int64_t, _ whence: Int32) -> Int32 {
    let input = vorbisInput(source)
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

private func vorbisTell(_ source: UnsafeMutableRawPointer?) -> Int {
    Int(vorbisInput(source).position)
}
