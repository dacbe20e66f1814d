import PlaybackCore
import Foundation

/// Discards PCM at the pace a sound card would take it, so playback (position, progress,
/// gapless, seek) behaves the same on a machine without a sound card.
public final class PacedNullOutput: AudioOutput {
    public let name = "null"
    private var format = PCMFormat(sampleRate: 44_100, channels: 2)
    private let now: () -> Double
    private let sleep: (Double) -> Void
    /// The device-buffer latency it pretends to have: writes may run this far ahead of the clock.
    private let latency: Double
    private var startTime: Double?
    private var framesWritten: Int64 = 0
    private var pausedAt: Double?

    public init(latency: Double = 0.2,
                now: @escaping () -> Double = { ProcessInfo.processInfo.systemUptime },
                sleep: @escaping (Double) -> Void = { Thread.sleep(forTimeInterval: $0) }) {
        self.latency = latency
        self.now = now
        self.sleep = sleep
    }

    public func start(format: PCMFormat) throws(PlaybackError) {
        self.format = format
        startTime = nil
        framesWritten = 0
    }

    public func write(_ pcm: UnsafeRawBufferPointer) throws(PlaybackError) {
        let start = startTime ?? now()
        startTime = start
        framesWritten += Int64(pcm.count / format.bytesPerFrame)
        let due = start + Double(framesWritten) / Double(format.sampleRate) - latency
        let wait = due - now()
        if wait > 0 { sleep(wait) }
    }

    public var delayFrames: Int {
        guard let startTime else { return 0 }
        // A paused device plays nothing: its clock stands still at the moment of the pause.
        let played = ((pausedAt ?? now()) - startTime) * Double(format.sampleRate)
        return max(0, Int(Double(framesWritten) - played))
    }

    public func pause(_ paused: Bool) throws(PlaybackError) {
        if paused {
            pausedAt = now()
        } else if let pausedAt {
            if let startTime { self.startTime = startTime + (now() - pausedAt) }
            self.pausedAt = nil
        }
    }

    public func discardPending() {
        startTime = nil
        framesWritten = 0
    }

    public func drain() {
        let wait = Double(delayFrames) / Double(format.sampleRate)
        if wait > 0 { sleep(wait) }
        discardPending()
    }

    public func close() { discardPending() }
}
