import PlaybackCore
import ALSA

/// ALSA as the player's output: the stream's own rate and channels (no resampling when the
/// device accepts them), and a format change only between tracks that differ.
public final class ALSAAudioOutput: AudioOutput {
    private let device: ALSAPlaybackDevice
    private let latencyMicroseconds: Int
    private var configured = false

    /// Opens the device at once, so a missing sound card is known before playback starts.
    public init(device name: String = "default", latencyMicroseconds: Int = 200_000) throws(PlaybackError) {
        do {
            device = try ALSAPlaybackDevice(name: name)
        } catch {
            throw .output(error.description)
        }
        self.latencyMicroseconds = latencyMicroseconds
    }

    public var name: String { "ALSA \(device.deviceName)" }

    public func start(format: PCMFormat) throws(PlaybackError) {
        do {
            if configured {
                try device.reconfigure(sampleRate: format.sampleRate, channels: format.channels,
                                       latencyMicroseconds: latencyMicroseconds)
            } else {
                try device.configure(sampleRate: format.sampleRate, channels: format.channels,
                                     latencyMicroseconds: latencyMicroseconds)
                configured = true
            }
        } catch {
            throw .output(error.description)
        }
    }

    public func write(_ pcm: UnsafeRawBufferPointer) throws(PlaybackError) {
        do { try device.write(pcm) } catch { throw .output(error.description) }
    }

    public var delayFrames: Int { device.delayFrames }

    /// Without hardware pause the device simply gets no more frames and plays out its buffer.
    public func pause(_ paused: Bool) throws(PlaybackError) {
        guard device.canPause else { return }
        do { try device.pause(paused) } catch { throw .output(error.description) }
    }

    public func discardPending() {
        try? device.dropPending()
    }

    public func drain() {
        try? device.drain()
    }

    /// Closes the PCM now: each engine run opens its own output and must leave the device free
    /// for the next (a `hw:` card takes one opener at a time).
    public func close() {
        device.close()
    }
}
