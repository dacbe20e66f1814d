import Glibc

/// What the test-support command-line tools (s3play-testproxy, s3play-discogs-standin) share:
/// unbuffered output lines a script can wait for, and a clean stop on SIGTERM or SIGINT.
public enum ToolProcess {
    /// Straight to the descriptor: nothing sits in a stdio buffer while a script waits for the line.
    public static func writeLine(_ line: String, to descriptor: Int32) {
        var text = line + "\n"
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let count = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if count <= 0 { return }
                offset += count
            }
        }
    }

    /// Blocks SIGTERM and SIGINT before any thread starts, so every thread inherits the mask and
    /// only `waitForStopSignal` receives them; a client that disconnects must not kill the tool
    /// either (SIGPIPE ignored).
    public static func blockStopSignals() -> sigset_t {
        signal(SIGPIPE, SIG_IGN)
        var stopSignals = sigset_t()
        sigemptyset(&stopSignals)
        sigaddset(&stopSignals, SIGTERM)
        sigaddset(&stopSignals, SIGINT)
        pthread_sigmask(SIG_BLOCK, &stopSignals, nil)
        return stopSignals
    }

    public static func waitForStopSignal(_ signals: sigset_t) {
        var signals = signals
        var received: Int32 = 0
        sigwait(&signals, &received)
    }
}
