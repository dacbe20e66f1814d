import PlaybackCore
import ALSA

/// ALSA as the player's output: the stream's own rate, channels and depth (no resampling when
/// the device accepts them), and a format change only between tracks that differ. A device that
/// refuses the stream's sample format gets the nearest it takes, converted here without losing
/// a bit (`DeviceSampleConversion`); one that refuses the rate is reopened through ALSA's `plug`,
/// which converts, and says so once.
public final class ALSAAudioOutput: AudioOutput {
    private var device: ALSAPlaybackDevice
    private let deviceName: String
    private let latencyMicroseconds: Int
    private var configured = false
    private var conversion = DeviceSampleConversion.none
    /// Converted samples; grown once to the largest write, then reused.
    private var scratch: UnsafeMutableRawBufferPointer?
    private var throughPlug = false
    private var notice: String?

    /// Opens the device at once, so a missing sound card is known before playback starts.
    public init(device name: String = "default", latencyMicroseconds: Int = 200_000) throws(PlaybackError) {
        do {
            device = try ALSAPlaybackDevice(name: name)
        } catch {
            throw .output(error.description)
        }
        deviceName = name
        self.latencyMicroseconds = latencyMicroseconds
    }

    public var name: String { "ALSA \(device.deviceName)" }

    /// The device format the current stream is written in.
    public var deviceSampleFormat: ALSAPlaybackDevice.SampleFormat { device.sampleFormat }

    public func takeNotice() -> String? {
        defer { notice = nil }
        return notice
    }

    public func start(format: PCMFormat) throws(PlaybackError) {
        var firstError: ALSAError?
        for (deviceFormat, conversion) in DeviceSampleConversion.candidates(for: format.encoding) {
            do throws(ALSAError) {
                try apply(format, as: deviceFormat)
                self.conversion = conversion
                return
            } catch {
                firstError = firstError ?? error
            }
        }
        // No format at this rate: `plug` converts rate and format in alsa-lib (once per output).
        guard !throughPlug, !deviceName.hasPrefix("plug") else {
            throw .output(firstError?.description ?? "the device takes no format for \(format)")
        }
        do {
            let plugged = try ALSAPlaybackDevice(name: "plug:\(deviceName)")
            device.close()
            device = plugged
            configured = false
            throughPlug = true
            try apply(format, as: DeviceSampleConversion.candidates(for: format.encoding)[0].0)
            conversion = .none
            // Named as the user gave it: the device refused, not the `plug:` in front of it.
            notice = "ALSA \(deviceName) does not take \(format) as it is; playing through ALSA's plug, which converts it"
        } catch {
            throw .output(firstError?.description ?? error.description)
        }
    }

    private func apply(_ format: PCMFormat, as deviceFormat: ALSAPlaybackDevice.SampleFormat) throws(ALSAError) {
        if configured {
            try device.reconfigure(sampleRate: format.sampleRate, channels: format.channels, format: deviceFormat,
                                   latencyMicroseconds: latencyMicroseconds)
        } else {
            try device.configure(sampleRate: format.sampleRate, channels: format.channels, format: deviceFormat,
                                 latencyMicroseconds: latencyMicroseconds)
            configured = true
        }
    }

    public func write(_ pcm: UnsafeRawBufferPointer) throws(PlaybackError) {
        do {
            guard conversion != .none else { return try device.write(pcm) }
            let growth = conversion.growth
            let needed = pcm.count * growth.numerator / growth.denominator
            if (scratch?.count ?? 0) < needed {
                scratch?.deallocate()
                scratch = .allocate(byteCount: needed, alignment: 4)
            }
            let converted = UnsafeMutableRawBufferPointer(rebasing: scratch![0..<needed])
            conversion.convert(pcm, into: converted)
            try device.write(UnsafeRawBufferPointer(converted))
        } catch {
            throw .output(error.description)
        }
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
        scratch?.deallocate()
        scratch = nil
    }
}
