import Foundation

/// A thread its owner waits for: `join()` returns once the body has returned and the thread
/// has exited, so a run that ends leaves no thread behind (issue #12 §2).
///
/// Not Foundation's `Thread`: swift-corelibs-foundation keeps a finished `Thread`'s block (and
/// all it captured) for as long as the `Thread` object lives, and offers no join. Here the body
/// is released when it returns, on the thread itself, so it may capture its owner.
public final class JoinableThread: @unchecked Sendable {
    private let handle: pthread_t
    private let lock = NSLock()
    private var joined = false

    private final class Start {
        let name: String
        let body: () -> Void
        public init(name: String, body: @escaping () -> Void) {
            self.name = name
            self.body = body
        }
    }

    /// Starts `body` on a new thread named `name` (for `top -H`, gdb).
    public init(name: String, body: @escaping @Sendable () -> Void) {
        let start = Unmanaged.passRetained(Start(name: name, body: body)).toOpaque()
        var handle = pthread_t()
        let result = pthread_create(&handle, nil, { argument in
            let start = Unmanaged<Start>.fromOpaque(argument!).takeRetainedValue()
            // Foundation names the thread for us (pthread_setname_np is not imported without
            // _GNU_SOURCE); Linux keeps 15 bytes of it (pthread_setname_np(3)).
            Thread.current.name = String(decoding: start.name.utf8.prefix(15), as: UTF8.self)
            start.body()
            return nil
        }, start)
        // EAGAIN (out of threads) leaves nothing to run the player with; say so plainly.
        precondition(result == 0, "cannot start thread \(name): \(String(cString: strerror(result)))")
        self.handle = handle
    }

    /// A thread nobody joined still gets its resources back when it exits.
    deinit {
        if !joined { pthread_detach(handle) }
    }

    /// Waits until the thread has exited. Idempotent; never call it from the thread itself.
    public func join() {
        lock.lock()
        defer { lock.unlock() }
        guard !joined else { return }
        precondition(pthread_equal(pthread_self(), handle) == 0, "a thread cannot join itself")
        pthread_join(handle, nil)
        joined = true
    }

    /// True when called on this thread (a callback of the body must not join it).
    public var isCurrent: Bool { pthread_equal(pthread_self(), handle) != 0 }
}
