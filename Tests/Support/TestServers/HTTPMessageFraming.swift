/// HTTP/1.1 message framing (RFC 9112): where a head ends and how long the body after it is.
/// Pure values and a state machine over bytes; no sockets, so every rule is unit-tested alone.

public enum HTTPFramingError: Error, Equatable {
    case malformedStartLine
    case malformedHeaderLine
    case invalidContentLength
    case invalidChunk
    /// More than SocketInputBuffer.maximumHeadBytes without the blank line that ends a head.
    case headTooLarge
    /// RFC 9112 §6.1: a Transfer-Encoding whose last coding is not chunked cannot be framed on a
    /// request, and we do not expect one from S3.
    case unsupportedTransferEncoding
}

public struct HTTPHeaderFields: Sendable, Equatable {
    public var fields: [(name: String, value: String)]

    public init(_ fields: [(name: String, value: String)] = []) { self.fields = fields }

    /// First value of a field, name compared case-insensitively (RFC 9110 §5.1).
    public subscript(name: String) -> String? {
        let wanted = name.lowercased()
        return fields.first { $0.name.lowercased() == wanted }?.value
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.fields.elementsEqual(rhs.fields) { $0.name == $1.name && $0.value == $1.value }
    }

    /// Comma-separated tokens of every field with this name, lowercased.
    func tokens(_ name: String) -> [String] {
        let wanted = name.lowercased()
        return fields.filter { $0.name.lowercased() == wanted }
            .flatMap { $0.value.split(separator: ",") }
            .map { $0.trimmingSpaces().lowercased() }
    }

    /// Parses header lines after the start line; obsolete line folding is rejected (RFC 9112 §5.2).
    static func parse(_ lines: ArraySlice<Substring>) throws(HTTPFramingError) -> HTTPHeaderFields {
        var fields: [(name: String, value: String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex,
                  line.first != " ", line.first != "\t" else { throw .malformedHeaderLine }
            let name = line[..<colon]
            guard !name.contains(" ") else { throw .malformedHeaderLine }
            fields.append((String(name), line[line.index(after: colon)...].trimmingSpaces()))
        }
        return HTTPHeaderFields(fields)
    }
}

public struct HTTPRequestHead: Sendable, Equatable {
    public var method: String
    /// Origin-form target: path and query, as sent.
    public var target: String
    public var version: String
    public var headers: HTTPHeaderFields

    public init(parsing head: some Collection<UInt8>) throws(HTTPFramingError) {
        let lines = try headLines(head)
        let parts = lines[0].split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty, parts[2].hasPrefix("HTTP/") else {
            throw .malformedStartLine
        }
        method = String(parts[0])
        target = String(parts[1])
        version = String(parts[2])
        headers = try HTTPHeaderFields.parse(lines.dropFirst())
    }

    /// The target without its query string.
    public var path: Substring { target.prefix { $0 != "?" } }
}

public struct HTTPResponseHead: Sendable, Equatable {
    public var version: String
    public var status: Int
    public var reason: String
    public var headers: HTTPHeaderFields

    public init(parsing head: some Collection<UInt8>) throws(HTTPFramingError) {
        let lines = try headLines(head)
        let parts = lines[0].split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), parts[1].count == 3,
              let status = Int(parts[1]) else { throw .malformedStartLine }
        version = String(parts[0])
        self.status = status
        reason = parts.count == 3 ? String(parts[2]) : ""
        headers = try HTTPHeaderFields.parse(lines.dropFirst())
    }

    /// 1xx other than 101 is an interim response: the final one for the same request follows
    /// (RFC 9110 §15.2), e.g. "100 Continue" after curl's "Expect: 100-continue" on uploads.
    public var isInterim: Bool { (100...199).contains(status) && status != 101 }

    /// RFC 9112 §9.3: HTTP/1.1 persists unless "close"; HTTP/1.0 only with "keep-alive".
    public var keepsConnectionAlive: Bool {
        let tokens = headers.tokens("Connection")
        if tokens.contains("close") { return false }
        return version != "HTTP/1.0" || tokens.contains("keep-alive")
    }

    /// The status line and header lines the test servers send, without the blank line that ends
    /// the head (callers add framing headers first). Reasons are "OK" or "Error": clients read
    /// the code only.
    static func text(status: Int, headers: [(String, String)]) -> String {
        var text = "HTTP/1.1 \(status) \(status < 300 ? "OK" : "Error")\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        return text
    }
}

/// How the body after a head ends (RFC 9112 §6).
public enum HTTPBodyFraming: Sendable, Equatable {
    case none
    case contentLength(Int)
    case chunked
    /// Response without length: the body ends when the server closes the connection.
    case untilClose

    public static func forRequest(_ head: HTTPRequestHead) throws(HTTPFramingError) -> HTTPBodyFraming {
        if let framing = try lengthFraming(head.headers) { return framing }
        // §6.3 rule 7: a request with neither field has no body.
        return .none
    }

    /// `requestMethod` matters because a response to HEAD never has a body, whatever its
    /// Content-Length says (§6.3 rule 1), and neither do 1xx, 204 and 304.
    public static func forResponse(_ head: HTTPResponseHead, requestMethod: String) throws(HTTPFramingError) -> HTTPBodyFraming {
        if requestMethod == "HEAD" || (100...199).contains(head.status) || head.status == 204 || head.status == 304 {
            return .none
        }
        do {
            return try lengthFraming(head.headers) ?? .untilClose
        } catch .unsupportedTransferEncoding {
            return .untilClose  // §6.3 rule 4: a response may end by close instead
        }
    }

    private static func lengthFraming(_ headers: HTTPHeaderFields) throws(HTTPFramingError) -> HTTPBodyFraming? {
        let codings = headers.tokens("Transfer-Encoding")
        if !codings.isEmpty {
            // Transfer-Encoding overrides Content-Length (§6.3 rule 3).
            guard codings.last == "chunked" else { throw .unsupportedTransferEncoding }
            return .chunked
        }
        let lengths = Set(headers.tokens("Content-Length"))
        guard let text = lengths.first else { return nil }
        guard lengths.count == 1, let length = Int(text), length >= 0 else { throw .invalidContentLength }
        return .contentLength(length)
    }
}

/// Finds where a body ends in a byte stream, so the proxy forwards it verbatim (chunk framing and
/// trailers included) and leaves any pipelined next message in its buffer.
public struct HTTPBodyScanner: Sendable {
    private enum State: Sendable {
        case remaining(Int)
        case untilClose
        case chunkSize(value: Int, digits: Int, inExtension: Bool)
        case chunkSizeLF(value: Int, digits: Int)
        case chunkData(Int)
        case chunkDataCR
        case chunkDataLF
        case trailerLine(length: Int)
        case trailerLF(length: Int)
        case complete
    }

    private var state: State

    public init(_ framing: HTTPBodyFraming) {
        switch framing {
        case .none: state = .complete
        case .contentLength(let length): state = length == 0 ? .complete : .remaining(length)
        case .chunked: state = .chunkSize(value: 0, digits: 0, inExtension: false)
        case .untilClose: state = .untilClose
        }
    }

    public var isComplete: Bool { if case .complete = state { true } else { false } }

    /// True when the body simply ends at end of stream.
    public var endsAtClose: Bool { if case .untilClose = state { true } else { false } }

    /// Consumes the prefix of `bytes` that belongs to the body and returns its length; stops at the
    /// body's last byte.
    public mutating func scan(_ bytes: some Collection<UInt8>) throws(HTTPFramingError) -> Int {
        var used = 0
        var index = bytes.startIndex
        while index != bytes.endIndex {
            switch state {
            case .complete:
                return used
            case .untilClose:
                return bytes.count
            case .remaining(let left), .chunkData(let left):
                let take = min(left, bytes.count - used)
                used += take
                index = bytes.index(index, offsetBy: take)
                if case .remaining = state {
                    state = take == left ? .complete : .remaining(left - take)
                } else {
                    state = take == left ? .chunkDataCR : .chunkData(left - take)
                }
                continue
            default:
                break
            }
            let byte = bytes[index]
            index = bytes.index(after: index)
            used += 1
            state = try next(after: byte)
        }
        return used
    }

    private static let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")

    /// One byte of the chunk-size line, the CRLF after chunk data, or the trailer section (§7.1).
    private func next(after byte: UInt8) throws(HTTPFramingError) -> State {
        switch state {
        case .chunkSize(let value, let digits, let inExtension):
            if byte == Self.cr { return .chunkSizeLF(value: value, digits: digits) }
            if inExtension { return state }
            if let digit = hexValue(byte) {
                // 15 hex digits keep the size inside Int on 64-bit.
                guard digits < 15 else { throw .invalidChunk }
                return .chunkSize(value: value * 16 + digit, digits: digits + 1, inExtension: false)
            }
            guard digits > 0, byte == UInt8(ascii: ";") || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") else {
                throw .invalidChunk
            }
            return .chunkSize(value: value, digits: digits, inExtension: true)
        case .chunkSizeLF(let value, let digits):
            guard byte == Self.lf, digits > 0 else { throw .invalidChunk }
            return value == 0 ? .trailerLine(length: 0) : .chunkData(value)
        case .chunkDataCR:
            guard byte == Self.cr else { throw .invalidChunk }
            return .chunkDataLF
        case .chunkDataLF:
            guard byte == Self.lf else { throw .invalidChunk }
            return .chunkSize(value: 0, digits: 0, inExtension: false)
        case .trailerLine(let length):
            return byte == Self.cr ? .trailerLF(length: length) : .trailerLine(length: length + 1)
        case .trailerLF(let length):
            guard byte == Self.lf else { throw .invalidChunk }
            return length == 0 ? .complete : .trailerLine(length: 0)
        case .remaining, .untilClose, .chunkData, .complete:
            return state
        }
    }

    private func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A")) + 10
        default: nil
        }
    }
}

/// Index just past the blank line ending a head ("\r\n\r\n"), or nil if it has not all arrived.
func endOfHead(in bytes: ArraySlice<UInt8>) -> Int? {
    guard bytes.count >= 4 else { return nil }
    var index = bytes.startIndex
    while index <= bytes.endIndex - 4 {
        if bytes[index] == 13, bytes[index + 1] == 10, bytes[index + 2] == 13, bytes[index + 3] == 10 {
            return index + 4
        }
        index += 1
    }
    return nil
}

/// Head lines without the final blank line; field values are ISO-8859-1 text at worst, so bytes
/// map one-to-one onto Unicode scalars and nothing is lost.
private func headLines(_ head: some Collection<UInt8>) throws(HTTPFramingError) -> [Substring] {
    let text = String(String.UnicodeScalarView(head.map { Unicode.Scalar($0) }))
    var lines = text.split(separator: "\r\n", omittingEmptySubsequences: false)
    while lines.last?.isEmpty == true { lines.removeLast() }
    guard let first = lines.first, !first.isEmpty else { throw .malformedStartLine }
    return lines
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
