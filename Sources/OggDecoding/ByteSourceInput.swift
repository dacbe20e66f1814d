import Foundation
import OpusFile
import PlaybackCore
import VorbisFile

/// A `ByteSource` as libvorbisfile and libopusfile read it: absolute positions, a known size,
/// and reads that never fail on an outage. Neither library can take a read error back: a
/// failed read inside a page makes libvorbisfile end the stream (vorbisfile.c,
/// `_fetch_and_process_packet` returns OV_EOF) and libopusfile give up on the page. So an
/// outage (`ByteSourceError.unavailable`, the S3 reader riding it out) is waited out here, in
/// the callback, as the `TrackDecoder` contract says: the read tries again every
/// `outageRetryInterval` seconds until the source delivers or is closed (`.closed` ends the
/// wait). That wait is the last resort (a seek's bisection, a packet spanning pages): before
/// each decode `OggTrackDecoder` asks `isStarving` and, during an outage with less than a page
/// buffered, throws `.unavailable` without calling the library, so the engine pauses, shows
/// why and keeps taking commands, and the next read goes on at the exact sample.
final class ByteSourceInput: VorbisFileInput, OpusFileInput {
    let source: ByteSource
    private let outageRetryInterval: Double
    private let sleep: (Double) -> Void
    private(set) var position: Int64 = 0
    /// Why the last read failed for good; the decoder reports it instead of the library's code.
    private(set) var failure: ByteSourceError?
    /// Reads that found the source in an outage and waited (for tests and the status line).
    private(set) var outageWaits = 0

    init(source: ByteSource, outageRetryInterval: Double,
         sleep: @escaping (Double) -> Void = { Thread.sleep(forTimeInterval: $0) }) {
        self.source = source
        self.outageRetryInterval = outageRetryInterval
        self.sleep = sleep
    }

    /// The largest Ogg page: 27 header bytes, 255 lacing values, 255 segments of 255 bytes
    /// (RFC 3533 §6). One decode call reads at most about one page of new bytes.
    static let largestPageBytes: Int64 = 27 + 255 + 255 * 255

    /// Whether the source is in an outage and holds less than a page (or the rest of the file)
    /// ahead of the read position: decoding now would wait inside the library.
    var isStarving: Bool {
        guard source.outage != nil else { return false }
        let toEnd = source.size.map { $0 - position } ?? Int64.max
        return source.bufferedBytesAhead < min(Self.largestPageBytes, toEnd)
    }

    var size: Int64? {
        if let size = source.size { return size }
        // The S3 reader learns the size from its first GET; libvorbisfile asks before reading
        // only if the stream is empty, so one read at the current position is enough.
        let here = position
        _ = try? source.read(maxBytes: 1)
        source.seek(to: here)
        return source.size
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int? {
        while true {
            do throws(ByteSourceError) {
                guard let bytes = try source.read(maxBytes: buffer.count) else { return 0 }
                bytes.withUnsafeBytes { buffer.copyMemory(from: $0) }
                position += Int64(bytes.count)
                return bytes.count
            } catch .unavailable(_, _) {
                outageWaits += 1
                sleep(outageRetryInterval)
            } catch {
                failure = error
                return nil
            }
        }
    }

    func seek(to offset: Int64) -> Bool {
        if let size = source.size, offset > size { return false }
        source.seek(to: offset)
        position = offset
        return true
    }
}
