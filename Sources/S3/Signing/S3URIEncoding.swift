// Percent-encoding as SigV4 and S3 define it, which is stricter than Foundation's URL encoders:
// RFC 3986 section 2.3 "unreserved" bytes stay, every other UTF-8 byte becomes %XX (uppercase hex),
// a space is %20 and never "+". Foundation's `addingPercentEncoding` leaves "+", "=", "&" and "~"
// rules to the caller and would let a key such as "a+b" reach S3 as "a b".
//
// Keys are encoded from their UTF-8 bytes exactly as given. No Unicode normalization: S3 stores
// "é" (U+00E9, NFC) and "é" (U+0065 U+0301, NFD) as two different keys, so both must survive as
// written. (Swift's `String ==` treats them as equal; compare `.utf8` when that matters.)

public enum S3URIEncoding {
    /// RFC 3986 unreserved (A-Z a-z 0-9 - . _ ~) kept; every other UTF-8 byte → %XX uppercase; space → %20.
    /// No Unicode normalization (NFC and NFD keys are different S3 keys and must stay distinct).
    ///
    /// `keepingSlashes: true` is for URI paths (an S3 key's "/" is a path separator on the wire);
    /// `false` is for query names and values, where "/" must be %2F (SigV4 canonical query rule).
    public static func encode(_ value: String, keepingSlashes: Bool) -> String {
        var encoded: [UInt8] = []
        encoded.reserveCapacity(value.utf8.count)
        for byte in value.utf8 {
            if isUnreserved(byte) || (keepingSlashes && byte == UInt8(ascii: "/")) {
                encoded.append(byte)
            } else {
                encoded.append(UInt8(ascii: "%"))
                encoded.append(hexDigits[Int(byte >> 4)])
                encoded.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    /// Inverse, for keys returned with encoding-type=url; returns nil on malformed input.
    ///
    /// "+" decodes to a space: with encoding-type=url S3 returns keys form-encoded (space as "+",
    /// a literal "+" as "%2B"), which is why botocore decodes them with `unquote_plus`. `encode`
    /// never emits "+", so `decode(encode(x)) == x` byte for byte. Malformed means a "%" not
    /// followed by two hex digits, or bytes that are not valid UTF-8.
    public static func decode(_ value: String) -> String? {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(value.utf8.count)
        var bytes = value.utf8.makeIterator()
        while let byte = bytes.next() {
            switch byte {
            case UInt8(ascii: "%"):
                guard let high = bytes.next().flatMap(hexValue), let low = bytes.next().flatMap(hexValue) else {
                    return nil
                }
                decoded.append(high << 4 | low)
            case UInt8(ascii: "+"):
                decoded.append(UInt8(ascii: " "))
            default:
                decoded.append(byte)
            }
        }
        // String(validating:) rejects invalid UTF-8 instead of repairing it with U+FFFD, which
        // would silently turn a malformed listing entry into a different (nonexistent) key.
        return String(validating: decoded, as: UTF8.self)
    }

    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        default: return nil
        }
    }
}
