import Dispatch
import Foundation

/// Where a pump writes one direction of a connection.
protocol ByteSink: AnyObject, Sendable {
    func send(_ bytes: [UInt8]) throws(LoopbackSocketError)
    /// After everything sent so far has been written, ask for the client connection to be reset.
    func resetAfterFlush()
    /// Returns once everything sent so far has been written (or the connection was interrupted).
    func finish()
}

/// No added latency: write at once, on the caller's thread.
final class DirectSink: ByteSink {
    private let fd: Int32
    private let wake: WakeSignal
    private let onReset: @Sendable () -> Void

    init(fd: Int32, wake: WakeSignal, onReset: @escaping @Sendable () -> Void) {
        self.fd = fd
        self.wake = wake
        self.onReset = onReset
    }

    func send(_ bytes: [UInt8]) throws(LoopbackSocketError) {
        do {
            try LoopbackSocket.sendAll(fd, bytes, wake: wake)
        } catch {
            wake.fire()  // the peer is gone: the whole connection ends
            throw error
        }
    }

    func resetAfterFlush() {
        onReset()
        wake.fire()
    }

    func finish() {}
}

/// A delay line: a chunk sent at t is written at t + latency by this line's own thread, so chunks
/// in flight overlap (pipelined requests pay the latency once) instead of each paying it in turn,
/// as a sleep before every write would. Order is kept because entries are written first-in,
/// first-out and their deadlines only grow.
final class DelayLine: ByteSink, @unchecked Sendable {
    private enum Entry {
        case bytes([UInt8])
        case reset
    }

    /// Bounds what waits in the line, so a fast upstream and a slow client cannot grow it without
    /// limit; 8 MiB covers 100 ms at 80 MB/s, more than the benchmarks push through loopback.
    private static let capacityBytes = 8 * 1024 * 1024

    private let fd: Int32
    private let latency: Duration
    private let wake: WakeSignal
    private let onReset: @Sendable () -> Void
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var entries: [(deadline: ContinuousClock.Instant, entry: Entry)] = []
    private var head = 0
    private var queuedBytes = 0
    private var finished = false
    private var drained = false

    init(fd: Int32, latency: Duration, wake: WakeSignal, threads: DispatchGroup,
         onReset: @escaping @Sendable () -> Void) {
        self.fd = fd
        self.latency = latency
        self.wake = wake
        self.onReset = onReset
        wake.onFire { [condition] in
            condition.lock()
            condition.broadcast()
            condition.unlock()
        }
        threads.enter()
        Thread.detachNewThread { [self] in
            defer { threads.leave() }
            writeLoop()
        }
    }

    func send(_ bytes: [UInt8]) throws(LoopbackSocketError) {
        let deadline = ContinuousClock.now + latency
        condition.lock()
        defer { condition.unlock() }
        while queuedBytes >= Self.capacityBytes && !wake.isFired { condition.wait() }
        if wake.isFired { throw .interrupted }
        entries.append((deadline, .bytes(bytes)))
        queuedBytes += bytes.count
        condition.broadcast()
    }

    func resetAfterFlush() {
        condition.lock()
        entries.append((ContinuousClock.now + latency, .reset))
        condition.broadcast()
        condition.unlock()
    }

    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        while !drained && !wake.isFired { condition.wait() }
        condition.unlock()
    }

    private func writeLoop() {
        defer {
            condition.lock()
            drained = true
            condition.broadcast()
            condition.unlock()
        }
        while let next = nextEntry() {
            guard wake.sleep(until: next.deadline) else { return }
            switch next.entry {
            case .reset:
                onReset()
                wake.fire()
                return
            case .bytes(let bytes):
                do {
                    try LoopbackSocket.sendAll(fd, bytes, wake: wake)
                } catch {
                    wake.fire()
                    return
                }
                condition.lock()
                queuedBytes -= bytes.count
                condition.broadcast()
                condition.unlock()
            }
        }
    }

    /// Blocks for the next entry; nil once finished and empty, or interrupted.
    private func nextEntry() -> (deadline: ContinuousClock.Instant, entry: Entry)? {
        condition.lock()
        defer { condition.unlock() }
        while head == entries.count && !finished && !wake.isFired { condition.wait() }
        if wake.isFired || head == entries.count { return nil }
        let next = entries[head]
        head += 1
        if head > 1024 && head * 2 > entries.count {
            entries.removeFirst(head)
            head = 0
        }
        return next
    }
}
