import Foundation
import TestSupport

/// A named pipe in place of a sound card. ALSA's file plugin (scripts/test's config, through
/// S3PLAY_TEST_ALSA_OUT) writes the player's PCM into it and a thread drains it at the pace a
/// card plays 44.1 kHz stereo S16 (176,400 bytes a second), keeping every byte.
///
/// Why not a plain file: the file plugin sits on `null`, which has no clock, so a 20 s song would
/// play in milliseconds and there would be nothing to pause or seek. A pipe that is read in real
/// time blocks the player's writes as a full device buffer does (64 KiB, 0.37 s of sound), so the
/// elapsed time moves as it would on a sound card and a pause is seen as bytes that stop coming.
/// Sendable: its state is in `LockedBox`es, shared with the draining thread.
final class PacedSoundCard: @unchecked Sendable {
    static let bytesPerSecond = 44_100 * 2 * 2

    let path: URL
    private let received = LockedBox<[UInt8]>([])
    private let lastArrival = LockedBox<Date>(Date())
    private let stopRequested = LockedBox(false)
    private let finished = DispatchSemaphore(value: 0)

    init(directory: URL) throws {
        path = directory.appendingPathComponent("sound-card.fifo")
        guard mkfifo(path.path, 0o600) == 0 else {
            throw TestSupportError("mkfifo \(path.path): \(String(cString: strerror(errno)))")
        }
        // O_RDWR: the open does not wait for a writer, and the pipe never reads as ended when the
        // player closes the device between runs (Linux fifo(7)); each new run opens it again.
        // O_CLOEXEC: a tmux server started after this would inherit the descriptor and keep
        // the pipe readable after `stop()`, so the player would never see its device go away.
        let descriptor = open(path.path, O_RDWR | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw TestSupportError("open \(path.path): \(String(cString: strerror(errno)))") }
        let thread = Thread { [self] in drain(descriptor) }
        thread.name = "paced sound card"
        thread.start()
    }

    /// Every byte read so far.
    var bytes: [UInt8] { received.value }
    var byteCount: Int { received.value.count }
    /// When bytes last came.
    var lastByteTime: Date { lastArrival.value }

    func stop() {
        stopRequested.mutate { $0 = true }
        finished.wait()
    }

    private func drain(_ descriptor: Int32) {
        defer {
            close(descriptor)
            finished.signal()
        }
        var chunk = [UInt8](repeating: 0, count: 4096)  // 23 ms of sound
        // When the next byte is due. Reset after a silence (pause, between runs), so time spent
        // idle is not made up afterwards with a burst no card would take.
        var due = Date()
        while !stopRequested.value {
            let wait = due.timeIntervalSinceNow
            if wait > 0 { usleep(UInt32(min(wait, 0.05) * 1_000_000)); continue }
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 50) > 0 else { continue }
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { continue }
            received.mutate { $0.append(contentsOf: chunk[0..<count]) }
            let now = Date()
            lastArrival.mutate { $0 = now }
            due = max(due, now.addingTimeInterval(-0.05)).addingTimeInterval(Double(count) / Double(Self.bytesPerSecond))
        }
    }
}
