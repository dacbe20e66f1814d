/// Bounds-checked reads over bytes that came from a file: every value read from input is
/// untrusted, so nothing here traps on a short or hostile buffer; a read past the end is nil.
extension Array where Element == UInt8 {
    func byte(at index: Int) -> UInt8? {
        index >= 0 && index < count ? self[index] : nil
    }

    /// `length` bytes from `start`, or nil when they are not all there.
    func bytes(at start: Int, count length: Int) -> ArraySlice<UInt8>? {
        guard start >= 0, length >= 0, start <= count, length <= count - start else { return nil }
        return self[start..<(start + length)]
    }

    /// A big-endian unsigned integer of `width` bytes (at most 4).
    func bigEndian(at start: Int, width: Int) -> UInt32? {
        guard width <= 4, let slice = bytes(at: start, count: width) else { return nil }
        return slice.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }

    /// Whether the ASCII text `tag` is at `start`.
    func hasASCII(_ tag: String, at start: Int) -> Bool {
        let expected = Array(tag.utf8)
        guard let slice = bytes(at: start, count: expected.count) else { return false }
        return slice.elementsEqual(expected)
    }
}

/// A syncsafe integer: 7 bits a byte, the high bit of each byte zero (id3v2.4.0-structure 6.2),
/// so a tag's size never contains a false MPEG sync. Nil when a high bit is set.
func syncsafeValue(_ bytes: ArraySlice<UInt8>) -> Int? {
    guard bytes.count <= 5, bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
    return bytes.reduce(0) { $0 << 7 | Int($1) }
}

/// Reverses the unsynchronisation scheme (id3v2.4.0-structure 6.1, id3v2.3.0 5): the writer put
/// a 0x00 after every 0xFF that was followed by %111xxxxx or 0x00, so every 0xFF 0x00 pair here
/// loses its 0x00.
func removingUnsynchronisation(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count)
    var previousWasFF = false
    for byte in bytes {
        if previousWasFF && byte == 0x00 {
            previousWasFF = false
            continue
        }
        output.append(byte)
        previousWasFF = byte == 0xFF
    }
    return output
}

extension Array where Element == UInt8 {
    /// A little-endian unsigned integer of `width` bytes (at most 8): RIFF, Ogg and Vorbis
    /// comment fields.
    func littleEndian(at start: Int, width: Int) -> UInt64? {
        guard width <= 8, let slice = bytes(at: start, count: width) else { return nil }
        return slice.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    }

    /// A big-endian unsigned integer of `width` bytes (at most 8).
    func bigEndian64(at start: Int, width: Int) -> UInt64? {
        guard width <= 8, let slice = bytes(at: start, count: width) else { return nil }
        return slice.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    }
}
