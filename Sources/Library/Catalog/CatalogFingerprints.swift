/// What the catalog holds per key, for the scanner to decide what to read again: an object whose
/// fingerprint is unchanged keeps its row; a stored key the listing no longer has is deleted.
public struct CatalogFingerprints: Sendable {
    /// Keyed by the key's UTF-8 bytes (NFC and NFD spellings are different objects).
    public private(set) var fingerprintByKey: [ExactText: String]

    public init(fingerprintByKey: [ExactText: String] = [:]) {
        self.fingerprintByKey = fingerprintByKey
    }

    public var count: Int { fingerprintByKey.count }

    public func fingerprint(forKey key: String) -> String? {
        fingerprintByKey[ExactText(key)]
    }

    /// The stored keys, each spelled exactly as stored.
    public var keys: [String] { fingerprintByKey.keys.map(\.string) }
}
