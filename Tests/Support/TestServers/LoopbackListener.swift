import Dispatch
import Foundation
import Synchronization

/// Accept loop on 127.0.0.1 with one thread per connection, shared by HTTPFaultProxy and
/// TinyHTTPServer. Threads, not an event loop: a test proxy carries a handful of connections, and
/// a thread per connection keeps each pump a plain sequential read-parse-forward loop.
final class LoopbackListener: Sendable {
    /// Gets the accepted descriptor (and must close it) plus a signal that fires on stop().
    typealias ConnectionHandler = @Sendable (_ fd: Int32, _ wake: WakeSignal) -> Void

    let port: Int
    private let listenFD: Int32
    private let wake: WakeSignal
    private let threads = DispatchGroup()
    private let connections = Mutex<(next: Int, open: [Int: WakeSignal], stopped: Bool)>((0, [:], false))

    init(port: Int, handler: @escaping ConnectionHandler) throws(LoopbackSocketError) {
        let wake = try WakeSignal()
        (listenFD, self.port) = try LoopbackSocket.listen(port: port)
        self.wake = wake
        threads.enter()
        Thread.detachNewThread { [self] in
            defer { threads.leave() }
            acceptLoop(handler)
        }
    }

    /// Stops accepting, interrupts every open connection and waits (bounded) for their threads.
    func stop() {
        let open: [WakeSignal]? = connections.withLock { state in
            if state.stopped { return nil }
            state.stopped = true
            return Array(state.open.values)
        }
        guard let open else { return }
        wake.fire()
        for connection in open { connection.fire() }
        // Bounded so a wedged handler cannot hang a test run; 5 s is far beyond any normal teardown.
        _ = threads.wait(timeout: .now() + 5)
        close(listenFD)
    }

    private func acceptLoop(_ handler: @escaping ConnectionHandler) {
        while true {
            let fd: Int32
            do {
                guard let accepted = try LoopbackSocket.accept(listenFD, wake: wake) else { return }
                fd = accepted
            } catch {
                // EMFILE and the like: back off instead of spinning, and keep serving.
                usleep(10_000)
                continue
            }
            guard let connectionWake = try? WakeSignal() else { close(fd); continue }
            let id: Int? = connections.withLock { state in
                if state.stopped { return nil }
                state.next += 1
                state.open[state.next] = connectionWake
                return state.next
            }
            guard let id else { close(fd); return }
            threads.enter()
            Thread.detachNewThread { [self] in
                defer { threads.leave() }
                handler(fd, connectionWake)
                _ = connections.withLock { $0.open.removeValue(forKey: id) }
            }
        }
    }
}
