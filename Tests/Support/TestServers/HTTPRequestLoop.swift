import Glibc

/// The loop every loopback test server runs on one accepted connection: requests one after another
/// on the kept-alive connection, each handed to the server's `answer` with the input positioned at
/// the request's body, which the server reads or drops. It closes the descriptor when the client
/// closes, sends something that is not HTTP, the server stops (the wake signal), or `answer`
/// returns false (a `Connection: close`, a trickled answer that ends the connection).
enum HTTPRequestLoop {
    /// One request as the server sees it, and the connection to answer it on.
    struct Exchange {
        let head: HTTPRequestHead
        let input: SocketInputBuffer
        let fd: Int32
        let wake: WakeSignal

        /// Reads the request's body and throws it away (S3 and Discogs stand-ins answer GETs).
        func dropBody() throws {
            try input.forwardBody(try HTTPBodyFraming.forRequest(head)) { _ in }
        }

        /// True when the client asked for the connection to end after this answer.
        var clientCloses: Bool { head.headers.tokens("Connection").contains("close") }

        func send(_ bytes: [UInt8]) throws { try LoopbackSocket.sendAll(fd, bytes, wake: wake) }
    }

    static func serve(fd: Int32, wake: WakeSignal, answer: (Exchange) throws -> Bool) {
        defer { _ = Glibc.close(fd) }
        let input = SocketInputBuffer(fd: fd, wake: wake)
        do {
            while let headBytes = try input.readHead() {
                let head = try HTTPRequestHead(parsing: headBytes)
                guard try answer(Exchange(head: head, input: input, fd: fd, wake: wake)) else { return }
            }
        } catch {
            // The client went away (EPIPE and ECONNRESET are errors, not SIGPIPE: the sockets send
            // with MSG_NOSIGNAL), sent something that is not HTTP, or the server stopped: close.
        }
    }
}
