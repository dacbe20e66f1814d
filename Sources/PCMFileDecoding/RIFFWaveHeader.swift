import PlaybackCore

/// The layout of a WAV file: RIFF (or RF64, EBU Tech 3306) chunks, `fmt ` and `data`.
/// Integer PCM of 8 to 32 bits, 32- and 64-bit IEEE float, and WAVE_FORMAT_EXTENSIBLE carrying any.
enum RIFFWaveHeader {
    private static let formatPCM: UInt64 = 0x0001
    private static let formatFloat: UInt64 = 0x0003
    private static let formatExtensible: UInt64 = 0xFFFE
    /// What a chunk larger than 4 GiB says in its 32-bit size field in RF64; the real size is
    /// in the `ds64` chunk.
    private static let sizeInDS64: UInt64 = 0xFFFF_FFFF

    static func matches(head: [UInt8]) -> Bool {
        head.count >= 12 && ["RIFF", "RF64"].contains(head.fourCC(at: 0)) && head.fourCC(at: 8) == "WAVE"
    }

    static func read(from source: ByteSource, rewinding: Bool) throws(PCMFileHeaderError) -> PCMFileLayout {
        var cursor = ByteSourceCursor(source: source, moving: rewinding)
        let head = try cursor.read(12)
        guard matches(head: head) else { throw .notThisFormat }
        var fmt: [UInt8]?
        var data: (offset: Int64, bytes: Int64)?
        var ds64DataBytes: Int64?
        while fmt == nil || data == nil {
            let chunk = try cursor.read(8)
            guard chunk.count == 8 else { break }
            let id = chunk.fourCC(at: 0)
            let size = chunk.littleEndian(at: 4, bytes: 4)
            switch id {
            case "ds64":
                let body = try cursor.read(Int(min(size, 64)))
                if body.count >= 16 { ds64DataBytes = Int64(body.littleEndian(at: 8, bytes: 8)) }
                cursor.skip(Int64(size) - Int64(body.count) + Int64(size & 1))
            case "fmt ":
                let body = try cursor.read(Int(min(size, 256)))
                fmt = body
                cursor.skip(Int64(size) - Int64(body.count) + Int64(size & 1))
            case "data":
                let bytes = size == sizeInDS64 ? (ds64DataBytes ?? Int64(size)) : Int64(size)
                data = (cursor.position, bytes)
                // `fmt ` normally comes first; when it does not, it is after the samples.
                if fmt == nil { cursor.skip(bytes + (bytes & 1)) }
            default:
                cursor.skip(Int64(size) + Int64(size & 1))
            }
        }
        guard let fmt else { throw .unsupported("it has no 'fmt ' chunk") }
        guard let data else { throw .unsupported("it has no 'data' chunk") }
        let (format, order) = try sampleFormat(fmt)
        let frameBytes = Int64(format.bytesPerFrame * order.storedBytesPerOutputByte)
        return PCMFileLayout(format: format, storedOrder: order,
                             dataOffset: data.offset, dataBytes: data.bytes / frameBytes * frameBytes,
                             frames: data.bytes / frameBytes)
    }

    /// WAVEFORMATEX (and WAVEFORMATEXTENSIBLE: `cbSize` 22, valid bits at 18, the sub-format
    /// GUID at 24, whose first two bytes are the format tag).
    private static func sampleFormat(_ fmt: [UInt8]) throws(PCMFileHeaderError) -> (PCMFormat, PCMFileLayout.StoredOrder) {
        guard fmt.count >= 16 else { throw .unsupported("its 'fmt ' chunk is too short") }
        var tag = fmt.littleEndian(at: 0, bytes: 2)
        let channels = Int(fmt.littleEndian(at: 2, bytes: 2))
        let rate = Int(fmt.littleEndian(at: 4, bytes: 4))
        let blockAlign = Int(fmt.littleEndian(at: 12, bytes: 2))
        let bits = Int(fmt.littleEndian(at: 14, bytes: 2))
        var validBits = bits
        if tag == formatExtensible, fmt.count >= 40 {
            let declared = Int(fmt.littleEndian(at: 18, bytes: 2))
            if declared > 0 { validBits = declared }
            tag = fmt.littleEndian(at: 24, bytes: 2)
        }
        guard tag == formatPCM || tag == formatFloat else {
            throw .unsupported("it is not PCM (WAV format tag 0x\(String(tag, radix: 16)), \(bits)-bit)")
        }
        guard channels > 0, rate > 0, blockAlign > 0, blockAlign % channels == 0 else {
            throw .unsupported("its 'fmt ' chunk says \(channels) channels at \(rate) Hz in blocks of \(blockAlign) bytes")
        }
        let container = blockAlign / channels
        let encoding: SampleEncoding
        var order = PCMFileLayout.StoredOrder.asOutput
        switch (tag, container) {
        case (formatPCM, 1): encoding = .signed8; order = .unsignedBytes
        case (formatPCM, 2): encoding = .signed16
        case (formatPCM, 3): encoding = .signed24Packed
        case (formatPCM, 4): encoding = .signed32(significantBits: min(32, validBits))
        case (formatFloat, 4): encoding = .float32
        case (formatFloat, 8): encoding = .float32; order = .float64(bigEndian: false)
        case (formatFloat, _):
            throw .unsupported("it holds \(container * 8)-bit float samples; s3play plays 32- and 64-bit float")
        default:
            throw .unsupported("it is not PCM (WAV format tag 0x\(String(tag, radix: 16)), \(bits)-bit)")
        }
        return (PCMFormat(sampleRate: rate, channels: channels, encoding: encoding), order)
    }
}
