/// MPEG-1 (ISO/IEC 11172-3), MPEG-2 low sampling rates (ISO/IEC 13818-3) and the unofficial
/// MPEG-2.5 extension (8-12 kHz).
public enum MPEGVersion: String, Equatable, Sendable {
    case mpeg1 = "1"
    case mpeg2 = "2"
    case mpeg2_5 = "2.5"
}

/// The 4-byte header in front of every MPEG audio frame (ISO/IEC 11172-3 2.4.1.3): an 11-bit
/// sync, version, layer, CRC flag, bitrate, sample rate, padding and channel mode.
struct MPEGFrameHeader: Equatable {
    let version: MPEGVersion
    let layer: Int
    let hasCRC: Bool
    /// Bits per second.
    let bitrate: Int
    let sampleRate: Int
    let channels: Int
    let channelMode: MPEGChannelMode
    let hasPadding: Bool

    /// Nil unless `bytes[offset...]` is a header this reader can use: not the reserved version,
    /// layer, sample rate or emphasis, and not "free format" (bitrate index 0) or the forbidden
    /// index 15, since a frame's length must follow from its header to check the next one.
    init?(_ bytes: [UInt8], at offset: Int) {
        guard let header = bytes.bigEndian(at: offset, width: 4), header >> 21 == 0x7FF else { return nil }
        switch header >> 19 & 0x3 {
        case 0: version = .mpeg2_5
        case 2: version = .mpeg2
        case 3: version = .mpeg1
        default: return nil
        }
        let layerBits = Int(header >> 17 & 0x3)
        let bitrateIndex = Int(header >> 12 & 0xF)
        let rateIndex = Int(header >> 10 & 0x3)
        guard layerBits != 0, bitrateIndex != 0, bitrateIndex != 15, rateIndex != 3,
              header & 0x3 != 2 else { return nil }
        layer = 4 - layerBits
        hasCRC = header >> 16 & 0x1 == 0
        bitrate = Self.bitrateKbps(version: version, layer: layer)[bitrateIndex] * 1000
        let rates = [44_100, 48_000, 32_000]
        switch version {
        case .mpeg1: sampleRate = rates[rateIndex]
        case .mpeg2: sampleRate = rates[rateIndex] / 2
        case .mpeg2_5: sampleRate = rates[rateIndex] / 4
        }
        hasPadding = header >> 9 & 0x1 == 1
        channelMode = [.stereo, .jointStereo, .dualChannel, .mono][Int(header >> 6 & 0x3)]
        channels = channelMode == .mono ? 1 : 2
    }

    /// PCM samples (per channel) one frame decodes to (11172-3 2.4.3.1; 13818-3 halves layer III).
    var samplesPerFrame: Int {
        switch layer {
        case 1: return 384
        case 2: return 1152
        default: return version == .mpeg1 ? 1152 : 576
        }
    }

    /// The frame's length in bytes, header included: a slot is 4 bytes in layer I, 1 otherwise.
    var frameLength: Int {
        if layer == 1 { return (12 * bitrate / sampleRate + (hasPadding ? 1 : 0)) * 4 }
        return samplesPerFrame / 8 * bitrate / sampleRate + (hasPadding ? 1 : 0)
    }

    /// The shortest and longest frame (without padding) any bitrate of this stream's version,
    /// layer and sample rate gives: the bounds a frame count is checked against.
    var frameLengthBounds: (shortest: Int, longest: Int) {
        let rates = Self.bitrateKbps(version: version, layer: layer).filter { $0 > 0 }
        func length(_ kbps: Int) -> Int {
            layer == 1 ? 12 * kbps * 1000 / sampleRate * 4 : samplesPerFrame / 8 * kbps * 1000 / sampleRate
        }
        return (length(rates.min() ?? 8), length(rates.max() ?? 448) + (layer == 1 ? 4 : 1))
    }

    /// Layer III side information after the header (and its CRC), where a Xing/Info header starts:
    /// 32/17 bytes (stereo/mono) in MPEG-1, 17/9 in MPEG-2 and 2.5.
    var sideInformationLength: Int {
        switch (version, channels) {
        case (.mpeg1, 1): return 17
        case (.mpeg1, _): return 32
        case (_, 1): return 9
        default: return 17
        }
    }

    /// Whether `other` can be the next frame of the same stream: the fields that never change
    /// within one stream agree (stereo modes may alternate, mono and stereo do not).
    func isSameStream(as other: MPEGFrameHeader) -> Bool {
        version == other.version && layer == other.layer && sampleRate == other.sampleRate
            && channels == other.channels
    }

    private static func bitrateKbps(version: MPEGVersion, layer: Int) -> [Int] {
        switch (version, layer) {
        case (.mpeg1, 1): return [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448, 0]
        case (.mpeg1, 2): return [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384, 0]
        case (.mpeg1, _): return [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0]
        case (_, 1): return [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256, 0]
        default: return [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0]
        }
    }
}

/// The channel mode bits of a frame header (11172-3 2.4.2.3).
public enum MPEGChannelMode: String, Equatable, Sendable {
    case stereo
    case jointStereo = "joint stereo"
    case dualChannel = "dual channel"
    case mono
}

/// Finds the first frame of the audio: a valid header followed, one frame length later each, by
/// `confirmations` more headers of the same stream. One header alone is too weak: in random
/// bytes a false 11-bit sync with valid fields turns up every few KiB, and a pair of them now
/// and then (seeded random tests found one in 4,000 bytes); three in a row practically never.
enum MPEGFrameSearch {
    static let confirmations = 2
    /// How far past the tag a first frame may start: libmpg123's own junk limit (64 KiB, see
    /// MPG123's FirstFrameSearch), so what `info`, the scan and playback call audio agree.
    static let searchLimit = 65_536
    /// Bytes after a candidate that its confirmations may need: three of the longest frames
    /// (2,881 bytes: layer II, 160 kbps at 8 kHz, padded).
    static let confirmationBytes = 9_216

    enum Outcome {
        case found(offset: Int, header: MPEGFrameHeader)
        /// No frame starts in `start..<start + searchLimit`.
        case none
        /// A candidate's confirmations run past the bytes given (or the bytes end before the
        /// search does): give more bytes, or the end. The search may resume at `resumeAt`.
        case needMoreBytes(resumeAt: Int)
    }

    /// The first confirmed frame at or after `start` (and before `start + searchLimit`). The
    /// answer never depends on how many bytes were given: when a candidate cannot be checked
    /// inside them, the search stops with `needMoreBytes` rather than looking further on. A
    /// shorter chain confirms the frame only when it ends exactly where the object ends, or its
    /// ID3v1 tag starts (`isEndOfObject`: `bytes` is the whole object): a file of one or two frames.
    static func search(in bytes: [UInt8], from start: Int, resumingAt resume: Int? = nil,
                       isEndOfObject: Bool) -> Outcome {
        var offset = max(0, resume ?? start)
        let end = start + searchLimit
        while offset < end {
            guard offset + 4 <= bytes.count else { return isEndOfObject ? .none : .needMoreBytes(resumeAt: offset) }
            defer { offset += 1 }
            guard bytes[offset] == 0xFF, let header = MPEGFrameHeader(bytes, at: offset) else { continue }
            switch confirmation(header, at: offset, in: bytes, isEndOfObject: isEndOfObject) {
            case true?: return .found(offset: offset, header: header)
            case false?: continue
            case nil: return .needMoreBytes(resumeAt: offset)
            }
        }
        return .none
    }

    /// Nil: the chain runs past the bytes given (and they are not the object's end).
    private static func confirmation(_ header: MPEGFrameHeader, at offset: Int, in bytes: [UInt8],
                                     isEndOfObject: Bool) -> Bool? {
        var next = offset + header.frameLength
        for _ in 0..<confirmations {
            if isEndOfObject, next == bytes.count
                || (next == bytes.count - ID3v1Tag.length && bytes.hasASCII("TAG", at: next)) {
                return true
            }
            guard next + 4 <= bytes.count else { return isEndOfObject ? false : nil }
            guard let following = MPEGFrameHeader(bytes, at: next), following.isSameStream(as: header) else {
                return false
            }
            next += following.frameLength
        }
        return true
    }
}
