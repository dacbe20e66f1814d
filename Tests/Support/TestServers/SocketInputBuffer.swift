/// Bytes read from a socket and not yet consumed. Heads are cut from the front; whatever follows a
/// message (a pipelined next request, the next response) stays for the next call.
final class SocketInputBuffer {
    /// Heads above this are refused rather than buffered without bound (S3's own limit is 8 KiB
    /// of request headers; curl's heads are a few hundred bytes).
    static let maximumHeadBytes = 64 * 1024
    private static let readSize = 64 * 1024

    let fd: Int32
    private let wake: WakeSignal
    private var storage: [UInt8] = []
    private var start = 0

    private let scratch = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: readSize)

    init(fd: Int32, wake: WakeSignal) {
        self.fd = fd
        self.wake = wake
    }

    deinit { scratch.deallocate() }

    var buffered: ArraySlice<UInt8> { storage[start...] }

    /// Next complete head including its blank line; nil if the peer closed cleanly between messages.
    func readHead() throws -> [UInt8]? {
        // Bytes after `start` already searched; fill() may move `start`, so this is relative.
        var searched = 0
        while true {
            // Resume a little before where the last search stopped: the CRLFCRLF may straddle reads.
            if let end = endOfHead(in: storage[(start + max(0, searched - 3))...]) {
                return consume(end - start)
            }
            searched = storage.count - start
            guard storage.count - start <= Self.maximumHeadBytes else { throw HTTPFramingError.headTooLarge }
            guard try fill() else {
                if storage.count == start { return nil }
                throw LoopbackSocketError.truncated
            }
        }
    }

    /// Reads once more from the socket; false at end of stream.
    func fill() throws(LoopbackSocketError) -> Bool {
        if start == storage.count {
            storage.removeAll(keepingCapacity: true)
            start = 0
        } else if start >= Self.readSize {
            storage.removeFirst(start)
            start = 0
        }
        // Received into a scratch buffer and appended from contiguous memory: appending a
        // zero-filled placeholder instead ran element by element in debug builds (1.8 s for 4 MiB).
        let count = try LoopbackSocket.receive(fd, into: UnsafeMutableRawBufferPointer(scratch), wake: wake)
        storage.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[..<count]))
        return count > 0
    }

    func consume(_ count: Int) -> [UInt8] {
        let bytes = Array(storage[start..<start + count])
        start += count
        return bytes
    }

    /// Passes one body to `deliver` in pieces as they arrive, verbatim; returns at its last byte.
    func forwardBody(_ framing: HTTPBodyFraming, to deliver: ([UInt8]) throws -> Void) throws {
        var scanner = HTTPBodyScanner(framing)
        while !scanner.isComplete {
            if buffered.isEmpty {
                guard try fill() else {
                    if scanner.endsAtClose { return }
                    throw LoopbackSocketError.truncated
                }
            }
            let used = try scanner.scan(buffered)
            if used > 0 { try deliver(consume(used)) }
        }
    }
}
