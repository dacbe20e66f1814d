import PlaybackCore

/// WAV and AIFF/AIFC: the header is parsed in pure Swift, then the data chunk is streamed as it
/// is, only turned little-endian (AIFF) or signed (8-bit WAV). Bit-exact with `sox … -t raw`
/// in the same encoding. 64-bit float is the exception: each sample is rounded to 32-bit float
/// (`PCMFileLayout.StoredOrder.float64`): measured within 2^-25 of sox's own conversion (the
/// tests allow 2^-23). A seek is arithmetic: the frame's byte offset, one ranged read.
///
/// An outage while the header is read starts the header again on the next `read`; one while
/// samples are read leaves the position where it was (the source did not move), and a frame cut
/// by a short read is kept until its remaining bytes arrive.
public final class PCMFileTrackDecoder: TrackDecoder {
    enum Container { case wave, aiff }

    private let source: ByteSource
    private let container: Container
    private var layout: PCMFileLayout?
    private var announcedFormat = false
    /// The next sample frame to hand out, counted from the data chunk's start.
    private var nextFrame: Int64 = 0
    /// Bytes of a frame the source delivered only part of, waiting for the rest.
    private var partialFrame: [UInt8] = []
    private var seekTarget: Int64?
    private var closed = false
    /// Bytes per read from the source: about 0.2 s of 24/96 stereo, so a read never waits long.
    private let readSize = 96 << 10

    init(source: ByteSource, container: Container) {
        self.source = source
        self.container = container
    }

    public var format: PCMFormat? { announcedFormat ? layout?.format : nil }

    public var lengthInSamples: Int64? { layout?.frames }

    /// The header counts the frames (the data chunk's size, AIFF's COMM), so a file shorter
    /// than that says it was cut short.
    public var lengthIsExact: Bool { layout != nil }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(PlaybackError) -> DecodeStep {
        guard !closed else { throw .decoder(source.displayName, reason: "the decoder is closed") }
        let layout = try parsedLayout()
        if !announcedFormat {
            announcedFormat = true
            return .newFormat(layout.format)
        }
        if let target = seekTarget {
            seekTarget = nil
            nextFrame = min(target, layout.dataBytes / Int64(layout.storedBytesPerFrame))
            partialFrame.removeAll()
            source.seek(to: layout.dataOffset + nextFrame * Int64(layout.storedBytesPerFrame))
        }
        let frameBytes = layout.storedBytesPerFrame
        while true {
            let left = layout.dataBytes - nextFrame * Int64(frameBytes) - Int64(partialFrame.count)
            // With a partial frame kept, what is read must still fit the buffer after it.
            let room = min(readSize, buffer.count / frameBytes * frameBytes) - partialFrame.count
            let wanted = Int(min(Int64(room), left))
            guard wanted > 0 else { return .done }
            let piece: [UInt8]?
            do { piece = try source.read(maxBytes: wanted) } catch { throw .source(error) }
            // The file ends before the data chunk does: play what is there; the counted length
            // tells the engine the track was cut short.
            guard let piece, !piece.isEmpty else { return .done }
            var bytes = partialFrame + piece
            let whole = bytes.count / frameBytes * frameBytes
            partialFrame = Array(bytes[whole...])
            guard whole > 0 else { continue }
            bytes.removeLast(bytes.count - whole)
            SampleConversion.convert(bytes, order: layout.storedOrder,
                                     width: layout.format.encoding.bytesPerSample, into: buffer)
            nextFrame += Int64(whole / frameBytes)
            return .pcm(bytes: whole / layout.storedOrder.storedBytesPerOutputByte)
        }
    }

    /// Arithmetic on the data chunk; the next `read` moves the source (one ranged read there).
    public func seek(toSample sample: Int64) throws(PlaybackError) -> Int64? {
        guard let layout else { return nil }
        let target = min(max(0, sample), layout.frames)
        seekTarget = target
        return target
    }

    public func close() {
        closed = true
        partialFrame.removeAll()
    }

    /// Set once a header read failed: the next starts again from byte 0 (the first reads from
    /// where the source stands, its start, so the bytes the registry sniffed are not fetched again).
    private var headerAttempted = false

    private func parsedLayout() throws(PlaybackError) -> PCMFileLayout {
        if let layout { return layout }
        let parsed: PCMFileLayout
        do throws(PCMFileHeaderError) {
            parsed = switch container {
            case .wave: try RIFFWaveHeader.read(from: source, rewinding: headerAttempted)
            case .aiff: try AIFFHeader.read(from: source, rewinding: headerAttempted)
            }
        } catch {
            headerAttempted = true
            switch error {
            case .source(let error): throw .source(error)
            case .notThisFormat:
                throw .decoder(source.displayName, reason: "it is not a \(container == .wave ? "WAV" : "AIFF") file")
            case .unsupported(let why): throw .decoder(source.displayName, reason: why)
            }
        }
        source.seek(to: parsed.dataOffset)
        layout = parsed
        return parsed
    }
}

/// Stored samples to the output's little-endian, signed samples.
enum SampleConversion {
    static func convert(_ bytes: [UInt8], order: PCMFileLayout.StoredOrder, width: Int,
                        into buffer: UnsafeMutableRawBufferPointer) {
        if case .float64(let bigEndian) = order {
            return narrowFloat64(bytes, bigEndian: bigEndian, into: buffer)
        }
        bytes.withUnsafeBytes { buffer.copyMemory(from: $0) }
        switch order {
        case .float64:
            break
        case .asOutput:
            break
        case .unsignedBytes:
            for index in 0..<bytes.count { buffer[index] ^= 0x80 }
        case .bigEndian:
            guard width > 1 else { return }
            var start = 0
            while start < bytes.count {
                var low = start, high = start + width - 1
                while low < high {
                    buffer.swapAt(low, high)
                    low += 1
                    high -= 1
                }
                start += width
            }
        }
    }

    /// Each 8-byte double rounded to the nearest float (IEEE 754 round-to-nearest-even, as
    /// Swift's `Float(_: Double)`), little-endian out. Values beyond ±1 stay as they are: a
    /// device without float clips them when they become integers (`DeviceSampleConversion`).
    private static func narrowFloat64(_ bytes: [UInt8], bigEndian: Bool, into buffer: UnsafeMutableRawBufferPointer) {
        bytes.withUnsafeBytes { stored in
            var index = 0
            while index + 8 <= stored.count {
                let raw = stored.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                let value = Float(Double(bitPattern: bigEndian ? UInt64(bigEndian: raw) : UInt64(littleEndian: raw)))
                buffer.storeBytes(of: value.bitPattern.littleEndian, toByteOffset: index / 2, as: UInt32.self)
                index += 8
            }
        }
    }
}

/// WAV files ("RIFF"/"RF64" … "WAVE").
public struct WAVTrackDecoderFactory: TrackDecoderFactory {
    public init() {}
    public var formatName: String { "WAV" }
    public var fileExtensions: Set<String> { ["wav", "wave"] }
    public func recognizes(head: [UInt8]) -> Bool { RIFFWaveHeader.matches(head: head) }
    public func makeDecoder(reading source: ByteSource) throws(PlaybackError) -> TrackDecoder {
        PCMFileTrackDecoder(source: source, container: .wave)
    }
}

/// AIFF and AIFF-C files ("FORM" … "AIFF"/"AIFC").
public struct AIFFTrackDecoderFactory: TrackDecoderFactory {
    public init() {}
    public var formatName: String { "AIFF" }
    public var fileExtensions: Set<String> { ["aif", "aiff", "aifc"] }
    public func recognizes(head: [UInt8]) -> Bool { AIFFHeader.matches(head: head) }
    public func makeDecoder(reading source: ByteSource) throws(PlaybackError) -> TrackDecoder {
        PCMFileTrackDecoder(source: source, container: .aiff)
    }
}
