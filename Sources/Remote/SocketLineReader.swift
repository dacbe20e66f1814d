import Glibc

/// Splits what a connection sends into `\n`-terminated lines of at most `maximumBytes`.
///
/// A longer line is reported once as `.tooLong` and its remaining bytes are skipped up to its
/// newline, so the client's next request is read normally: one bad line costs one error answer,
/// not the connection, and the reader never holds more than `maximumBytes` plus one read.
struct SocketLineReader {
    enum Event: Equatable {
        case line([UInt8])
        case tooLong
        /// The peer closed its side (or reset the connection).
        case closed
        case timedOut
        case stopped
    }

    let fd: Int32
    let maximumBytes: Int
    private var pending: [UInt8] = []
    private var skippingToNewline = false
    private var chunk = [UInt8](repeating: 0, count: 16 * 1024)

    init(fd: Int32, maximumBytes: Int) {
        self.fd = fd
        self.maximumBytes = maximumBytes
    }

    mutating func next(stop: StopSignal, timeoutMilliseconds: Int32) -> Event {
        while true {
            if let event = takeLine() { return event }
            switch UnixSocket.waitReadable(fd, orStop: stop.pollFD, timeoutMilliseconds: timeoutMilliseconds) {
            case .stopped: return .stopped
            case .timedOut: return .timedOut
            case .failed: return .closed
            case .readable: break
            }
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if count < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            guard count > 0 else { return .closed }
            pending.append(contentsOf: chunk[0..<count])
        }
    }

    /// A complete line or an overflow from what has arrived, else nil (read more).
    private mutating func takeLine() -> Event? {
        while true {
            let newline = pending.firstIndex(of: 0x0A)
            if skippingToNewline {
                guard let newline else { pending.removeAll(keepingCapacity: true); return nil }
                pending.removeSubrange(...newline)
                skippingToNewline = false
                continue
            }
            if let newline, newline <= maximumBytes {
                var line = Array(pending[..<newline])
                pending.removeSubrange(...newline)
                if line.last == 0x0D { line.removeLast() }  // tolerate `\r\n` from hand-typed socat sessions
                return .line(line)
            }
            if pending.count > maximumBytes {
                skippingToNewline = true
                return .tooLong
            }
            return nil
        }
    }
}
