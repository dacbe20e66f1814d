/// The length information an encoder may put in the first frame of a stream, in place of audio:
/// a Xing header ("Xing" for VBR, "Info" for CBR, as LAME writes it) with LAME's extension, or
/// Fraunhofer's VBRI header. Neither has a formal standard; the layouts are those the encoders
/// write and every decoder reads (LAME's "Mp3 Info Tag rev 1" and the FhG VBRI SDK).
struct MPEGLengthHeader: Equatable {
    /// "Info" is LAME's name for the Xing header of a CBR stream.
    enum Kind: Equatable { case xing, info, vbri }

    let kind: Kind
    /// Audio frames after this one.
    let frameCount: Int?
    /// Bytes of audio, this frame included, when the header gives them.
    let byteCount: Int?
    /// LAME's encoder delay and end padding in samples (both 12 bits), trimmed by gapless decoders.
    let encoderDelay: Int
    let encoderPadding: Int
}

extension MPEGLengthHeader {
    /// The header in the frame at `frameStart`, if there is one.
    init?(_ bytes: [UInt8], frameStart: Int, frame: MPEGFrameHeader) {
        guard frame.layer == 3 else { return nil }
        // The Xing header follows the side information (and the 16-bit CRC when the frame has one).
        let xingStart = frameStart + 4 + (frame.hasCRC ? 2 : 0) + frame.sideInformationLength
        if bytes.hasASCII("Xing", at: xingStart) || bytes.hasASCII("Info", at: xingStart) {
            guard let xing = Self.xing(at: xingStart, in: bytes) else { return nil }
            self = xing
            return
        }
        // VBRI sits 32 bytes after the header, whatever the version and channels.
        let vbriStart = frameStart + 4 + 32
        guard bytes.hasASCII("VBRI", at: vbriStart) else { return nil }
        // "VBRI", version (2), delay (2), quality (2), bytes (4), frames (4).
        guard let byteCount = bytes.bigEndian(at: vbriStart + 10, width: 4),
              let frameCount = bytes.bigEndian(at: vbriStart + 14, width: 4) else { return nil }
        self = MPEGLengthHeader(kind: .vbri, frameCount: Int(frameCount), byteCount: Int(byteCount),
                                encoderDelay: 0, encoderPadding: 0)
    }

    /// "Xing"/"Info", 32-bit flags, then only the fields the flags announce: frames (bit 0),
    /// bytes (bit 1), a 100-byte seek table (bit 2), a quality (bit 3). LAME's 36-byte extension
    /// follows: a 9-byte encoder name, then 12 more bytes before the delay and padding.
    private static func xing(at start: Int, in bytes: [UInt8]) -> MPEGLengthHeader? {
        guard let flags = bytes.bigEndian(at: start + 4, width: 4) else { return nil }
        var cursor = start + 8
        var frames: UInt32?
        var total: UInt32?
        if flags & 0x1 != 0 {
            frames = bytes.bigEndian(at: cursor, width: 4)
            cursor += 4
        }
        if flags & 0x2 != 0 {
            total = bytes.bigEndian(at: cursor, width: 4)
            cursor += 4
        }
        if flags & 0x4 != 0 { cursor += 100 }
        if flags & 0x8 != 0 { cursor += 4 }
        // LAME, and ffmpeg's encoders that copy its layout, name themselves here.
        let encoder = ["LAME", "Lavc", "Lavf"].contains { bytes.hasASCII($0, at: cursor) }
        let delays = encoder ? bytes.bigEndian(at: cursor + 21, width: 3) ?? 0 : 0
        return MPEGLengthHeader(kind: bytes.hasASCII("Info", at: start) ? .info : .xing,
                                frameCount: frames.map(Int.init), byteCount: total.map(Int.init),
                                encoderDelay: Int(delays >> 12), encoderPadding: Int(delays & 0xFFF))
    }
}

/// The duration and average bitrate of a stream from its first frame and the object's size.
enum MPEGDuration {
    struct Result: Equatable {
        var seconds: Double
        var method: AudioDurationMethod
        var bitrate: Int
    }

    /// `audioBytes` counts from the first frame to the end of the audio (before any ID3v1 tag).
    static func of(frame: MPEGFrameHeader, lengthHeader: MPEGLengthHeader?, audioBytes: Int64) -> Result? {
        let rate = Double(frame.sampleRate)
        if let header = lengthHeader, let frames = header.frameCount, frames > 0 {
            let samples = max(0, frames * frame.samplesPerFrame - header.encoderDelay - header.encoderPadding)
            let seconds = Double(samples) / rate
            return Result(seconds: seconds, method: header.kind == .vbri ? .vbriHeader : .xingHeader,
                          bitrate: averageBitrate(frame: frame, header: header, frames: frames,
                                                  audioBytes: audioBytes))
        }
        guard audioBytes > 0 else { return nil }
        return Result(seconds: Double(audioBytes) * 8 / Double(frame.bitrate), method: .bitrateEstimate,
                      bitrate: frame.bitrate)
    }

    /// An "Info" (CBR) header frame has the stream's bitrate. A VBR header frame's own bitrate says
    /// nothing (LAME picks the smallest that holds the header), so average the bytes over the frames.
    private static func averageBitrate(frame: MPEGFrameHeader, header: MPEGLengthHeader, frames: Int,
                                       audioBytes: Int64) -> Int {
        let untrimmedSeconds = Double(frames) * Double(frame.samplesPerFrame) / Double(frame.sampleRate)
        guard header.kind != .info, untrimmedSeconds > 0 else { return frame.bitrate }
        let bytes = header.byteCount.map(Int64.init) ?? audioBytes
        return Int((Double(bytes) * 8 / untrimmedSeconds).rounded())
    }
}
