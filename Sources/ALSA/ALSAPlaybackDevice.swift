import CALSA
import Glibc

/// One ALSA playback PCM, interleaved, in blocking mode; S16_LE unless a format is given.
///
/// Not thread-safe and not `Sendable`: create it on the audio thread and use it only there
/// (cmus's `op/alsa.c` model). Its owner closes it with `close()` when its run ends: on a
/// `hw:` device without dmix a second open fails while the first is not closed, and every open
/// holds descriptors (issue #12 §2). After `close()` every call fails or does nothing.
///
/// Behaviour of the test setup (ALSA's `file` plugin over `null`, see scripts/test), from
/// alsa-lib `src/pcm/pcm_file.c` and `pcm_null.c` and checked against the installed 1.2.8 by
/// ALSATests:
/// - `file` keeps up to one buffer (`buffer_size` frames) in memory and writes the rest of each
///   `writei` to the file at once (`snd_pcm_file_add_frames`). `snd_pcm_file_drain`,
///   `snd_pcm_file_drop` and close write out that buffer: dropped frames still reach the file.
/// - `snd_pcm_file_hw_free` frees that buffer *without* writing it, and `snd_pcm_hw_params`
///   calls hw_free on a set-up PCM: setting params again without a drain or drop first loses
///   the last buffer (measured: 8820 frames at 44.1 kHz and 200 ms). `reconfigure` therefore
///   always drains or drops first.
/// - The output file is opened once, at the first hw_params, and kept across later hw_params:
///   a reconfigured stream appends its bytes, in the new format, to the same raw file (no header).
/// - `null` never blocks, its `snd_pcm_delay` is always 0 and its hw params report `can_pause`.
///   Its avail is always the whole buffer, so it starts (RUNNING) only when one `writei` hands
///   it at least `start_threshold` frames (one buffer with `snd_pcm_set_params`; measured:
///   21 writes of 1000 frames stay PREPARED, one of 20000 starts it). In PREPARED,
///   `snd_pcm_pause` fails with -EBADFD, hence `pause`'s state check.
public final class ALSAPlaybackDevice {
    /// The PCM state, as `snd_pcm_state` reports it.
    public enum State: Sendable, Equatable {
        case open, setup, prepared, running, xrun, draining, paused, suspended, disconnected
        case other(UInt32)
    }

    /// What to do with frames still queued in the device when the format changes.
    public enum PendingFrames: Sendable {
        /// Let them play out (`snd_pcm_drain`, blocks for up to the configured latency).
        case play
        /// Discard them at once (`snd_pcm_drop`).
        case discard
    }

    /// Interleaved little-endian sample formats s3play writes (ALSA's names).
    public enum SampleFormat: Sendable, Equatable, CaseIterable {
        case s8, s16LE
        /// Three bytes per sample.
        case s24Packed3LE
        /// 24 bits in the low three bytes of four.
        case s24LE
        case s32LE, floatLE

        public var bytesPerSample: Int {
            switch self {
            case .s8: return 1
            case .s16LE: return 2
            case .s24Packed3LE: return 3
            case .s24LE, .s32LE, .floatLE: return 4
            }
        }

        var alsaFormat: snd_pcm_format_t {
            switch self {
            case .s8: return SND_PCM_FORMAT_S8
            case .s16LE: return SND_PCM_FORMAT_S16_LE
            case .s24Packed3LE: return SND_PCM_FORMAT_S24_3LE
            case .s24LE: return SND_PCM_FORMAT_S24_LE
            case .s32LE: return SND_PCM_FORMAT_S32_LE
            case .floatLE: return SND_PCM_FORMAT_FLOAT_LE
            }
        }
    }

    private let pcm: OpaquePointer
    public let deviceName: String
    /// S16_LE until `configure` sets another.
    public private(set) var sampleFormat: SampleFormat = .s16LE
    /// 0 until `configure` succeeds.
    public private(set) var sampleRate = 0
    /// 0 until `configure` succeeds.
    public private(set) var channels = 0
    public private(set) var latencyMicroseconds = 0
    /// Whether the configured device supports `snd_pcm_pause`. When false, `pause` throws; the
    /// caller pauses by `dropPending()` and, on resume, rewrites from its saved position
    /// (frames written minus `delayFrames` at the time of the drop).
    public private(set) var canPause = false

    /// Opens the device for playback in blocking mode. alsa-lib's own error printing is
    /// silenced first: it would write over the terminal UI.
    public init(name: String = "default") throws(ALSAError) {
        s3play_alsa_silence_errors()
        var handle: OpaquePointer?
        let result = snd_pcm_open(&handle, name, SND_PCM_STREAM_PLAYBACK, 0)
        guard result >= 0, let handle else { throw ALSAError(result, "cannot open ALSA device '\(name)'") }
        pcm = handle
        deviceName = name
    }

    private var isClosed = false

    /// Closes the PCM (`snd_pcm_close` drops what is queued; the file plugin writes it out
    /// first). Idempotent.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        snd_pcm_close(pcm)
    }

    /// Only for an owner that forgot `close()`; every owner in s3play closes explicitly.
    deinit { close() }

    private func checkOpen(_ operation: @autoclosure () -> String) throws(ALSAError) {
        if isClosed { throw ALSAError(-EBADFD, "\(operation()): '\(deviceName)' is closed") }
    }

    /// Bytes in one interleaved frame; 0 until configured.
    public var bytesPerFrame: Int { sampleFormat.bytesPerSample * channels }

    /// Sets the stream's rate, channels and latency. `soft_resample` lets alsa-lib convert only
    /// when the device cannot take the rate as it is. On an already configured device this is
    /// `reconfigure` with `.play`.
    public func configure(sampleRate: Int, channels: Int, format: SampleFormat = .s16LE,
                          latencyMicroseconds: Int) throws(ALSAError) {
        if self.channels > 0 {
            try finish(.play)
        }
        try setParams(sampleRate: sampleRate, channels: channels, format: format, latencyMicroseconds: latencyMicroseconds)
    }

    /// Switches to a new format for the next track. Does nothing when the format is unchanged,
    /// so same-format tracks play without a gap. Otherwise the queued frames are played out or
    /// discarded first: the hardware refuses new params while running, and the file plugin
    /// would lose its last buffer (see the type's comment). `snd_pcm_set_params` needs no
    /// explicit `snd_pcm_hw_free`: `_snd_pcm_hw_params_internal` (pcm_params.c) frees the old
    /// setup itself, and ALSATests cover it.
    public func reconfigure(sampleRate: Int, channels: Int, format: SampleFormat = .s16LE, latencyMicroseconds: Int,
                            pending: PendingFrames = .play) throws(ALSAError) {
        if sampleRate == self.sampleRate, channels == self.channels, format == sampleFormat,
           latencyMicroseconds == self.latencyMicroseconds {
            return
        }
        if self.channels > 0 {
            try finish(pending)
        }
        try setParams(sampleRate: sampleRate, channels: channels, format: format, latencyMicroseconds: latencyMicroseconds)
    }

    private func setParams(sampleRate: Int, channels: Int, format: SampleFormat,
                           latencyMicroseconds: Int) throws(ALSAError) {
        precondition(sampleRate > 0 && channels > 0 && latencyMicroseconds > 0)
        try checkOpen("cannot configure")
        // A failed set_params leaves the PCM without a setup; writes must fail until one succeeds.
        self.sampleRate = 0
        self.channels = 0
        self.latencyMicroseconds = 0
        canPause = false
        let result = snd_pcm_set_params(pcm, format.alsaFormat, SND_PCM_ACCESS_RW_INTERLEAVED,
                                        UInt32(channels), UInt32(sampleRate), 1, UInt32(latencyMicroseconds))
        guard result >= 0 else {
            let name = String(cString: snd_pcm_format_name(format.alsaFormat))
            throw ALSAError(result, "cannot set '\(deviceName)' to \(sampleRate) Hz, \(channels) channels, \(name)")
        }
        sampleFormat = format
        self.sampleRate = sampleRate
        self.channels = channels
        self.latencyMicroseconds = latencyMicroseconds
        canPause = Self.currentSetupCanPause(pcm)
    }

    private static func currentSetupCanPause(_ pcm: OpaquePointer) -> Bool {
        var params: OpaquePointer?
        guard snd_pcm_hw_params_malloc(&params) >= 0, let params else { return false }
        defer { snd_pcm_hw_params_free(params) }
        guard snd_pcm_hw_params_current(pcm, params) >= 0 else { return false }
        return snd_pcm_hw_params_can_pause(params) != 0
    }

    /// Writes whole interleaved frames, blocking until the device took them all. Underruns
    /// (-EPIPE) and suspends (-ESTRPIPE) are recovered with `snd_pcm_recover` and the rest is
    /// written; the frames lost to an underrun were never played, none are skipped.
    /// Do not write while paused: resume first.
    public func write(_ samples: UnsafeRawBufferPointer) throws(ALSAError) {
        try checkOpen("cannot write")
        let frameBytes = bytesPerFrame
        guard frameBytes > 0 else { throw ALSAError(-EBADFD, "write to unconfigured '\(deviceName)'") }
        precondition(samples.count % frameBytes == 0, "write of \(samples.count) bytes is not whole frames")
        guard var base = samples.baseAddress else { return }
        var framesLeft = samples.count / frameBytes
        var recoveredWithoutProgress = false
        while framesLeft > 0 {
            let written = snd_pcm_writei(pcm, base, snd_pcm_uframes_t(framesLeft))
            if written < 0 {
                // recover handles -EINTR, -EPIPE and -ESTRPIPE (re-prepare, resume) and returns
                // anything else unchanged. An -EPIPE is also what the file plugin returns when
                // its output is a pipe whose reader went away (write(2) with SIGPIPE ignored):
                // recovering "succeeds" and the next write fails the same way, forever. So a
                // failure right after a recovery, with no frame taken in between, is final.
                let recovered = recoveredWithoutProgress ? Int32(written) : snd_pcm_recover(pcm, Int32(written), 1)
                if recovered < 0 { throw ALSAError(Int32(written), "write to '\(deviceName)' failed") }
                recoveredWithoutProgress = true
                continue
            }
            recoveredWithoutProgress = false
            framesLeft -= Int(written)
            base += Int(written) * frameBytes
        }
    }

    /// Frames written but not yet heard: the position heard is frames written minus this. 0 when
    /// the device cannot tell (not running, or in an underrun), and always 0 on `null`.
    public var delayFrames: Int {
        guard !isClosed else { return 0 }
        var delay: snd_pcm_sframes_t = 0
        return snd_pcm_delay(pcm, &delay) >= 0 ? max(0, Int(delay)) : 0
    }

    public var state: State {
        guard !isClosed else { return .disconnected }
        let value = snd_pcm_state(pcm)
        switch value {
        case SND_PCM_STATE_OPEN: return .open
        case SND_PCM_STATE_SETUP: return .setup
        case SND_PCM_STATE_PREPARED: return .prepared
        case SND_PCM_STATE_RUNNING: return .running
        case SND_PCM_STATE_XRUN: return .xrun
        case SND_PCM_STATE_DRAINING: return .draining
        case SND_PCM_STATE_PAUSED: return .paused
        case SND_PCM_STATE_SUSPENDED: return .suspended
        case SND_PCM_STATE_DISCONNECTED: return .disconnected
        default: return .other(value.rawValue)
        }
    }

    /// Pauses (`true`) or resumes (`false`) with `snd_pcm_pause`, keeping every queued frame.
    /// Only a RUNNING stream is paused and only a PAUSED one resumed; in any other state nothing
    /// is sounding (a PREPARED stream has not reached its start threshold yet, an XRUN or
    /// SUSPENDED one is re-prepared by the next `write`), so the call does nothing.
    /// Throws when `canPause` is false and the stream is running: use `dropPending()` instead.
    public func pause(_ paused: Bool) throws(ALSAError) {
        try checkOpen(paused ? "cannot pause" : "cannot resume")
        let current = state
        guard paused ? current == .running : current == .paused else { return }
        let result = snd_pcm_pause(pcm, paused ? 1 : 0)
        guard result >= 0 else {
            throw ALSAError(result, paused ? "cannot pause '\(deviceName)'" : "cannot resume '\(deviceName)'")
        }
    }

    /// Plays out what was written (blocks), then prepares the device for new writes. A drain
    /// leaves the PCM in SETUP, where `snd_pcm_writei` fails with -EBADFD.
    public func drain() throws(ALSAError) {
        try finish(.play)
    }

    /// Stops at once, discarding what was written, and prepares the device for new writes.
    /// On the file plugin the discarded frames still reach the file (see the type's comment).
    public func dropPending() throws(ALSAError) {
        try finish(.discard)
    }

    private func finish(_ pending: PendingFrames) throws(ALSAError) {
        try checkOpen(pending == .play ? "cannot drain" : "cannot stop")
        // Both are no-ops returning 0 on a PCM already in SETUP (pcm.c, bad_pcm_state).
        let stopped = pending == .play ? snd_pcm_drain(pcm) : snd_pcm_drop(pcm)
        let prepared = snd_pcm_prepare(pcm)
        guard stopped >= 0 else {
            throw ALSAError(stopped, pending == .play ? "cannot drain '\(deviceName)'" : "cannot stop '\(deviceName)'")
        }
        guard prepared >= 0 else { throw ALSAError(prepared, "cannot prepare '\(deviceName)'") }
    }
}
