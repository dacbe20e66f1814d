/// A FLAC file's tags and exact length from its metadata blocks (RFC 9639 section 8): the
/// STREAMINFO block (rate, channels, depth, total samples) and the VORBIS_COMMENT block are read;
/// PICTURE, PADDING, SEEKTABLE and the rest are stepped over by their sizes, never fetched.
struct FLACTagReader: ContainerTagReading {
    private var reads: WalkReads
    private(set) var summary = AudioTagSummary()
    private var position: Int64
    private var finished = false

    /// `start`: where "fLaC" is (0, or after an ID3v2 tag some taggers put first).
    init(objectSize: Int64, start: Int64) {
        reads = WalkReads(objectSize: objectSize)
        position = start + 4
        summary.container = .flac
    }

    mutating func next(_ known: KnownBytes) -> ContainerStep {
        guard !finished else { return .done }
        while true {
            guard let header = known.bytes(position..<(position + 4)) else { return ask(position, position + 4) }
            let isLast = header[0] & 0x80 != 0
            let type = header[0] & 0x7F
            var length = Int64(header.bigEndian(at: 1, width: 3) ?? 0)
            let body = position + 4
            if type == 6, length < 32 {
                // A PICTURE block too short for its own fields: some writers stored 0 there
                // (mutagen's "short picture block size" file); its fields say its real length.
                guard let real = pictureLength(at: body, known) else { return ask(body, body + 4_096) }
                length = real
            }
            let end = body + length
            // 0 STREAMINFO, 4 VORBIS_COMMENT: read. 127 is invalid (RFC 9639 8.1).
            if type == 127 {
                summary.note("the FLAC metadata is broken at byte \(position)")
                return finish(audioStart: nil)
            }
            if type == 0 || (type == 4 && length <= WalkReads.longestKept) {
                guard let block = known.bytes(body..<end) else {
                    if end > reads.objectSize {
                        summary.note("the FLAC metadata runs past the object's end")
                        return finish(audioStart: nil)
                    }
                    return ask(position, end)
                }
                if type == 0 { readStreamInfo(block) } else { VorbisComments.read(block, into: &summary) }
            }
            position = end
            if isLast { return finish(audioStart: end) }
        }
    }

    private mutating func ask(_ start: Int64, _ end: Int64) -> ContainerStep {
        guard let range = reads.ask(from: start, through: end) else {
            summary.note(reads.exhausted ? "the FLAC file has too many metadata blocks to step over"
                                         : "the FLAC metadata runs past the object's end")
            return finish(audioStart: nil)
        }
        return .need(range)
    }

    /// A PICTURE block's length from its fields (RFC 9639 8.8): type, media type length and
    /// text, description length and text, four 32-bit numbers, data length and data.
    /// Nil when those fields have not been read.
    private func pictureLength(at body: Int64, _ known: KnownBytes) -> Int64? {
        func number(_ offset: Int64) -> Int64? {
            known.bytes((body + offset)..<(body + offset + 4)).map { Int64($0.bigEndian(at: 0, width: 4) ?? 0) }
        }
        guard let media = number(4), let description = number(8 + media),
              let data = number(8 + media + 4 + description + 16) else { return nil }
        return 8 + media + 4 + description + 16 + 4 + data
    }

    /// STREAMINFO (RFC 9639 8.2): after 10 bytes of block and frame sizes, 20 bits of sample
    /// rate, 3 of channels - 1, 5 of bits per sample - 1, 36 of total samples (0: unknown).
    private mutating func readStreamInfo(_ block: [UInt8]) {
        guard block.count == 34, let packed = block.bigEndian64(at: 10, width: 8) else {
            summary.note("the FLAC STREAMINFO block is \(block.count) bytes, not 34")
            return
        }
        summary.sampleRate = Int(packed >> 44)
        summary.channels = Int((packed >> 41) & 0x7) + 1
        summary.bitsPerSample = Int((packed >> 36) & 0x1F) + 1
        summary.lengthInSamples = Int64(packed & 0xF_FFFF_FFFF)
    }

    private mutating func finish(audioStart: Int64?) -> ContainerStep {
        finished = true
        summary.audioStart = audioStart
        summary.audioEnd = reads.objectSize
        // Metadata that never ends (the object ends inside it) leaves no audio to play.
        if audioStart == nil { return .done }
        if let rate = summary.sampleRate, let samples = summary.lengthInSamples, samples > 0 {
            summary.setExactLength(samples: samples, sampleRate: rate, audioBytes: reads.objectSize - (audioStart ?? 0))
        } else if summary.sampleRate == nil {
            summary.note("the FLAC file has no STREAMINFO block")
        } else {
            summary.note("the FLAC stream does not say how many samples it holds")
        }
        return .done
    }
}
