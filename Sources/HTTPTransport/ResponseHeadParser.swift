/// Builds the final response head from libcurl's header lines. libcurl reports every header
/// block it sees (1xx interim responses included), each starting with a status line and ending
/// with a blank line; only the block of the final response counts.
struct ResponseHeadParser {
    private(set) var status: Int?
    private(set) var headers = HTTPHeaders()
    private(set) var isComplete = false

    /// Feeds one raw line (with its CRLF). Returns true when the final head has just completed.
    mutating func consume(_ raw: UnsafeRawBufferPointer) -> Bool {
        guard !isComplete else { return false }
        // Trim CR/LF as bytes: "\r\n" is one Character in Swift, so a Character test misses it.
        var length = raw.count
        while length > 0, raw[length - 1] == 0x0A || raw[length - 1] == 0x0D { length -= 1 }
        let line = String(decoding: UnsafeRawBufferPointer(rebasing: raw[0..<length]), as: UTF8.self)
        if line.isEmpty {
            guard let status, status >= 200 else { return false }
            isComplete = true
            return true
        }
        if line.hasPrefix("HTTP/") {
            let parts = line.split(separator: " ", maxSplits: 2)
            status = parts.count > 1 ? Int(parts[1]) : nil
            headers = HTTPHeaders()
            return false
        }
        guard let colon = line.firstIndex(of: ":") else { return false }
        let name = String(line[..<colon])
        let value = line[line.index(after: colon)...].trimmingCharacters(in: [" ", "\t"])
        headers.append(name: name, value: value)
        return false
    }
}

private extension Substring {
    func trimmingCharacters(in set: Set<Character>) -> String {
        var slice = self[...]
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
