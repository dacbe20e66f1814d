import Curl
import Foundation

/// The HTTP transport on libcurl: one thread runs a curl multi handle for every request of the
/// program, so all requests share one connection pool and one DNS cache. Callers block on
/// their own threads (fetch, scan, CLI) while the transport thread moves bytes.
public final class CurlTransport: HTTPTransport, @unchecked Sendable {
    private let configuration: HTTPTransportConfiguration
    private let multi: CurlMulti
    private let pending = NSLock()
    private var commands: [Command] = []
    /// Touched only on the transport thread.
    private var active: [ObjectIdentifier: CurlTransfer] = [:]
    private var thread: Thread?
    private var stopping = false

    private enum Command {
        case start(CurlTransfer)
        case resume(CurlTransfer)
        case cancel(CurlTransfer)
    }

    public init(configuration: HTTPTransportConfiguration = HTTPTransportConfiguration()) throws(HTTPTransportError) {
        self.configuration = configuration
        do {
            multi = try CurlMulti(maxPooledConnections: configuration.maxPooledConnections)
        } catch {
            throw .other("cannot start the HTTP transport: \(error)")
        }
        // The thread holds the transport until `shutdown()`: a process normally keeps one
        // transport for its whole life.
        let thread = Thread { self.run() }
        thread.name = "s3play.http"
        self.thread = thread
        thread.start()
    }

    public func send(_ request: HTTPRequest) throws(HTTPTransportError) -> HTTPResponse {
        let transfer = CurlTransfer(request: request, configuration: configuration)
        let body = ResponseBodyBuffer(
            highWater: configuration.maxBufferedBodyBytes,
            onDrained: { [weak self, weak transfer] in
                if let self, let transfer { self.enqueue(.resume(transfer)) }
            },
            onCancel: { [weak self, weak transfer] in
                if let self, let transfer { self.enqueue(.cancel(transfer)) }
            })
        transfer.body = body
        enqueue(.start(transfer))
        let head = try transfer.waitForHead()
        return HTTPResponse(head: head, body: body)
    }

    /// Cancels every request in flight and stops the transport thread.
    public func shutdown() {
        pending.lock()
        stopping = true
        pending.unlock()
        multi.wakeUp()
    }

    private func enqueue(_ command: Command) {
        pending.lock()
        commands.append(command)
        pending.unlock()
        multi.wakeUp()
    }

    // MARK: transport thread

    private func run() {
        while true {
            pending.lock()
            let batch = commands
            commands.removeAll()
            let stop = stopping
            pending.unlock()
            for command in batch { apply(command) }
            if stop {
                for transfer in active.values {
                    if let easy = transfer.easy { multi.remove(easy) }
                    transfer.cancelled()
                }
                active.removeAll()
                thread = nil
                return
            }

            multi.perform()
            for (easy, result) in multi.completedTransfers() {
                guard let transfer = active.removeValue(forKey: ObjectIdentifier(easy)) else { continue }
                multi.remove(easy)
                transfer.complete(result)
            }
            abandonStalledTransfers()
            // While transfers run, short enough to notice a stall within a fraction of a second;
            // idle, rarely (requests and resumes wake the poll at once anyway).
            multi.poll(timeoutMilliseconds: active.isEmpty ? 1000 : 100)
        }
    }

    private func abandonStalledTransfers() {
        let now = CurlTransfer.now()
        for (key, transfer) in active {
            guard let reason = transfer.stallReason(at: now) else { continue }
            active.removeValue(forKey: key)
            if let easy = transfer.easy { multi.remove(easy) }
            transfer.fail(.timedOut(reason))
        }
    }

    private func apply(_ command: Command) {
        switch command {
        case .start(let transfer):
            do {
                let easy = try transfer.makeEasyHandle()
                try multi.add(easy)
                active[ObjectIdentifier(easy)] = transfer
            } catch {
                transfer.complete(.failure(error))
            }
        case .resume(let transfer):
            guard let easy = transfer.easy, active[ObjectIdentifier(easy)] != nil else { return }
            transfer.resumedForReader()
            try? easy.resume()
        case .cancel(let transfer):
            guard let easy = transfer.easy, active.removeValue(forKey: ObjectIdentifier(easy)) != nil else { return }
            multi.remove(easy)
            transfer.cancelled()
        }
    }
}
