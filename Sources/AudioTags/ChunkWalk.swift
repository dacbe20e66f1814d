/// Walks the chunks of a RIFF (WAV, little-endian sizes) or IFF (AIFF, big-endian) file: a
/// 12-byte form header, then chunks of a 4-character id, a 32-bit size and a body padded to an
/// even length (RIFF, Multimedia Programming Interface and Data Specifications 1.0; AIFF 1.3
/// "Chunks"). Chunks the caller keeps are read; the others, the audio above all, are stepped over
/// by their sizes with a new read past them, so tags after the audio cost one small read.
struct ChunkWalk: Sendable {
    struct Chunk: Sendable {
        let id: String
        /// Where the body starts, and its size as the header says.
        let bodyStart: Int64
        let size: Int64
        /// The body, when kept.
        let body: [UInt8]?
    }

    let bigEndian: Bool
    private var reads: WalkReads
    private var position: Int64 = 12
    private let formEnd: Int64
    private let keeps: @Sendable (String, Int64) -> Bool
    /// Sizes for chunks whose 32-bit size is 0xFFFFFFFF (RF64's ds64 chunk, EBU Tech 3306).
    var largeSizes: [String: Int64] = [:]
    private(set) var chunks: [Chunk] = []
    private(set) var problems: [String] = []
    private var finished = false

    /// `formSize`: the form header's size field; `keeps(id, size)`: whether to read a chunk.
    init(objectSize: Int64, formSize: Int64, bigEndian: Bool, keeps: @escaping @Sendable (String, Int64) -> Bool) {
        reads = WalkReads(objectSize: objectSize)
        self.bigEndian = bigEndian
        // A form size past the object (a file cut short, or RF64's 0xFFFFFFFF) ends at the object.
        formEnd = min(objectSize, 8 + formSize)
        self.keeps = keeps
    }

    mutating func next(_ known: KnownBytes) -> ContainerStep {
        guard !finished else { return .done }
        while position + 8 <= formEnd {
            guard let header = known.bytes(position..<(position + 8)) else { return ask(position, position + 8) }
            guard header.prefix(4).allSatisfy({ (0x20...0x7E).contains($0) }) else {
                problems.append("no valid chunk at byte \(position)")
                break
            }
            let id = String(decoding: header.prefix(4), as: UTF8.self)
            var size = Int64((bigEndian ? header.bigEndian64(at: 4, width: 4) : header.littleEndian(at: 4, width: 4)) ?? 0)
            if size == 0xFFFF_FFFF, let large = largeSizes[id] { size = large }
            let bodyStart = position + 8
            var body: [UInt8]?
            if keeps(id, size), size <= WalkReads.longestKept {
                let end = min(bodyStart + size, formEnd)
                guard let bytes = known.bytes(bodyStart..<end) else { return ask(bodyStart, end) }
                body = bytes
            }
            chunks.append(Chunk(id: id, bodyStart: bodyStart, size: size, body: body))
            position = bodyStart + size + (size & 1)
            if id == "ds64", let body { readDS64(body) }
        }
        finished = true
        return .done
    }

    func first(_ id: String) -> Chunk? { chunks.first { $0.id == id } }

    /// RF64's ds64 (EBU Tech 3306 3.2): riff size, data size, sample count, each 64-bit.
    private mutating func readDS64(_ body: [UInt8]) {
        if let dataSize = body.littleEndian(at: 8, width: 8), dataSize < UInt64(Int64.max) {
            largeSizes["data"] = Int64(dataSize)
        }
    }

    private mutating func ask(_ start: Int64, _ end: Int64) -> ContainerStep {
        guard let range = reads.ask(from: start, through: end) else {
            if reads.exhausted { problems.append("too many chunks to step over") }
            finished = true
            return .done
        }
        return .need(range)
    }
}
