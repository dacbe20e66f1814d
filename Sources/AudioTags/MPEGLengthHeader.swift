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
    /// LAME's "VBR method" (low nibble of the tag's byte 9): 1 and 8 CBR, 2 and 9 ABR, 3...6
    /// VBR; nil without a LAME tag.
    var lameMethod: Int? = nil

    /// The frame count, when it can be true of this stream: the frames, each no shorter than the
    /// shortest and no longer than the longest this version, layer and rate allow, must add up
    /// to the header's byte count, or without one to `audioBytes` (the object's audio after the
    /// header's frame), give or take a frame. A count of 0xFFFFFFFF, or of 1 in a long file, is
    /// not, and says nothing. With a byte count (LAME always writes one) the object may hold
    /// less than the header counts: that is a file cut short, not a false count.
    func plausibleFrameCount(frame: MPEGFrameHeader, audioBytes: Int64) -> Int? {
        guard let frames = frameCount, frames >= 0 else { return nil }
        let bounds = frame.frameLengthBounds
        let bytes = byteCount.map(Int64.init) ?? audioBytes
        let shortest = Int64(frames) * Int64(bounds.shortest)
        let longest = Int64(frames + 1) * Int64(bounds.longest)
        return shortest <= bytes + Int64(bounds.longest) && bytes <= longest ? frames : nil
    }
}

extension MPEGLengthHeader {
    /// The header in the frame at `frameStart`, if there is one.
    init?(_ bytes: [UInt8], frameStart: Int, frame: MPEGFrameHeader) {
        guard frame.layer == 3 else { return nil }
        // The Xing header follows the side information (and the 16-bit CRC when the frame has
        // one; some encoders set the CRC flag and write the header where it would be without).
        let sideInformationEnd = frameStart + 4 + frame.sideInformationLength
        let xingStart = [sideInformationEnd + (frame.hasCRC ? 2 : 0), sideInformationEnd].first {
            bytes.hasASCII("Xing", at: $0) || bytes.hasASCII("Info", at: $0)
        }
        if let xingStart {
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
        let method = encoder ? bytes.byte(at: cursor + 9).map { Int($0 & 0x0F) } : nil
        return MPEGLengthHeader(kind: bytes.hasASCII("Info", at: start) ? .info : .xing,
                                frameCount: frames.map(Int.init), byteCount: total.map(Int.init),
                                encoderDelay: Int(delays >> 12), encoderPadding: Int(delays & 0xFFF),
                                lameMethod: method)
    }
}

/// Whether a stream's frames all have one bitrate (CBR), aim at an average (ABR) or vary (VBR).
public enum MPEGBitrateMode: String, Equatable, Sendable {
    case constant = "CBR", average = "ABR", variable = "VBR"
}

/// The duration and average bitrate of a stream from its first frame and the object's size.
enum MPEGDuration {
    struct Result: Equatable {
        var samples: Int64
        var seconds: Double
        var method: AudioDurationMethod
        var bitrate: Int
        var mode: MPEGBitrateMode
    }

    /// `audioBytes` counts from the first frame to the end of the audio (before any tag at the
    /// end). Nil when there is no audio: a header counting 0 frames, or nothing after its frame.
    static func of(frame: MPEGFrameHeader, lengthHeader: MPEGLengthHeader?, audioBytes: Int64) -> Result? {
        let rate = Double(frame.sampleRate)
        // The header's own frame decodes to nothing (decoders skip it).
        let afterHeader = audioBytes - (lengthHeader == nil ? 0 : Int64(frame.frameLength))
        guard afterHeader > 0 else { return nil }
        if let header = lengthHeader,
           let frames = header.plausibleFrameCount(frame: frame, audioBytes: afterHeader) {
            let samples = Int64(max(0, frames * frame.samplesPerFrame - header.encoderDelay - header.encoderPadding))
            // A count trimmed to nothing (LAME's delay and padding fill its frames) holds no audio.
            guard samples > 0 else { return nil }
            let mode = bitrateMode(header)
            // An "Info" (CBR) frame has the stream's bitrate; a VBR header frame's own bitrate
            // says nothing (LAME picks the smallest that holds the header): average the bytes.
            let untrimmed = Double(frames * frame.samplesPerFrame) / rate
            let bytes = header.byteCount.map(Int64.init) ?? audioBytes
            let average = mode == .constant || untrimmed <= 0 ? frame.bitrate : Int((Double(bytes) * 8 / untrimmed).rounded())
            return Result(samples: samples, seconds: Double(samples) / rate,
                          method: header.kind == .vbri ? .vbriHeader : .xingHeader, bitrate: average, mode: mode)
        }
        let seconds = Double(afterHeader) * 8 / Double(frame.bitrate)
        return Result(samples: Int64((seconds * rate).rounded()), seconds: seconds, method: .bitrateEstimate,
                      bitrate: frame.bitrate, mode: .constant)
    }

    /// "Info" is CBR (LAME -t, ffmpeg); "Xing" VBR unless LAME says ABR; VBRI is always VBR.
    private static func bitrateMode(_ header: MPEGLengthHeader) -> MPEGBitrateMode {
        switch header.kind {
        case .info: return .constant
        case .vbri: return .variable
        case .xing: return header.lameMethod == 2 || header.lameMethod == 9 ? .average : .variable
        }
    }
}
