import Foundation
import PlaybackCore

/// The opt-in timing trace behind `S3PLAY_TIMING_TRACE=FILE`: one line per `PlaybackMoment`,
/// `SECONDS MOMENT TRACK`, SECONDS on CLOCK_MONOTONIC (the clock Python's time.monotonic and
/// scripts/bench-playback read), TRACK the 0-based position in the play order. It carries no
/// names, keys or URLs. Used by the benchmark for the warm time to first audio; off otherwise.
final class TimingTrace: @unchecked Sendable {
    static let environmentVariable = "S3PLAY_TIMING_TRACE"
    private let descriptor: Int32

    /// Nil unless the variable names a file that can be opened for appending.
    static func fromEnvironment() -> TimingTrace? {
        guard let path = ProcessInfo.processInfo.environment[environmentVariable], !path.isEmpty else { return nil }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        return descriptor < 0 ? nil : TimingTrace(descriptor: descriptor)
    }

    private init(descriptor: Int32) { self.descriptor = descriptor }

    deinit { close(descriptor) }

    func record(_ moment: PlaybackMoment) {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let seconds = String(format: "%d.%09d", now.tv_sec, now.tv_nsec)
        let line = switch moment {
        case .opened(let index): "\(seconds) opened \(index)\n"
        case .firstPCMWritten(let index): "\(seconds) first-pcm \(index)\n"
        }
        // One write(2) per line in O_APPEND mode: lines never interleave.
        _ = line.utf8CString.withUnsafeBufferPointer { write(descriptor, $0.baseAddress, $0.count - 1) }
    }
}
