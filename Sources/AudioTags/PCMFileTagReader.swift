/// WAV (RIFF/RF64 WAVE) and AIFF/AIFC files: format and exact length from the `fmt `/`data`
/// or `COMM` chunk, tags from LIST/INFO (WAV), NAME/AUTH/ANNO (AIFF) and an ID3v2 tag stored
/// in an `id3 `/`ID3 ` chunk (which wins over the others, as in foobar2000 and mutagen).
struct PCMFileTagReader: ContainerTagReading {
    private var walk: ChunkWalk
    private let container: AudioContainer
    private let objectSize: Int64
    private(set) var summary = AudioTagSummary()

    /// `form`: the first 12 bytes ("RIFF"/"RF64" size "WAVE", or "FORM" size "AIFF"/"AIFC").
    init?(form: [UInt8], objectSize: Int64) {
        self.objectSize = objectSize
        if (form.hasASCII("RIFF", at: 0) || form.hasASCII("RF64", at: 0)), form.hasASCII("WAVE", at: 8) {
            container = .wave
            walk = ChunkWalk(objectSize: objectSize, formSize: Int64(form.littleEndian(at: 4, width: 4) ?? 0),
                             bigEndian: false) { id, _ in ["fmt ", "LIST", "id3 ", "ID3 ", "ds64"].contains(id) }
        } else if form.hasASCII("FORM", at: 0), form.hasASCII("AIFF", at: 8) || form.hasASCII("AIFC", at: 8) {
            container = .aiff
            walk = ChunkWalk(objectSize: objectSize, formSize: Int64(form.bigEndian64(at: 4, width: 4) ?? 0),
                             bigEndian: true) { id, _ in ["COMM", "NAME", "AUTH", "ANNO", "ID3 ", "id3 "].contains(id) }
        } else {
            return nil
        }
        summary.container = container
    }

    mutating func next(_ known: KnownBytes) -> ContainerStep {
        let step = walk.next(known)
        guard step == .done else { return step }
        walk.problems.forEach { summary.note($0) }
        if let id3 = walk.first("id3 ") ?? walk.first("ID3 "), let body = id3.body { summary.readEmbeddedID3v2(body) }
        container == .wave ? describeWAV() : describeAIFF()
        return .done
    }

    /// WAVEFORMATEX: format tag, channels, rate, byte rate, block align, bits (Microsoft
    /// mmreg.h); format 0xFFFE (WAVE_FORMAT_EXTENSIBLE) names the real one in the first two
    /// bytes of its sub-format GUID at offset 24.
    private mutating func describeWAV() {
        guard let format = walk.first("fmt ")?.body, format.count >= 16 else {
            return summary.note("the WAV file has no fmt chunk")
        }
        var tag = Int(format.littleEndian(at: 0, width: 2) ?? 0)
        if tag == 0xFFFE, let sub = format.littleEndian(at: 24, width: 2) { tag = Int(sub) }
        let channels = Int(format.littleEndian(at: 2, width: 2) ?? 0)
        let rate = Int(format.littleEndian(at: 4, width: 4) ?? 0)
        let blockAlign = Int64(format.littleEndian(at: 12, width: 2) ?? 0)
        summary.channels = channels
        summary.sampleRate = rate
        summary.bitsPerSample = Int(format.littleEndian(at: 14, width: 2) ?? 0)
        summary.isFloatingPoint = tag == 3
        if tag != 1 && tag != 3 { summary.note("the WAV file holds format \(tag), not PCM") }
        if let list = walk.first("LIST")?.body, list.hasASCII("INFO", at: 0) { readINFO(list) }
        guard let data = walk.first("data") else { return summary.note("the WAV file has no data chunk") }
        setLength(dataStart: data.bodyStart, dataSize: data.size, frameBytes: blockAlign, rate: rate, frames: nil)
    }

    /// COMM (AIFF 1.3, section 4): channels, sample frames, sample size, the rate as an 80-bit
    /// extended float; AIFC adds the compression type ("NONE", "sowt" little-endian, "fl32").
    private mutating func describeAIFF() {
        guard let common = walk.first("COMM")?.body, common.count >= 18 else {
            return summary.note("the AIFF file has no COMM chunk")
        }
        let channels = Int(common.bigEndian(at: 0, width: 2) ?? 0)
        let frames = Int64(common.bigEndian(at: 2, width: 4) ?? 0)
        let bits = Int(common.bigEndian(at: 6, width: 2) ?? 0)
        let rate = Int(Self.extended80(Array(common[8..<18])).rounded())
        summary.channels = channels
        summary.sampleRate = rate
        summary.bitsPerSample = bits
        if common.count >= 22 {
            let compression = String(decoding: common[18..<22], as: UTF8.self)
            summary.isFloatingPoint = ["fl32", "FL32", "fl64", "FL64"].contains(compression)
            if !["NONE", "sowt", "twos", "raw ", "in24", "in32", "fl32", "FL32", "fl64", "FL64"].contains(compression) {
                summary.note("the AIFC file is compressed (\(compression))")
            }
        }
        var text = AudioTagSummary()
        text.title = walk.first("NAME")?.body.flatMap(Self.text)
        text.artist = walk.first("AUTH")?.body.flatMap(Self.text)
        text.comment = walk.first("ANNO")?.body.flatMap(Self.text)
        if text.title != nil || text.artist != nil {
            if summary.tagSource == .noTag { summary.tagSource = .aiffText }
            summary.fillMissing(from: text)
        }
        // SSND: an offset and a block size (8 bytes) before the samples.
        let sound = walk.first("SSND")
        let frameBytes = Int64(channels * ((bits + 7) / 8))
        setLength(dataStart: sound.map { $0.bodyStart + 8 }, dataSize: sound.map { $0.size - 8 },
                  frameBytes: frameBytes, rate: rate, frames: frames)
    }

    private mutating func setLength(dataStart: Int64?, dataSize: Int64?, frameBytes: Int64, rate: Int, frames: Int64?) {
        summary.audioStart = dataStart
        var samples = frames
        if let dataStart, let dataSize {
            let held = max(0, objectSize - dataStart)
            if dataSize > held {
                summary.note("the audio data claims \(dataSize) bytes, the object holds \(held)")
            }
            summary.audioEnd = dataStart + min(dataSize, held)
            if frameBytes > 0 {
                let heldFrames = min(dataSize, held) / frameBytes
                samples = min(samples ?? heldFrames, heldFrames)
            }
        }
        summary.setExactLength(samples: samples ?? 0, sampleRate: rate,
                               audioBytes: (summary.audioEnd ?? 0) - (dataStart ?? 0))
    }

    /// LIST/INFO (RIFF 1.0, "INFO List Chunk"): sub-chunks of NUL-terminated text.
    private mutating func readINFO(_ list: [UInt8]) {
        var fields: [String: String] = [:]
        var position = 4
        while let id = list.bytes(at: position, count: 4), let size = list.littleEndian(at: position + 4, width: 4),
              let body = list.bytes(at: position + 8, count: Int(size)) {
            if let text = Self.text(Array(body)) { fields[String(decoding: id, as: UTF8.self)] = text }
            position += 8 + Int(size) + Int(size & 1)
        }
        var info = AudioTagSummary()
        info.title = fields["INAM"]
        info.artist = fields["IART"]
        info.album = fields["IPRD"]
        info.genre = fields["IGNR"]
        info.comment = fields["ICMT"]
        if let date = fields["ICRD"], let year = ID3v2Fields.year(date) {
            info.year = year
            info.yearText = date
        }
        if let track = fields["ITRK"] ?? fields["IPRT"] {
            (info.trackNumber, info.trackTotal) = ID3v2Fields.numberAndTotal(track)
            info.trackText = track
        }
        guard !fields.isEmpty else { return }
        if summary.tagSource == .noTag { summary.tagSource = .riffInfo }
        summary.fillMissing(from: info)
    }

    /// Text up to its first NUL: UTF-8 when valid, else Latin-1 (what older Windows tools wrote).
    static func text(_ bytes: [UInt8]) -> String? {
        let raw = bytes.prefix { $0 != 0 }
        let decoded = String(validating: raw, as: UTF8.self) ?? String(raw.map { Character(Unicode.Scalar($0)) })
        let trimmed = decoded.trimmingSpaces
        return trimmed.isEmpty ? nil : trimmed
    }

    /// An IEEE 754 80-bit extended float (sign, 15-bit exponent biased by 16383, 64-bit
    /// mantissa with an explicit integer bit), as AIFF stores its sample rate.
    static func extended80(_ bytes: [UInt8]) -> Double {
        guard bytes.count == 10 else { return 0 }
        let exponent = (Int(bytes[0] & 0x7F) << 8) | Int(bytes[1])
        let mantissa = bytes[2..<10].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard exponent != 0 || mantissa != 0, exponent != 0x7FFF else { return 0 }
        let value = Double(mantissa) * Double(sign: .plus, exponent: exponent - 16383 - 63, significand: 1)
        return bytes[0] & 0x80 != 0 ? -value : value
    }
}
