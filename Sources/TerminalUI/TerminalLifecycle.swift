import Curses
#if canImport(Glibc)
import Glibc
#endif

/// Keeps the terminal usable whatever ends or stops the program.
///
/// - SIGINT, SIGTERM, SIGHUP, SIGTSTP and SIGCONT only write their number to a pipe (write(2) is
///   async-signal-safe, signal-safety(7)); the UI loop reads it with `pendingEvents()` and does
///   the ncurses work on its own thread. The handlers are installed without SA_RESTART, so a
///   signal also ends the get_wch wait at once.
/// - SIGSEGV, SIGBUS, SIGABRT, SIGILL (Swift traps) and SIGFPE cannot wait for the loop, and
///   endwin(3x) is not async-signal-safe. The handler restores the termios saved before the
///   screen started (tcsetattr is async-signal-safe), writes a fixed reset sequence with write(2)
///   — leave the alternate screen (ESC[?1049l), show the cursor (ESC[?25h), reset attributes
///   (ESC[0m), keypad off (ESC[?1l ESC>) — then puts back the handler that was there before
///   (the Swift runtime's backtracer, or the default action) and re-raises, so the crash still
///   reports and dumps core as it would have. The sequences are xterm's, which tmux, screen, VTE,
///   kitty and the Linux console accept; terminfo cannot be read from a signal handler.
/// - Install before `Terminal.start()`: ncurses then sees handlers already set and installs
///   none of its own for SIGINT, SIGTERM and SIGTSTP (it only replaces SIG_DFL,
///   lib_tstp.c); SIGWINCH stays ncurses' (KEY_RESIZE).
public final class TerminalLifecycle {
    public enum Event: Equatable, Sendable {
        /// SIGINT, SIGTERM or SIGHUP: restore the terminal and exit.
        case terminate(signal: Int32)
        /// Ctrl-Z: call `stopProcess(terminal:)`.
        case suspend
        /// The process was continued after a stop it did not ask for: redraw everything.
        case resumed
    }

    static let terminationSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    static let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGABRT, SIGILL, SIGFPE]

    private var readDescriptor: Int32 = -1

    /// Saves the terminal's current modes (for the crash path) and installs the handlers.
    public init() {
        var descriptors: [Int32] = [-1, -1]
        if pipe(&descriptors) == 0 {
            for descriptor in descriptors {
                _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
                _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            }
            readDescriptor = descriptors[0]
            lifecycleSignalPipe = descriptors[1]
        }
        if tcgetattr(0, &lifecycleSavedTermios) == 0 { lifecycleHasSavedTermios = 1 }
        for signal in Self.terminationSignals + [SIGTSTP, SIGCONT] {
            Self.install(signal, handler: lifecycleForwardSignal)
        }
        if lifecyclePreviousActions == nil {
            lifecyclePreviousActions = .allocate(capacity: Int(Self.signalLimit))
            lifecyclePreviousActions?.initialize(repeating: sigaction(), count: Int(Self.signalLimit))
        }
        for signal in Self.crashSignals {
            Self.install(signal, handler: lifecycleRestoreAndReraise, previous: lifecyclePreviousActions! + Int(signal))
        }
    }

    deinit {
        for signal in Self.terminationSignals + [SIGTSTP, SIGCONT] {
            Glibc.signal(signal, SIG_DFL)
        }
        for signal in Self.crashSignals {
            sigaction(signal, lifecyclePreviousActions! + Int(signal), nil)
        }
        let writer = lifecycleSignalPipe
        lifecycleSignalPipe = -1
        if writer >= 0 { close(writer) }
        if readDescriptor >= 0 { close(readDescriptor) }
    }

    /// The signals that arrived since the last call, oldest first. Call once per loop turn.
    public func pendingEvents() -> [Event] {
        guard readDescriptor >= 0 else { return [] }
        var events: [Event] = []
        var buffer = [UInt8](repeating: 0, count: 32)
        while true {
            let count = read(readDescriptor, &buffer, buffer.count)
            guard count > 0 else { break }
            for byte in buffer[0..<count] {
                switch Int32(byte) {
                case SIGTSTP: events.append(.suspend)
                case SIGCONT: events.append(.resumed)
                default: events.append(.terminate(signal: Int32(byte)))
                }
            }
        }
        return events
    }

    /// Ctrl-Z: give the terminal back, stop with SIGTSTP's default action (so the shell sees a
    /// stopped job), and when continued take the screen again and repaint it. Returns after the
    /// process is continued; the caller redraws its frame.
    public func stopProcess(terminal: Terminal) {
        terminal.suspend()
        Glibc.signal(SIGTSTP, SIG_DFL)
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGTSTP)
        sigprocmask(SIG_UNBLOCK, &unblock, nil)
        raise(SIGTSTP)
        // Continued: SIGCONT's own byte is in the pipe too; redrawing twice is harmless.
        Self.install(SIGTSTP, handler: lifecycleForwardSignal)
        terminal.resume()
    }

    /// SIGINT/SIGTERM/SIGHUP: restore the terminal and end with the conventional status 128+n.
    public func terminate(terminal: Terminal, signal: Int32) -> Never {
        terminal.stop()
        exit(128 + signal)
    }

    static let signalLimit: Int32 = 65

    private static func install(_ signal: Int32, handler: @convention(c) (Int32) -> Void,
                                previous: UnsafeMutablePointer<sigaction>? = nil) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(signal, &action, previous)
    }
}

// Signal handlers can reach only globals. They are written once by `TerminalLifecycle.init`,
// before the handlers are installed, and only read by the handlers.
nonisolated(unsafe) private var lifecycleSignalPipe: Int32 = -1
nonisolated(unsafe) private var lifecycleSavedTermios = termios()
nonisolated(unsafe) private var lifecycleHasSavedTermios: Int32 = 0
/// The crash signals' handlers from before, indexed by signal; allocated once and never freed,
/// so the handler reads plain memory (no Swift array, whose access may retain).
nonisolated(unsafe) private var lifecyclePreviousActions: UnsafeMutablePointer<sigaction>?

private let lifecycleResetSequence: StaticString = "\u{1B}[?1049l\u{1B}[?25h\u{1B}[0m\u{1B}[?1l\u{1B}>\r\n"

private func lifecycleForwardSignal(_ signal: Int32) {
    let savedErrno = errno
    var byte = UInt8(truncatingIfNeeded: signal)
    if lifecycleSignalPipe >= 0 { _ = write(lifecycleSignalPipe, &byte, 1) }
    errno = savedErrno
}

private func lifecycleRestoreAndReraise(_ signal: Int32) {
    if lifecycleHasSavedTermios != 0 { _ = tcsetattr(0, TCSANOW, &lifecycleSavedTermios) }
    _ = write(1, lifecycleResetSequence.utf8Start, lifecycleResetSequence.utf8CodeUnitCount)
    // The signal is blocked while this handler runs, so the raised one is delivered to the
    // previous handler as this one returns (a fault re-faults into it just the same).
    if let previous = lifecyclePreviousActions, signal > 0, signal < TerminalLifecycle.signalLimit {
        sigaction(signal, previous + Int(signal), nil)
    } else {
        Glibc.signal(signal, SIG_DFL)
    }
    raise(signal)
}
