/// Stepping over one long value in an Ogg comment packet (a cover picture stored as
/// METADATA_BLOCK_PICTURE, base64: a 1 MB picture is ~1.4 MB over ~22 pages), by the pages'
/// sizes instead of reading them. A packet longer than a page is carried on full pages of 255
/// lacing values of 255 (RFC 3533 6: a lacing value of 255 means the packet goes on), each
/// exactly 27 + 255 + 65,025 bytes; the page where the value ends is therefore predicted, and the
/// prediction is checked on arrival by the page's sequence number: k pages of at most 65,307
/// bytes that span exactly k × 65,307 bytes are all full, so no packet ended among them.
/// opusenc writes the picture before the title, artist and album: cut at `WalkReads.longestKept`
/// those were lost (6 reads, 280 KiB for a 1 MB cover); stepped over they cost 4 reads, ~32 KiB.
struct OggLongComment: Equatable {
    static let fullPageBody: Int64 = 255 * 255
    static let fullPage: Int64 = 27 + 255 + fullPageBody
    /// A value shorter than one page is read with its page, as before.
    static let shortestStepped: Int64 = fullPageBody

    /// Offset in the packet of the value's 32-bit length.
    var lengthAt: Int
    var valueStart: Int
    var length: Int64

    /// The first comment of `packet` (the comment packet held so far) that runs past its end by
    /// more than a page; nil when the list is short or not a Vorbis comment list.
    static func find(in packet: [UInt8]) -> OggLongComment? {
        let listStart: Int
        if packet.hasASCII("OpusTags", at: 0) {
            listStart = 8
        } else if packet.count > 7, packet[0] == 3, packet.hasASCII("vorbis", at: 1) {
            listStart = 7
        } else {
            return nil
        }
        guard let vendorLength = packet.littleEndian(at: listStart, width: 4).map(Int.init),
              let count = packet.littleEndian(at: listStart + 4 + vendorLength, width: 4) else { return nil }
        var position = listStart + 8 + vendorLength
        for _ in 0..<min(Int(count), 100_000) {
            guard let length = packet.littleEndian(at: position, width: 4).map(Int64.init) else { return nil }
            let valueStart = position + 4
            let end = Int64(valueStart) + length
            if end > Int64(packet.count) {
                guard end - Int64(packet.count) > shortestStepped else { return nil }
                return OggLongComment(lengthAt: position, valueStart: valueStart, length: length)
            }
            position = Int(end)
        }
        return nil
    }

    /// Where the value ends, seen from the end of the page that ends at `pageEnd` with the
    /// packet `heldBytes` long there.
    struct Landing: Equatable {
        /// The page where the value ends, and its sequence number.
        var pagePosition: Int64
        var pagesSkipped: UInt32
        /// Value bytes at the start of that page's body.
        var valueBytesInPage: Int64
    }

    func landing(heldBytes: Int, pageEnd: Int64) -> Landing {
        let remaining = Int64(valueStart) + length - Int64(heldBytes)
        let pages = remaining / Self.fullPageBody
        return Landing(pagePosition: pageEnd + pages * Self.fullPage, pagesSkipped: UInt32(pages),
                       valueBytesInPage: remaining - pages * Self.fullPageBody)
    }
}
