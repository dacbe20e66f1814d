/// An Ogg Vorbis or Opus file's tags and exact length: the first page's identification header
/// (Vorbis I 4.2.2; RFC 7845 5.1), the comment header packet assembled from the pages after it
/// (a value longer than a page, a picture, stepped over by page sizes: `OggLongComment`; other
/// packets read up to `WalkReads.longestKept`), and
/// the last page's granule position from one ranged read of the object's end (RFC 3533 6).
/// Vorbis: granule / rate. Opus: (granule - pre-skip) / 48,000 (RFC 7845 4.3: the granule counts
/// 48 kHz samples including the pre-skip).
struct OggTagReader: ContainerTagReading {
    /// The last page is at most 27 + 255 + 255 × 255 bytes (RFC 3533 6); an 8 KiB tail holds
    /// the last page of nearly every file, a second read of 64 KiB more finds any.
    static let tailLength: Int64 = 8_192
    static let longestPage: Int64 = 27 + 255 + 255 * 255
    static let headerChunk: Int64 = 65_536

    private var reads: WalkReads
    private(set) var summary = AudioTagSummary()
    private var pagePosition: Int64 = 0
    private var serial: UInt32?
    private var packets: [[UInt8]] = [[]]
    private var preSkip = 0
    private var headersEnd: Int64?
    private var tailReads = 0
    private var tailStart: Int64?
    private var finished = false
    /// A long comment value being stepped over: the page it ends in, predicted by page sizes.
    private var jump: (landing: OggLongComment.Landing, sequence: UInt32)?

    init(objectSize: Int64) {
        reads = WalkReads(objectSize: objectSize)
    }

    mutating func next(_ known: KnownBytes) -> ContainerStep {
        guard !finished else { return .done }
        if headersEnd == nil, let step = walkHeaderPages(known) { return step }
        return readLastGranule(known)
    }

    /// Assembles the first two packets of the first stream; nil when both are in hand.
    private mutating func walkHeaderPages(_ known: KnownBytes) -> ContainerStep? {
        // Two whole packets: the last element of `packets` is the one still being assembled.
        while packets.count < 3 {
            guard let fixed = known.bytes(pagePosition..<(pagePosition + 27)) else {
                if let step = ask(pagePosition, pagePosition + 27) { return step }
                break
            }
            if let jump {
                // Where a long value was predicted to end: the page must be there, ours, with
                // the sequence number the skipped full pages give, and continue the packet.
                let sequence = UInt32(fixed.littleEndian(at: 18, width: 4) ?? 0)
                guard fixed.hasASCII("OggS", at: 0), UInt32(fixed.littleEndian(at: 14, width: 4) ?? 0) == serial,
                      sequence == jump.sequence, fixed[5] & 1 == 1 else {
                    summary.note("the Ogg pages after a long comment were not where their sizes put them; the comments before it were read")
                    self.jump = nil
                    break
                }
                let segmentCount = Int64(fixed[26])
                guard let table = known.bytes((pagePosition + 27)..<(pagePosition + 27 + segmentCount)) else {
                    if let step = ask(pagePosition, pagePosition + 27 + segmentCount) { return step }
                    break
                }
                let bodyStart = pagePosition + 27 + segmentCount
                let bodyLength = table.reduce(Int64(0)) { $0 + Int64($1) }
                let skipped = jump.landing.valueBytesInPage
                guard skipped <= bodyLength else {
                    summary.note("a long Ogg comment does not end where its length says; the comments before it were read")
                    self.jump = nil
                    break
                }
                guard let rest = known.bytes((bodyStart + skipped)..<(bodyStart + bodyLength)) else {
                    if let step = ask(bodyStart + skipped, bodyStart + bodyLength) { return step }
                    break
                }
                self.jump = nil
                // The value's bytes in this page stand in as zeros for the lacing, then go.
                let held = packets[1].count
                appendSegments(table, body: [UInt8](repeating: 0, count: Int(skipped)) + rest)
                packets[1].removeSubrange(held..<(held + Int(skipped)))
                pagePosition = bodyStart + bodyLength
                continue
            }
            guard fixed.hasASCII("OggS", at: 0) else {
                summary.note("the Ogg stream is broken at byte \(pagePosition)")
                return finish()
            }
            let pageSerial = UInt32(fixed.littleEndian(at: 14, width: 4) ?? 0)
            let segmentCount = Int64(fixed[26])
            guard let table = known.bytes((pagePosition + 27)..<(pagePosition + 27 + segmentCount)) else {
                if let step = ask(pagePosition, pagePosition + 27 + segmentCount) { return step }
                break
            }
            let bodyStart = pagePosition + 27 + segmentCount
            let bodyLength = table.reduce(Int64(0)) { $0 + Int64($1) }
            if serial == nil { serial = pageSerial }
            guard pageSerial == serial else {  // another stream multiplexed in: not ours
                pagePosition = bodyStart + bodyLength
                continue
            }
            if packets.count == 2, table.allSatisfy({ $0 == 255 }), stepOverLongComment(known, fixed: fixed,
                                                                                     bodyStart: bodyStart, bodyLength: bodyLength) {
                continue
            }
            let packetBytes = Int64(packets.reduce(0) { $0 + $1.count })
            guard packetBytes + bodyLength <= WalkReads.longestKept else {
                summary.note("the Ogg comment header is longer than \(WalkReads.longestKept) bytes; its start was read")
                appendSegments(table, body: known.contiguous(from: bodyStart, upTo: bodyStart + bodyLength))
                break
            }
            guard let body = known.bytes(bodyStart..<(bodyStart + bodyLength)) else {
                if let step = ask(bodyStart, bodyStart + bodyLength) { return step }
                break
            }
            appendSegments(table, body: body)
            pagePosition = bodyStart + bodyLength
            if packets.count >= 3 { break }
        }
        headersEnd = pagePosition
        guard readHeaders() else { return finish() }
        return nil
    }

    /// A page of the comment packet that the packet goes on past: when a comment value in it
    /// runs on for more than another page (a picture), keeps the value's bytes in hand (its
    /// length cut to them) and goes to the page where it ends (`OggLongComment`).
    private mutating func stepOverLongComment(_ known: KnownBytes, fixed: [UInt8], bodyStart: Int64,
                                              bodyLength: Int64) -> Bool {
        let prefix = known.contiguous(from: bodyStart, upTo: bodyStart + bodyLength)
        let held = packets[1] + prefix
        guard let long = OggLongComment.find(in: held) else { return false }
        let packetAtPageEnd = held.count + Int(bodyLength) - prefix.count
        let landing = long.landing(heldBytes: packetAtPageEnd, pageEnd: bodyStart + bodyLength)
        let kept = UInt32(held.count - long.valueStart)
        packets[1] = held
        packets[1].replaceSubrange(long.lengthAt..<(long.lengthAt + 4),
                                   with: (0..<4).map { UInt8(truncatingIfNeeded: kept >> (8 * $0)) })
        let sequence = UInt32(fixed.littleEndian(at: 18, width: 4) ?? 0)
        jump = (landing, sequence &+ 1 &+ landing.pagesSkipped)
        pagePosition = landing.pagePosition
        return true
    }

    /// Splits a page body into packets by its lacing values: a value below 255 ends a packet.
    private mutating func appendSegments(_ table: [UInt8], body: [UInt8]) {
        var offset = 0
        for lacing in table {
            let end = min(body.count, offset + Int(lacing))
            packets[packets.count - 1] += body[offset..<end]
            offset = end
            if lacing < 255 { packets.append([]) }
        }
    }

    private mutating func readHeaders() -> Bool {
        let identification = packets[0]
        let comment = packets.count > 1 ? packets[1] : []
        if identification.count >= 30, identification[0] == 1, identification.hasASCII("vorbis", at: 1) {
            summary.container = .oggVorbis
            summary.channels = identification.byte(at: 11).map(Int.init)
            summary.sampleRate = identification.littleEndian(at: 12, width: 4).map { Int($0) }
            if comment.count > 7, comment[0] == 3, comment.hasASCII("vorbis", at: 1) {
                VorbisComments.read(comment, from: 7, into: &summary)
            }
            return true
        }
        if identification.count >= 19, identification.hasASCII("OpusHead", at: 0) {
            summary.container = .oggOpus
            summary.channels = identification.byte(at: 9).map(Int.init)
            preSkip = Int(identification.littleEndian(at: 10, width: 2) ?? 0)
            // Opus always decodes at 48 kHz; the input rate (byte 12) is only informative.
            summary.sampleRate = 48_000
            if comment.hasASCII("OpusTags", at: 0) { VorbisComments.read(comment, from: 8, into: &summary) }
            return true
        }
        summary.note("the Ogg stream is neither Vorbis nor Opus")
        return false
    }

    /// The granule position of the stream's last page, searched backwards in the object's end.
    private mutating func readLastGranule(_ known: KnownBytes) -> ContainerStep {
        let size = reads.objectSize
        let tailStart = self.tailStart ?? max(headersEnd ?? 0, size - Self.tailLength)
        guard let tail = known.bytes(tailStart..<size) else {
            guard tailReads < 2 else {
                summary.note("the object's last bytes did not arrive as asked")
                return finish()
            }
            self.tailStart = tailStart
            tailReads += 1
            return .need(tailStart..<size)
        }
        var index = tail.count - 27
        while index >= 0 {
            if tail.hasASCII("OggS", at: index), tail[index + 4] == 0,
               UInt32(tail.littleEndian(at: index + 14, width: 4) ?? 0) == serial,
               let granule = tail.littleEndian(at: index + 6, width: 8), granule != UInt64.max {
                let samples = Int64(bitPattern: granule) - (summary.container == .oggOpus ? Int64(preSkip) : 0)
                summary.setExactLength(samples: samples, sampleRate: summary.sampleRate ?? 0,
                                       audioBytes: size - (headersEnd ?? 0))
                return finish()
            }
            index -= 1
        }
        if tailReads < 2, (headersEnd ?? 0) < tailStart {
            tailReads += 1
            self.tailStart = max(headersEnd ?? 0, size - Self.tailLength - Self.longestPage)
            return .need(self.tailStart!..<size)
        }
        summary.note("no Ogg page with a granule position was found at the object's end")
        return finish()
    }

    /// A read of the header pages: 64 KiB at a time, since a comment packet spanning pages (a
    /// long comment list) is read to its end or to `WalkReads.longestKept`. Nil when the budget
    /// is spent or the object ends: the packets so far are read as they are.
    private mutating func ask(_ start: Int64, _ end: Int64) -> ContainerStep? {
        // After a stepped-over value only its page's header and what follows the value are
        // wanted: a small read (`WalkReads.chunk`).
        let least = jump == nil ? Self.headerChunk : 0
        guard let range = reads.ask(from: start, through: max(end, start + least)) else {
            summary.note("the Ogg headers run past the object's end or the reads allowed")
            return nil
        }
        return .need(range)
    }

    private mutating func finish() -> ContainerStep {
        finished = true
        summary.audioStart = headersEnd
        summary.audioEnd = reads.objectSize
        return .done
    }
}
