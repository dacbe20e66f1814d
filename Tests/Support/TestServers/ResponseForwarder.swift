/// Sends one upstream response to the client, counts it in the log, paces it, and applies the
/// exchange's stall and reset at their exact byte offsets: a piece that crosses an offset is split
/// there, so "reset after N bytes" means the client receives exactly N bytes of this response.
final class ResponseForwarder {
    /// Thrown after a reset was scheduled: the response pump stops reading upstream.
    struct ConnectionReset: Error {}

    private let sink: any ByteSink
    private let log: ProxyTrafficLog
    private let record: Int
    private let pacer: BandwidthPacer?
    private let wake: WakeSignal
    private var resetAfterBytes: Int?
    private var stall: (afterBytes: Int, duration: Duration)?
    /// Response bytes (heads and body) handed to the sink so far.
    private var sent = 0

    init(sink: any ByteSink, log: ProxyTrafficLog, record: Int, faults: ExchangeFaults,
         pacer: BandwidthPacer?, wake: WakeSignal) {
        self.sink = sink
        self.log = log
        self.record = record
        self.pacer = pacer
        self.wake = wake
        resetAfterBytes = faults.resetAfterBytes
        stall = faults.stall
    }

    func forward(_ bytes: [UInt8], isBody: Bool) throws {
        var offset = 0
        while true {
            try applyFaultsDue()
            guard offset < bytes.count else { return }
            var piece = bytes.count - offset
            if let resetAfterBytes { piece = min(piece, resetAfterBytes - sent) }
            if let stall { piece = min(piece, stall.afterBytes - sent) }
            if let pacer {
                piece = min(piece, BandwidthPacer.maximumPiece)
                guard pacer.waitForTurn(piece, wake: wake) else { throw LoopbackSocketError.interrupted }
            }
            // Logged before sending: once the client holds the bytes, the snapshot counts them.
            log.responseBytesSent(record, count: piece, isBody: isBody)
            try sink.send(Array(bytes[offset..<offset + piece]))
            offset += piece
            sent += piece
        }
    }

    private func applyFaultsDue() throws {
        if let due = stall, sent >= due.afterBytes {
            stall = nil
            log.faultApplied(record, .stall)
            guard wake.sleep(until: .now + due.duration) else { throw LoopbackSocketError.interrupted }
        }
        if let due = resetAfterBytes, sent >= due {
            resetAfterBytes = nil
            log.faultApplied(record, .reset)
            sink.resetAfterFlush()
            throw ConnectionReset()
        }
    }
}
