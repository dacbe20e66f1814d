import Foundation

/// Paces response bytes to a rate shared by every connection of a proxy, like one link: each
/// reservation is scheduled after the previous one finishes on a virtual clock.
final class BandwidthPacer: @unchecked Sendable {
    private let bytesPerSecond: Int
    private let lock = NSLock()
    private var linkFreeAt = ContinuousClock.now

    init(bytesPerSecond: Int) { self.bytesPerSecond = max(1, bytesPerSecond) }

    /// Pieces at most this big keep the pacing smooth at the rates benchmarks use (>= 64 KB/s).
    static let maximumPiece = 16 * 1024

    /// Waits until `count` bytes may go out; false if interrupted.
    func waitForTurn(_ count: Int, wake: WakeSignal) -> Bool {
        let transmission = Duration.seconds(Double(count) / Double(bytesPerSecond))
        lock.lock()
        let now = ContinuousClock.now
        // An idle link banks no credit: a burst after a pause is paced like any other.
        let start = max(linkFreeAt, now)
        linkFreeAt = start + transmission
        let sendAt = linkFreeAt
        lock.unlock()
        return wake.sleep(until: sendAt)
    }
}
