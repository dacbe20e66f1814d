import PlaybackCore

/// The layout of an AIFF or AIFF-C file: IFF chunks `COMM` and `SSND`, big-endian sizes.
/// AIFF and AIFC 'NONE'/'twos'/'in24'/'in32' are big-endian integers, 'sowt'/'23ni' little-endian,
/// 'fl32' big-endian IEEE float, 'fl64' big-endian 64-bit float (narrowed to 32-bit float).
enum AIFFHeader {
    static func matches(head: [UInt8]) -> Bool {
        head.count >= 12 && head.fourCC(at: 0) == "FORM" && ["AIFF", "AIFC"].contains(head.fourCC(at: 8))
    }

    static func read(from source: ByteSource, rewinding: Bool) throws(PCMFileHeaderError) -> PCMFileLayout {
        var cursor = ByteSourceCursor(source: source, moving: rewinding)
        let head = try cursor.read(12)
        guard matches(head: head) else { throw .notThisFormat }
        let isAIFC = head.fourCC(at: 8) == "AIFC"
        var comm: [UInt8]?
        var sound: (offset: Int64, bytes: Int64)?
        while comm == nil || sound == nil {
            let chunk = try cursor.read(8)
            guard chunk.count == 8 else { break }
            let size = Int64(chunk.bigEndian(at: 4, bytes: 4))
            let padded = size + (size & 1)
            switch chunk.fourCC(at: 0) {
            case "COMM":
                let body = try cursor.read(Int(min(size, 256)))
                comm = body
                cursor.skip(padded - Int64(body.count))
            case "SSND":
                let fields = try cursor.read(8)
                guard fields.count == 8 else { break }
                let offset = Int64(fields.bigEndian(at: 0, bytes: 4))
                sound = (cursor.position + offset, max(0, size - 8 - offset))
                if comm == nil { cursor.skip(padded - 8) }
            default:
                cursor.skip(padded)
            }
        }
        guard let comm, comm.count >= 18 else { throw .unsupported("it has no usable 'COMM' chunk") }
        guard let sound else { throw .unsupported("it has no 'SSND' chunk") }
        let channels = Int(comm.bigEndian(at: 0, bytes: 2))
        let frames = Int64(comm.bigEndian(at: 2, bytes: 4))
        let bits = Int(comm.bigEndian(at: 6, bytes: 2))
        let rate = extendedToInt(comm, at: 8)
        let compression = isAIFC && comm.count >= 22 ? comm.fourCC(at: 18) : "NONE"
        let isDouble = ["fl64", "FL64"].contains(compression) && bits == 64
        guard channels > 0, rate > 0, (1...32).contains(bits) || isDouble else {
            throw .unsupported("its 'COMM' chunk says \(channels) channels of \(bits) bits at \(rate) Hz")
        }
        let (encoding, order) = try sampleEncoding(compression: compression, bits: bits)
        let format = PCMFormat(sampleRate: rate, channels: channels, encoding: encoding)
        let frameBytes = Int64(format.bytesPerFrame * order.storedBytesPerOutputByte)
        let declared = min(sound.bytes / frameBytes, frames)
        return PCMFileLayout(format: format, storedOrder: encoding == .signed8 ? .asOutput : order,
                             dataOffset: sound.offset, dataBytes: declared * frameBytes, frames: frames)
    }

    private static func sampleEncoding(compression: String, bits: Int)
        throws(PCMFileHeaderError) -> (SampleEncoding, PCMFileLayout.StoredOrder) {
        // Samples narrower than their container are left-justified (AIFF 1.3, "Sample Points"),
        // as the output wants them.
        let integer: SampleEncoding = switch (bits + 7) / 8 {
        case 1: .signed8
        case 2: .signed16
        case 3: .signed24Packed
        default: .signed32(significantBits: bits)
        }
        switch compression {
        case "NONE", "twos", "in24", "in32": return (integer, .bigEndian)
        case "sowt", "23ni": return (integer, .asOutput)
        case "fl32", "FL32": return (.float32, .bigEndian)
        case "fl64", "FL64": return (.float32, .float64(bigEndian: true))
        default: throw .unsupported("it is compressed AIFF-C ('\(compression)'); s3play plays uncompressed AIFF")
        }
    }

    /// The sample rate: an 80-bit IEEE 754 extended number (sign and 15-bit exponent, then a
    /// 64-bit mantissa with an explicit integer bit), rounded to whole hertz.
    static func extendedToInt(_ bytes: [UInt8], at offset: Int) -> Int {
        let exponent = Int(bytes.bigEndian(at: offset, bytes: 2) & 0x7FFF) - 16383
        let mantissa = bytes.bigEndian(at: offset + 2, bytes: 8)
        guard mantissa != 0, exponent >= 0, exponent < 63 else { return 0 }
        let shift = 63 - exponent
        let whole = mantissa >> UInt64(shift)
        let roundUp = shift > 0 && (mantissa >> UInt64(shift - 1)) & 1 == 1
        return Int(whole) + (roundUp ? 1 : 0)
    }
}
