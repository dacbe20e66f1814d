// A minimal, allocation-light reader for the XML that S3 sends back.
//
// S3 responses (ListBucketResult, Error) are machine-written, shallow and small (a 1,000-key
// ListObjectsV2 page is about 300 KB, ~7,000 elements). So instead of a general XML parser
// (FoundationXML is not available everywhere and is slow) we make ONE pass over the bytes and record
// each element as a few integer offsets; text is decoded only when a caller asks for it, straight
// from the byte buffer. No DTDs, namespaces or attributes are interpreted: S3 uses none of them
// beyond the default xmlns on the root element.

/// One pass over an S3 response body that records every element's name and content range.
struct S3XMLScanner: Sendable {
    /// Why a body could not be scanned, with the byte offset where it went wrong.
    struct Malformed: Error, Equatable, CustomStringConvertible {
        var reason: String
        var offset: Int
        var description: String { "\(reason) at byte \(offset)" }
    }

    /// An element as offsets into `bytes`; `content` is everything between the start and end tag.
    struct Element: Sendable {
        var name: Range<Int>
        var content: Range<Int>
        var firstChild = -1
        var nextSibling = -1
    }

    let bytes: [UInt8]
    private(set) var elements: [Element] = []

    /// The document element (elements[0]) once scanning succeeded.
    var root: Int { 0 }

    init(_ bytes: [UInt8]) throws(Malformed) {
        var pass = Pass()
        // A ListBucketResult averages about one element per 40 bytes; this avoids most regrowth.
        pass.elements.reserveCapacity(bytes.count / 40 + 4)
        try bytes.withUnsafeBufferPointer { (buffer) throws(Malformed) in try pass.run(buffer) }
        self.bytes = bytes
        self.elements = pass.elements
    }

    // MARK: Navigation

    /// The children of `element`, in document order.
    func children(of element: Int) -> Children {
        Children(elements: elements, cursor: elements[element].firstChild)
    }

    /// Walks the sibling links; no array is built.
    struct Children: Sequence, IteratorProtocol {
        let elements: [S3XMLScanner.Element]
        var cursor: Int
        mutating func next() -> Int? {
            guard cursor >= 0 else { return nil }
            defer { cursor = elements[cursor].nextSibling }
            return cursor
        }
    }

    /// Whether the element's local name (any "prefix:" dropped) is `name`.
    func isNamed(_ element: Int, _ name: StaticString) -> Bool {
        let range = elements[element].name
        guard range.count == name.utf8CodeUnitCount else { return false }
        return bytes.withUnsafeBufferPointer { hasPrefix(name, $0, at: range.lowerBound) }
    }

    /// The element's local name as a String (for error messages).
    func name(of element: Int) -> String {
        String(decoding: bytes[elements[element].name], as: UTF8.self)
    }

    /// The first child of `element` called `name`.
    func child(of element: Int, named name: StaticString) -> Int? {
        children(of: element).first { isNamed($0, name) }
    }

    /// The element reached from the root by `path`, whose first component names the root itself,
    /// e.g. `element(at: "Error", "Code")`.
    func element(at path: StaticString...) -> Int? {
        guard let first = path.first, !elements.isEmpty, isNamed(root, first) else { return nil }
        var current = root
        for component in path.dropFirst() {
            guard let next = child(of: current, named: component) else { return nil }
            current = next
        }
        return current
    }

    /// The element's text with entities and character references decoded.
    func text(of element: Int) -> String {
        withText(of: element) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the element's decoded text as UTF-8 bytes, without making a String:
    /// the raw bytes when there is nothing to decode (most values), else a temporary buffer.
    func withText<R>(of element: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { buffer in
            let content = UnsafeBufferPointer(rebasing: buffer[elements[element].content])
            if index(of: UInt8(ascii: "&"), in: content, from: 0) == nil,
               index(of: UInt8(ascii: "<"), in: content, from: 0) == nil {
                return try body(content)
            }
            // Decoding only ever shrinks text ("&quot;" → 1 byte, "&#x1F600;" → 4), so the
            // source length is enough room.
            return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: content.count) { scratch in
                let count = S3XMLText.decode(content, into: scratch)
                return try body(UnsafeBufferPointer(rebasing: scratch[..<count]))
            }
        }
    }

    /// The text of `element`'s first child called `name`, if there is one.
    func text(ofChild name: StaticString, in element: Int) -> String? {
        child(of: element, named: name).map(text(of:))
    }

    /// The element's text as a decimal integer, parsed from the bytes (no String made);
    /// nil if it is not one. Leading and trailing whitespace is allowed.
    func integer(of element: Int) -> Int64? {
        var digits = bytes[elements[element].content].drop(while: isSpace)
        while let last = digits.last, isSpace(last) { digits.removeLast() }
        let negative = digits.first == UInt8(ascii: "-")
        if negative { digits.removeFirst() }
        guard !digits.isEmpty else { return nil }
        var value: Int64 = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int64(byte &- UInt8(ascii: "0")))
            if o1 || o2 { return nil }
            value = sum
        }
        return negative ? -value : value
    }
}

/// The scanning state machine, kept apart so `S3XMLScanner` stays an immutable value.
private struct Pass {
    var elements: [S3XMLScanner.Element] = []
    /// Open elements and the last child seen under each, to link siblings in O(1).
    private var open: [(element: Int, lastChild: Int, rawName: Range<Int>)] = []
    private var rootClosed = false

    typealias Malformed = S3XMLScanner.Malformed

    mutating func run(_ b: UnsafeBufferPointer<UInt8>) throws(Malformed) {
        let n = b.count
        // A UTF-8 byte order mark may precede the XML declaration (XML 1.0 section 4.3.3).
        var i = n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0
        while i < n {
            // Character data is not copied: an element's content is the range between its tags.
            guard let lt = index(of: UInt8(ascii: "<"), in: b, from: i) else {
                try requireOnlyWhitespace(b, i..<n)
                break
            }
            if open.isEmpty { try requireOnlyWhitespace(b, i..<lt) }
            guard lt + 1 < n else { throw Malformed(reason: "unterminated tag", offset: lt) }
            switch b[lt + 1] {
            case UInt8(ascii: "?"):
                i = try skip(past: "?>", in: b, from: lt + 2, what: "processing instruction")
            case UInt8(ascii: "!"):
                i = try skipDeclaration(b, at: lt)
            case UInt8(ascii: "/"):
                i = try closeElement(b, at: lt)
            default:
                i = try openElement(b, at: lt)
            }
        }
        if let unclosed = open.last {
            throw Malformed(reason: "unclosed element", offset: elements[unclosed.element].name.lowerBound)
        }
        guard rootClosed else { throw Malformed(reason: "no root element", offset: n) }
    }

    private mutating func openElement(_ b: UnsafeBufferPointer<UInt8>, at lt: Int) throws(Malformed) -> Int {
        if rootClosed { throw Malformed(reason: "content after the root element", offset: lt) }
        let nameStart = lt + 1
        var i = nameStart
        var localStart = nameStart
        while i < b.count, !isNameEnd(b[i]) {
            if b[i] == UInt8(ascii: ":") { localStart = i + 1 }  // S3 sends no prefixes; proxies may
            i += 1
        }
        guard i > nameStart, i < b.count else { throw Malformed(reason: "bad start tag", offset: lt) }
        let nameEnd = i
        let name = localStart..<nameEnd
        // Skip attributes; a quoted value may contain '>' or '/'.
        var quote: UInt8 = 0
        while i < b.count, b[i] != UInt8(ascii: ">") || quote != 0 {
            let c = b[i]
            if quote != 0 {
                if c == quote { quote = 0 }
            } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                quote = c
            }
            i += 1
        }
        guard i < b.count else { throw Malformed(reason: "unterminated start tag", offset: lt) }
        let selfClosing = b[i - 1] == UInt8(ascii: "/") && quote == 0
        let index = elements.count
        elements.append(.init(name: name, content: (i + 1)..<(i + 1)))
        if let parent = open.indices.last {
            let previous = open[parent].lastChild
            if previous < 0 {
                elements[open[parent].element].firstChild = index
            } else {
                elements[previous].nextSibling = index
            }
            open[parent].lastChild = index
        } else if index != 0 {
            throw Malformed(reason: "second root element", offset: lt)
        }
        if selfClosing {
            if open.isEmpty { rootClosed = true }
        } else {
            open.append((index, -1, nameStart..<nameEnd))
        }
        return i + 1
    }

    private mutating func closeElement(_ b: UnsafeBufferPointer<UInt8>, at lt: Int) throws(Malformed) -> Int {
        guard let top = open.popLast() else { throw Malformed(reason: "end tag without start tag", offset: lt) }
        // The end tag must repeat the start tag's name exactly (XML 1.0 section 3, WFC Element Type
        // Match); comparing in place avoids searching for the '>' first.
        let start = lt + 2
        var i = start + top.rawName.count
        guard i <= b.count, equalBytes(b, start, top.rawName.lowerBound, top.rawName.count) else {
            throw Malformed(reason: i <= b.count ? "mismatched end tag" : "unterminated end tag", offset: lt)
        }
        while i < b.count, isSpace(b[i]) { i += 1 }
        guard i < b.count else { throw Malformed(reason: "unterminated end tag", offset: lt) }
        guard b[i] == UInt8(ascii: ">") else { throw Malformed(reason: "mismatched end tag", offset: lt) }
        elements[top.element].content = elements[top.element].content.lowerBound..<lt
        if open.isEmpty { rootClosed = true }
        return i + 1
    }

    /// `<!-- -->`, `<![CDATA[ ]]>` (left in the content; decoded by `S3XMLText`) and `<!DOCTYPE>`.
    private func skipDeclaration(_ b: UnsafeBufferPointer<UInt8>, at lt: Int) throws(Malformed) -> Int {
        if hasPrefix("<!--", b, at: lt) {
            return try skip(past: "-->", in: b, from: lt + 4, what: "comment")
        }
        if hasPrefix("<![CDATA[", b, at: lt) {
            if open.isEmpty { throw Malformed(reason: "CDATA outside the root element", offset: lt) }
            return try skip(past: "]]>", in: b, from: lt + 9, what: "CDATA section")
        }
        // A DOCTYPE with an internal subset ('[') is not something S3 sends; refuse it.
        guard let gt = index(of: UInt8(ascii: ">"), in: b, from: lt + 2),
              !UnsafeBufferPointer(rebasing: b[lt..<gt]).contains(UInt8(ascii: "[")) else {
            throw Malformed(reason: "unsupported declaration", offset: lt)
        }
        return gt + 1
    }

    private func requireOnlyWhitespace(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) throws(Malformed) {
        for i in range where !isSpace(b[i]) {
            throw Malformed(reason: "text outside the root element", offset: i)
        }
    }

    private func skip(past terminator: StaticString, in b: UnsafeBufferPointer<UInt8>, from start: Int,
                      what: String) throws(Malformed) -> Int {
        let first = terminator.utf8Start.pointee
        var i = start
        while let candidate = index(of: first, in: b, from: i) {
            if hasPrefix(terminator, b, at: candidate) { return candidate + terminator.utf8CodeUnitCount }
            i = candidate + 1
        }
        throw Malformed(reason: "unterminated \(what)", offset: start)
    }
}

// MARK: Byte helpers

// No memchr/memcmp: the spans are a few to a few dozen bytes, where the call costs more than the
// search (memchr was 27% of a 1,000-key parse under perf). Eight bytes at a time instead, with the
// "has zero byte" bit trick; its lowest flagged byte is always a true match.
private func index(of byte: UInt8, in b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
    var i = start
    if let base = b.baseAddress {
        let raw = UnsafeRawPointer(base)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let pattern = UInt64(byte) &* ones
        while i + 8 <= b.count {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) ^ pattern
            let zeros = (word &- ones) & ~word & (ones &* 0x80)
            if zeros != 0 { return i + zeros.trailingZeroBitCount / 8 }
            i += 8
        }
    }
    while i < b.count {
        if b[i] == byte { return i }
        i += 1
    }
    return nil
}

private func equalBytes(_ b: UnsafeBufferPointer<UInt8>, _ x: Int, _ y: Int, _ count: Int) -> Bool {
    var k = 0
    while k < count {
        if b[x + k] != b[y + k] { return false }
        k += 1
    }
    return true
}

func hasPrefix(_ prefix: StaticString, _ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
    let count = prefix.utf8CodeUnitCount
    guard i + count <= b.count else { return false }
    let p = prefix.utf8Start
    var k = 0
    while k < count {
        if b[i + k] != p[k] { return false }
        k += 1
    }
    return true
}

private func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }

private func isNameEnd(_ c: UInt8) -> Bool {
    isSpace(c) || c == UInt8(ascii: ">") || c == UInt8(ascii: "/")
}
