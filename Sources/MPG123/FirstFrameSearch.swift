/// Decides when a stream has gone on too long without an MPEG frame to be MPEG audio.
///
/// In feed mode libmpg123 does not say "this is not MP3": fed a text file it skips the bytes
/// as junk and asks for more. It gives up (RESYNC_FAIL) only when more than 64 KiB of junk
/// sits in its buffer at once, so whether it ever does depends on the piece sizes (fed 4 KiB
/// at a time, 1 MiB of text never fails). The rule here does not: once more than `limit`
/// bytes have been fed past the end of a leading ID3v2 tag (whose size its 10-byte header
/// gives, id3v2.4.0-structure 3.1, so a 3 MB cover picture does not count) and no frame has
/// been found, it is not MPEG audio. The default, 64 KiB, is libmpg123's own junk limit and
/// some 20 times the largest layer III frame.
struct FirstFrameSearch {
    static let defaultLimit = 65_536

    let limit: Int
    /// Bytes fed from the start of the stream.
    private(set) var bytesFed: Int64 = 0
    /// Where the audio may start: after the leading ID3v2 tag, once its header has been seen.
    private(set) var audioStart: Int64 = 0
    private var header: [UInt8] = []

    init(limit: Int) {
        self.limit = limit
    }

    mutating func didFeed(_ bytes: UnsafeRawBufferPointer) {
        if header.count < 10 {
            header += bytes.prefix(10 - header.count)
            if header.count == 10 { audioStart = Self.endOfLeadingTag(header) }
        }
        bytesFed += Int64(bytes.count)
    }

    /// Bytes searched past the tag without a frame.
    var searchedBytes: Int64 { max(0, bytesFed - audioStart) }

    var limitExceeded: Bool { searchedBytes > Int64(limit) }

    /// "ID3", major version, revision, flags, then a 28-bit syncsafe size that excludes the
    /// header and the 10-byte footer (present when flag bit 4 is set). A version this reader
    /// does not know (0, 5, …) still has its size where every version has it, so the tag is
    /// skipped by it; only 0xFF, which no version byte may be (3.1), means no tag.
    static func endOfLeadingTag(_ header: [UInt8]) -> Int64 {
        guard header.count >= 10, header[0] == 0x49, header[1] == 0x44, header[2] == 0x33,
              header[3] != 0xFF, header[4] != 0xFF, header[6...9].allSatisfy({ $0 < 0x80 }) else { return 0 }
        let size = header[6...9].reduce(Int64(0)) { $0 << 7 | Int64($1) }
        let footer: Int64 = header[5] & 0x10 != 0 ? 10 : 0
        return 10 + size + footer
    }
}
