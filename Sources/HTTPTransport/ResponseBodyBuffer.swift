import Foundation

/// The meeting point of the transport thread (which appends body bytes as libcurl delivers
/// them) and the reader (which takes them). Guarded by one condition lock.
final class ResponseBodyBuffer: @unchecked Sendable {
    private let condition = NSCondition()
    private var chunks: [[UInt8]] = []
    private var firstUnread = 0
    private var bufferedBytes = 0
    private var outcome: Result<Void, HTTPTransportError>?
    private var paused = false
    private var cancelled = false
    private let highWater: Int
    private let onDrained: @Sendable () -> Void
    private let onCancel: @Sendable () -> Void

    /// `onDrained` asks the transport to resume a paused transfer; `onCancel` to stop it.
    init(highWater: Int, onDrained: @escaping @Sendable () -> Void, onCancel: @escaping @Sendable () -> Void) {
        self.highWater = max(highWater, 1)
        self.onDrained = onDrained
        self.onCancel = onCancel
    }

    // MARK: transport side

    enum Acceptance { case accepted, full, cancelled }

    /// Takes the bytes unless the buffer is full; a full buffer makes libcurl hold them.
    func offer(_ bytes: UnsafeRawBufferPointer) -> Acceptance {
        condition.lock()
        defer { condition.unlock() }
        if cancelled { return .cancelled }
        if bufferedBytes >= highWater {
            paused = true
            return .full
        }
        chunks.append(Array(bytes))
        bufferedBytes += bytes.count
        condition.broadcast()
        return .accepted
    }

    func finish(_ result: Result<Void, HTTPTransportError>) {
        condition.lock()
        if outcome == nil { outcome = result }
        condition.broadcast()
        condition.unlock()
    }

    // MARK: reader side

    var bufferedByteCount: Int {
        condition.lock(); defer { condition.unlock() }
        return bufferedBytes
    }

    func next() throws(HTTPTransportError) -> [UInt8]? {
        condition.lock()
        while firstUnread == chunks.count && outcome == nil && !cancelled {
            condition.wait()
        }
        if cancelled {
            condition.unlock()
            throw .cancelled
        }
        if firstUnread < chunks.count {
            let chunk = chunks[firstUnread]
            chunks[firstUnread] = []
            firstUnread += 1
            if firstUnread > 64 && firstUnread * 2 > chunks.count {
                chunks.removeFirst(firstUnread)
                firstUnread = 0
            }
            bufferedBytes -= chunk.count
            // Resume at half the limit so the transfer is not toggled on every chunk.
            let resume = paused && bufferedBytes <= highWater / 2
            if resume { paused = false }
            condition.unlock()
            if resume { onDrained() }
            return chunk
        }
        let result = outcome!
        condition.unlock()
        switch result {
        case .success: return nil
        case .failure(let error): throw error
        }
    }

    func cancel() {
        condition.lock()
        let alreadyDone = cancelled || outcome != nil
        cancelled = true
        chunks = []
        firstUnread = 0
        bufferedBytes = 0
        condition.broadcast()
        condition.unlock()
        if !alreadyDone { onCancel() }
    }
}
