import CMPG123
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Positions, seeking, length and frame facts. Sample offsets count PCM frames (one sample for
/// every channel) after the gapless trim, as the PCM comes out of `decode`.
extension MPG123Decoder {
    /// Prepares a seek to a sample offset. Returns the sample offset that will come out next
    /// and the byte offset the caller must feed from next (discarding what it would have fed
    /// otherwise), or nil while the first frame has not been parsed yet.
    ///
    /// A target inside the frames parsed so far is found through libmpg123's frame index and is
    /// exact. Beyond it, without `guessing` the input offset is the last indexed frame and the
    /// decoder reads forward from there (still exact, but the bytes in between must be fed);
    /// with `guessing` it jumps to a byte offset from the Xing TOC (which needs `setFileSize`)
    /// or the mean frame size, and `positionsAreAccurate` turns false (MPG123_FUZZY).
    public func seek(toSample sample: Int64, guessing: Bool = false) throws(MPG123Error)
        -> (sample: Int64, inputOffset: Int64)? {
        let flagKey = guessing ? MPG123_ADD_FLAGS : MPG123_REMOVE_FLAGS
        try check(mpg123_param2(handle, Int32(flagKey.rawValue), Int(MPG123_FUZZY.rawValue), 0))
        var inputOffset: off_t = 0
        let reached = mpg123_feedseek(handle, off_t(sample), SEEK_SET, &inputOffset)
        if reached == off_t(MPG123_NEED_MORE.rawValue) { return nil }
        if reached < 0 { throw MPG123Error(code: Int32(truncatingIfNeeded: reached), handle: handle) }
        return (Int64(reached), Int64(inputOffset))
    }

    /// The sample offset of the next PCM to come out of `decode`.
    public var currentSample: Int64 { Int64(mpg123_tell(handle)) }

    /// Total samples per channel after the gapless trim: exact from the Info frame's frame
    /// count, otherwise estimated from the file size; nil when unknown.
    public var lengthInSamples: Int64? {
        let length = mpg123_length(handle)
        return length < 0 ? nil : Int64(length)
    }

    /// Whether positions are exact (counted frames or the frame index) rather than guessed.
    public var positionsAreAccurate: Bool { state(MPG123_ACCURATE) == 1 }

    /// The LAME Info frame's encoder delay and padding and the decoder's own delay (529
    /// samples for layer III), which gapless mode trims; nil without an Info frame.
    public var gaplessTrim: GaplessTrim? {
        let delay = state(MPG123_ENC_DELAY), padding = state(MPG123_ENC_PADDING)
        guard delay >= 0, padding >= 0 else { return nil }
        return GaplessTrim(encoderDelay: delay, encoderPadding: padding,
                           decoderDelay: max(0, state(MPG123_DEC_DELAY)))
    }

    /// The header of the current MPEG frame; nil before the first frame.
    public var frameInfo: MPG123FrameInfo? {
        var info = mpg123_frameinfo2()
        guard mpg123_info2(handle, &info) == MPG123_OK.rawValue else { return nil }
        let version: MPG123FrameInfo.Version = switch info.version {
        case Int32(MPG123_1_0.rawValue): .mpeg1
        case Int32(MPG123_2_0.rawValue): .mpeg2
        default: .mpeg25
        }
        let mode: MPG123FrameInfo.ChannelMode = switch info.mode {
        case Int32(MPG123_M_STEREO.rawValue): .stereo
        case Int32(MPG123_M_JOINT.rawValue): .jointStereo
        case Int32(MPG123_M_DUAL.rawValue): .dualChannel
        default: .mono
        }
        let bitrateMode: MPG123FrameInfo.BitrateMode = switch info.vbr {
        case Int32(MPG123_VBR.rawValue): .variable
        case Int32(MPG123_ABR.rawValue): .average(kbps: Int(info.abr_rate))
        default: .constant
        }
        return MPG123FrameInfo(version: version, layer: Int(info.layer), sampleRate: info.rate,
                               channelMode: mode, bitrateKbps: Int(info.bitrate),
                               bitrateMode: bitrateMode, frameBytes: Int(info.framesize))
    }

    private func state(_ key: mpg123_state) -> Int {
        var value = 0
        var unused = 0.0
        guard mpg123_getstate2(handle, Int32(key.rawValue), &value, &unused) == MPG123_OK.rawValue else { return -1 }
        return value
    }
}

/// Samples trimmed for gapless playback (LAME tag, "Info"/"Xing" frame).
public struct GaplessTrim: Equatable, Sendable {
    public var encoderDelay: Int
    public var encoderPadding: Int
    public var decoderDelay: Int
    /// Samples cut from the start: the raw decoded sample `n + leadingSamples` is output sample `n`.
    public var leadingSamples: Int { encoderDelay + decoderDelay }
}

/// One MPEG audio frame header, as libmpg123 reads it (`mpg123_frameinfo2`).
public struct MPG123FrameInfo: Equatable, Sendable {
    public enum Version: String, Sendable { case mpeg1 = "MPEG-1", mpeg2 = "MPEG-2", mpeg25 = "MPEG-2.5" }
    public enum ChannelMode: String, Sendable {
        case stereo, jointStereo = "joint stereo", dualChannel = "dual channel", mono
    }
    public enum BitrateMode: Equatable, Sendable { case constant, variable, average(kbps: Int) }

    public var version: Version
    /// 1, 2 or 3.
    public var layer: Int
    public var sampleRate: Int
    public var channelMode: ChannelMode
    /// This frame's bitrate (varies from frame to frame in VBR streams).
    public var bitrateKbps: Int
    /// From the Xing/Info/VBRI header when there is one, otherwise constant.
    public var bitrateMode: BitrateMode
    /// This frame's size in bytes, header included.
    public var frameBytes: Int
    /// Samples per channel in one frame: 384 (layer I), 1152, or 576 (layer III of MPEG-2/2.5).
    public var samplesPerFrame: Int {
        switch (layer, version) {
        case (1, _): 384
        case (3, .mpeg2), (3, .mpeg25): 576
        default: 1152
        }
    }
}
