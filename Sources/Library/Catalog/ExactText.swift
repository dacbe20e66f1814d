/// A string compared and hashed by its UTF-8 bytes. Swift's `String ==` and `hashValue` follow
/// canonical equivalence, so "Beyonce\u{301}" (NFD) and "Beyonc\u{e9}" (NFC) would be one
/// dictionary key, yet S3 holds them as two objects; the catalog's Swift-side tables use this.
public struct ExactText: Sendable, Hashable, CustomStringConvertible {
    public var string: String
    public init(_ string: String) { self.string = string }
    public var description: String { string }

    public static func == (lhs: ExactText, rhs: ExactText) -> Bool {
        lhs.string.utf8.elementsEqual(rhs.string.utf8)
    }

    public func hash(into hasher: inout Hasher) {
        var string = string
        string.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
