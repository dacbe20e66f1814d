import Glibc
import Synchronization

/// One-shot "stop now" for every thread of a connection (or a listener).
///
/// Why a pipe and not close(): on Linux, close() from another thread does not wake a thread blocked in
/// recv() on that descriptor, and the number may be reused while it still waits. So every blocking
/// wait in TestSupport is a poll() that also watches this pipe; firing writes one byte that is never
/// read, so the pipe stays readable and every later wait returns at once. Waits on a condition
/// variable register an observer instead.
final class WakeSignal: Sendable {
    let pollFD: Int32
    private let writeFD: Int32
    private let state = Mutex<(fired: Bool, observers: [@Sendable () -> Void])>((false, []))

    init() throws(LoopbackSocketError) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw .systemCall("pipe", errno: errno) }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        _ = fcntl(fds[1], F_SETFL, O_NONBLOCK)  // fire() must never block
        pollFD = fds[0]
        writeFD = fds[1]
    }

    deinit {
        close(pollFD)
        close(writeFD)
    }

    var isFired: Bool { state.withLock { $0.fired } }

    /// Idempotent; safe from any thread.
    func fire() {
        let observers: [@Sendable () -> Void]? = state.withLock { state in
            if state.fired { return nil }
            state.fired = true
            defer { state.observers = [] }
            return state.observers
        }
        guard let observers else { return }
        var byte: UInt8 = 1
        _ = write(writeFD, &byte, 1)
        for observer in observers { observer() }
    }

    /// Runs `observer` when the signal fires (at once if it already has).
    func onFire(_ observer: @escaping @Sendable () -> Void) {
        let firedAlready = state.withLock { state in
            if !state.fired { state.observers.append(observer) }
            return state.fired
        }
        if firedAlready { observer() }
    }

    /// Sleeps until `deadline`; returns false if woken first.
    func sleep(until deadline: ContinuousClock.Instant) -> Bool {
        while true {
            let now = ContinuousClock.now
            if now >= deadline { return !isFired }
            var fd = pollfd(fd: pollFD, events: Int16(POLLIN), revents: 0)
            let result = poll(&fd, 1, pollTimeoutMilliseconds(from: now, to: deadline))
            if result > 0 { return false }
            if result < 0 && errno != EINTR { return false }
        }
    }
}

/// poll() takes whole milliseconds: round up so a wait never ends before its deadline (the added
/// latency is a lower bound the tests rely on).
func pollTimeoutMilliseconds(from now: ContinuousClock.Instant, to deadline: ContinuousClock.Instant) -> Int32 {
    let remaining = deadline - now
    if remaining <= .zero { return 0 }
    let (seconds, attoseconds) = remaining.components
    let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
    return Int32(clamping: milliseconds)
}
